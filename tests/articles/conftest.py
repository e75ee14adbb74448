"""The newsroom's people: a reporter, an editor for each of two sections, the editor-in-chief."""

import pytest

from tests.clients import logged_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory


@pytest.fixture
def other_section(db):
    return SectionFactory(name="Thể thao", slug="the-thao")


@pytest.fixture
def section_editor(section):
    """An editor assigned to `section` ("Kinh tế") only."""
    user = UserFactory(username="bientap-kinhte", is_staff=True, groups=["Biên tập viên"])
    section.editors.add(user)
    return user


@pytest.fixture
def other_editor(other_section):
    """An editor assigned to another section only."""
    user = UserFactory(username="bientap-thethao", is_staff=True, groups=["Biên tập viên"])
    other_section.editors.add(user)
    return user


@pytest.fixture
def section_editor_client(section_editor):
    return logged_in(section_editor)


@pytest.fixture
def other_editor_client(other_editor):
    return logged_in(other_editor)


@pytest.fixture
def reporters_draft(section, reporter):
    return ArticleFactory(
        section=section, owner=reporter, draft=True, title="Nông dân trồng sâm Ngọc Linh"
    )

"""An editor writes, schedules, previews and publishes a story; a reader then finds it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from articles.models import Article
from tests.browser.helpers import expect, log_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Lễ hội cồng chiêng ở Đắk Tô"
BODY = "Đêm hội kéo dài đến sáng, các nghệ nhân trình diễn những bài chiêng cổ."


@pytest.fixture
def editor():
    return UserFactory(username="bientap", is_staff=True, groups=["Biên tập viên"])


@pytest.fixture
def section():
    section = SectionFactory(name="Văn hóa", slug="van-hoa")
    ArticleFactory(section=section, title="Mùa hoa cà phê trắng đồi")
    return section


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "cong-chieng.jpg"
    Image.new("RGB", (1200, 675), (150, 70, 30)).save(path, "JPEG", quality=85)
    return path


def choose_in_autocomplete(page, field_id, typed, option):
    """Django admin's autocomplete (select2): open it, type, pick the option."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.get_by_role("option", name=option).click()


def test_editor_schedules_previews_and_publishes_story_that_readers_then_find(
    open_context, editor, section, photo
):
    admin = log_in(open_context(), editor.username)
    admin.goto("/admin/articles/article/add/")
    admin.get_by_label("Tiêu đề").fill(TITLE)
    admin.get_by_label("Sapo").fill("Hàng nghìn người về dự lễ hội.")
    expect(admin.get_by_label("Slug")).to_have_value("le-hoi-cong-chieng-o-dak-to")
    admin.locator(".ProseMirror[contenteditable=true]").click()
    admin.keyboard.type(BODY)
    tomorrow = timezone.localdate() + timedelta(days=1)
    admin.locator("#id_publish_at_0").fill(f"{tomorrow:%d/%m/%Y}")
    admin.locator("#id_publish_at_1").fill("08:00:00")
    choose_in_autocomplete(admin, "id_section", "Văn", "Văn hóa")
    admin.locator("#id_image").set_input_files(photo)
    admin.get_by_label("Mô tả ảnh (alt)").fill("Nghệ nhân đánh chiêng bên đống lửa")
    admin.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()

    expect(admin.locator(".messagelist")).to_contain_text(TITLE)
    admin.get_by_role("button", name="Gửi duyệt", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã gửi duyệt")
    admin.get_by_role("button", name="Duyệt", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã duyệt")
    expect(admin.get_by_label("Lúc", exact=True)).to_have_value(f"{tomorrow:%Y-%m-%d}T08:00")
    admin.get_by_role("button", name="Hẹn giờ").click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã hẹn giờ")
    story = Article.objects.get(title=TITLE)
    assert story.is_scheduled
    assert BODY in story.body
    assert story.image and story.image_renditions

    admin.locator("a.viewsitelink").click()
    expect(admin.get_by_role("note")).to_contain_text("Bản xem trước")
    expect(admin.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(admin.get_by_role("img", name="Nghệ nhân đánh chiêng")).to_be_visible()

    reader = open_context().new_page()
    reader.goto("/")
    expect(reader.get_by_role("link", name="Mùa hoa cà phê trắng đồi")).to_be_visible()
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)
    assert reader.goto(story.get_absolute_url()).status == 404

    admin.goto("/admin/articles/article/")
    admin.get_by_role("row").filter(has_text=TITLE).get_by_role("checkbox").check()
    admin.locator("select[name=action]").select_option("publish")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("Đã xuất bản 1 bài.")

    reader.goto("/")
    expect(reader.get_by_role("link", name=TITLE).first).to_be_visible()
    reader.get_by_role("searchbox", name="Tìm kiếm").fill("le hoi cong chieng dak to")
    reader.get_by_role("searchbox", name="Tìm kiếm").press("Enter")
    expect(reader.get_by_role("status")).to_contain_text("1 kết quả")
    reader.get_by_role("link", name=TITLE).first.click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.get_by_text(BODY)).to_be_visible()
    expect(reader.get_by_role("note")).to_have_count(0)

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from articles.text import vietnamese_slugify
from tests.factories import ArticleFactory

TITLES = {
    "Đảng bộ tỉnh Kon Tum": "dang-bo-tinh-kon-tum",
    "Công tác dân vận năm 2022": "cong-tac-dan-van-nam-2022",
    "ĐẮK HÀ: Đường về Măng Đen": "dak-ha-duong-ve-mang-den",
    "Người Xơ Đăng mừng lúa mới – “Ăn trâu” 2025!": "nguoi-xo-dang-mung-lua-moi-an-trau-2025",
    "Ủy ban nhân dân tỉnh họp   phiên   thường kỳ": "uy-ban-nhan-dan-tinh-hop-phien-thuong-ky",
    "An ninh trật tự ở Ngọc Hồi": "an-ninh-trat-tu-o-ngoc-hoi",
    "Phở, bánh mì & cà phê sữa đá": "pho-banh-mi-ca-phe-sua-da",
}
SLUG_JS = Path(__file__).resolve().parents[2] / "static/articles/js/admin-slugify.js"


@pytest.mark.parametrize("title, slug", TITLES.items())
def test_vietnamese_titles_make_correct_slugs(title, slug):
    assert vietnamese_slugify(title) == slug


def test_admin_javascript_slug_matches_what_is_saved():
    """The prepopulated slug the editor sees is computed by our script; it must equal Python's."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot run the admin's slug script outside a browser")
    script = f"const f = require({json.dumps(str(SLUG_JS))});" + (
        "const titles = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(titles.map((t) => f(t))));"
    )
    titles = list(TITLES)
    result = subprocess.run(
        [node, "-e", script, json.dumps(titles)], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [vietnamese_slugify(t) for t in titles]


@pytest.mark.django_db
def test_admin_article_form_loads_the_vietnamese_slug_script(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()

    assert "articles/js/admin-slugify.js" in html


@pytest.mark.django_db
def test_story_saved_without_slug_gets_one_from_its_title(section):
    story = ArticleFactory(section=section, title="Đảng bộ tỉnh Kon Tum")

    assert story.slug == "dang-bo-tinh-kon-tum"


@pytest.mark.django_db
def test_same_title_gets_a_unique_slug(section):
    first = ArticleFactory(section=section, title="Đảng bộ tỉnh Kon Tum")
    second = ArticleFactory(section=section, title="Đảng bộ tỉnh Kon Tum")

    assert (first.slug, second.slug) == ("dang-bo-tinh-kon-tum", "dang-bo-tinh-kon-tum-2")


@pytest.mark.django_db
def test_changed_slug_keeps_the_old_url_working_with_301(client, section):
    story = ArticleFactory(section=section, title="Tin cũ")
    old_url = story.get_absolute_url()
    story.slug = "tin-moi"
    story.save()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == reverse("articles:detail", kwargs={"slug": "tin-moi"})
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_old_slug_is_not_given_to_another_story(section):
    story = ArticleFactory(section=section, title="Tin cũ")
    story.slug = "tin-moi"
    story.save()

    other = ArticleFactory(section=section, title="Tin cũ")

    assert other.slug == "tin-cu-2"


@pytest.mark.django_db
def test_old_slug_of_a_draft_is_404_for_readers(client, section):
    story = ArticleFactory(section=section, title="Tin nháp", draft=True)
    story.slug = "tin-nhap-moi"
    story.save()

    assert client.get(reverse("articles:detail", kwargs={"slug": "tin-nhap"})).status_code == 404


@pytest.mark.django_db
def test_editor_typing_a_vietnamese_slug_gets_it_normalized(editor_client, section):
    response = editor_client.post(
        reverse("admin:articles_article_add"),
        admin_article_form(section, title="Tiêu đề", slug="Đường về Măng Đen"),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get().slug == "duong-ve-mang-den"


def admin_article_form(section, **overrides):
    data = {
        "title": "Bài mới",
        "slug": "",
        "standfirst": "Sapo",
        "body": "<p>Nội dung</p>",
        "publish_at_0": "13/01/2022",
        "publish_at_1": "08:30:00",
        "section": section.pk,
        "allow_comments": "on",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data

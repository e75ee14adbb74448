"""A real story from the outlet's current site, turned into a story here, reads whole and right."""

import html
from pathlib import Path

import pytest
from django.utils.html import escape

from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, SectionFactory

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "story-sample.txt"


def read_sample():
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is not here (it comes with the shared folder beside the project)")
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    reply_at = blocks.index("Trả lời")
    return blocks[: reply_at - 1], blocks[reply_at - 1]


@pytest.mark.django_db
def test_story_sample_is_shown_whole_and_correctly(client):
    paragraphs, byline = read_sample()
    story = ArticleFactory(
        section=SectionFactory(name="Thời sự – Chính trị"),
        title="Tổng kết công tác dân vận năm 2021",
        standfirst="",
        body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
    )
    BylineFactory(article=story, author=AuthorFactory(name=byline), role="")

    page = html.unescape(client.get(story.get_absolute_url()).content.decode())

    assert paragraphs[0].startswith("(kontumtv.vn) – ")
    positions = [page.index(p) for p in paragraphs]
    assert positions == sorted(positions), "paragraphs out of order"
    assert "“Dân biết, dân bàn, dân làm, dân kiểm tra, dân thụ hưởng”" in page
    byline_at = page.index('<p class="byline">')
    assert byline_at > positions[-1], "the byline closes the story"
    assert byline in page[byline_at : page.index("</p>", byline_at)]
    assert page.count("(kontumtv.vn) – ") == 1


@pytest.mark.django_db
def test_story_sample_is_found_by_unaccented_search(client):
    paragraphs, _ = read_sample()
    story = ArticleFactory(
        title="Tổng kết công tác dân vận", body="".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    )

    page = client.get("/tim-kiem/", {"q": "quy che dan chu o co so"}).content.decode()

    assert story.get_absolute_url() in page

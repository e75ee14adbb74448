"""Search results: relevance first (title, then standfirst, then body; a phrase above the words
apart), the newest on a tie; snippets in the story's own accents with the words marked;
stable pages; a fixed number of queries. On SQLite and on PostgreSQL alike."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import search
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The ranked ids, the page's stories (with their sections), nav sections; and as every page
# drawn for the page cache, when the next scheduled story goes live.
SEARCH_QUERIES = 3 + 1


@pytest.fixture
def others(section):
    """Stories about something else: a search's words are rarer than in half the archive."""
    return [
        ArticleFactory(
            section=section,
            title=f"Lễ hội cồng chiêng số {n}",
            standfirst="Đồng bào Xơ Đăng mừng lúa mới.",
            body="<p>Già làng kể chuyện bên nhà rông.</p>",
        )
        for n in range(6)
    ]


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def story(section, days=1, title="Tin tức địa phương", standfirst="Sapo.", body="Nội dung."):
    return ArticleFactory(
        section=section,
        title=title,
        standfirst=standfirst,
        body=f"<p>{body}</p>",
        publish_at=days_ago(days),
    )


def found(client, q, **params):
    """The story links of a results page, in order."""
    html = client.get(reverse("articles:search"), {"q": q, **params}).content.decode()
    return re.findall(r'<h2 class="card-title"><a href="([^"]+)">', html)


def snippets(client, q):
    html = client.get(reverse("articles:search"), {"q": q}).content.decode()
    return re.findall(r'<p class="card-standfirst search-snippet">(.*?)</p>', html, re.S)


def test_a_word_in_the_title_ranks_above_the_standfirst_above_the_body(client, section, others):
    in_body = story(section, days=1, body="Nông dân thu hoạch mắc ca trên đồi.")
    in_standfirst = story(section, days=2, standfirst="Nông dân thu hoạch mắc ca.")
    in_title = story(section, days=3, title="Mùa mắc ca ở Đăk Hà")

    urls = found(client, "mac ca")

    assert urls == [s.get_absolute_url() for s in (in_title, in_standfirst, in_body)]


def test_the_words_as_a_phrase_rank_above_the_words_apart(client, section, others):
    apart = story(section, days=1, title="Người dân hào hứng với văn nghệ vận động")
    phrase = story(section, days=9, title="Công tác dân vận ở cơ sở hôm nay")

    assert found(client, "dân vận") == [phrase.get_absolute_url(), apart.get_absolute_url()]


def test_equally_relevant_stories_come_newest_first_then_by_id(client, section, others):
    same = {"title": "Giá sâm Ngọc Linh", "standfirst": "Thị trường sâm.", "body": "Sâm."}
    older = story(section, days=5, **same)
    newer = story(section, days=2, **same)
    moment = days_ago(3)
    first_made = ArticleFactory(section=section, publish_at=moment, **same)
    last_made = ArticleFactory(section=section, publish_at=moment, **same)

    urls = found(client, "sam ngoc linh")

    assert urls == [s.get_absolute_url() for s in (newer, last_made, first_made, older)]


@pytest.mark.parametrize("query", ["dan van", "DÂN VẬN", "Dân Vận"])
def test_text_without_diacritics_is_found_by_a_query_with_them_and_the_reverse(
    client, section, query
):
    typed_plain = story(section, title="Dan van o co so")
    typed_accented = story(section, title="Dân vận ở cơ sở")

    assert set(found(client, query)) == {
        typed_plain.get_absolute_url(),
        typed_accented.get_absolute_url(),
    }


def test_the_snippet_shows_the_story_in_its_accents_with_the_words_marked(client, section):
    story(
        section,
        standfirst="Sapo không liên quan.",
        body="Năm nay Đảng bộ xã tổ chức tổng kết công tác dân vận tại nhà văn hóa thôn.",
    )

    (snippet,) = snippets(client, "dang bo dan van")

    assert "<mark>Đảng</mark> <mark>bộ</mark>" in snippet
    assert "<mark>dân</mark> <mark>vận</mark> tại nhà <mark>văn</mark> hóa thôn." in snippet


def test_every_spelling_of_a_word_is_marked_whatever_its_case_or_accents(client, section):
    story(section, body="ĐẢNG BỘ họp; đảng viên đang chờ, việc Dang-dở. Đăngký, không.")

    (snippet,) = snippets(client, "Đảng")

    for spelling in ("ĐẢNG", "đảng", "đang", "Dang"):
        assert f"<mark>{spelling}</mark>" in snippet
    assert "Đăngký" in snippet and "<mark>Đăng" not in snippet  # whole words only


def test_each_word_is_marked_once_and_only_where_it_folds_to_the_word_sought(client, section):
    story(section, body="Cô gái kız đi chợ, KIZ và kiz ở Kon Tum.")

    (snippet,) = snippets(client, "kız tum")

    assert "<mark>kız</mark> đi chợ" in snippet and "<mark>Tum</mark>." in snippet
    assert "<mark>KIZ</mark>" not in snippet and "<mark>kiz</mark>" not in snippet  # ı is not i
    assert "</mark><mark>" not in snippet


def test_the_snippet_is_escaped(client, section):
    story(section, body="Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; ở Măng Đen.")

    (snippet,) = snippets(client, "mang den")

    marked = "<mark>Măng</mark> <mark>Đen</mark>."
    assert f"Jerry &lt;script&gt;alert(1)&lt;/script&gt; ở {marked}" in snippet
    assert "<script>" not in snippet


def test_a_long_story_is_cut_around_the_words_sought(client, section):
    filler = " ".join(["Nông dân chăm sóc vườn cây."] * 40)
    story(section, body=f"{filler} Cây bời lời cho thu nhập cao. {filler}")

    (snippet,) = snippets(client, "boi loi")

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "Cây <mark>bời</mark> <mark>lời</mark> cho thu nhập cao." in snippet
    assert len(re.sub("<[^>]+>", "", snippet)) <= search.SNIPPET_CHARS + 4


def test_a_story_matched_only_by_its_title_shows_its_standfirst(client, section):
    story(section, title="Khánh thành cầu treo", standfirst="Bà con hết cảnh lội suối.")

    assert snippets(client, "cau treo") == ["Bà con hết cảnh lội suối."]


def test_pages_are_stable_and_cover_every_result_once(client, section, others):
    made = [story(section, days=n, title=f"Hợp tác xã cà phê {n}") for n in range(30)]

    pages = [found(client, "hop tac xa", page=n) for n in (1, 2, 3)]

    assert [len(p) for p in pages] == [12, 12, 6]
    assert [url for page in pages for url in page] == [s.get_absolute_url() for s in made]
    assert found(client, "hop tac xa", page=2) == pages[1]


@pytest.mark.parametrize("count", [3, 40])
def test_a_results_page_runs_a_fixed_number_of_queries(
    client, section, django_assert_num_queries, count
):
    for n in range(count):
        story(section, days=n, title=f"Đường giao thông nông thôn {n}")

    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("articles:search"), {"q": "giao thong", "page": 1})
    assert response.status_code == 200


def test_more_matches_than_are_ranked_are_announced_and_the_newest_ranked(
    client, section, monkeypatch
):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    oldest_first = [story(section, days=n, title=f"Thủy điện số {n}") for n in (5, 4, 3, 2, 1)]
    newest = oldest_first[-1]
    newest.title, newest.body = "Khánh thành nhà máy", "<p>Nhà máy thủy điện số 1.</p>"
    newest.save()  # the newest, and now the least relevant

    html = client.get(reverse("articles:search"), {"q": "thuy dien"}).content.decode()

    assert "Hơn 3 kết quả cho “thuy dien”" in html
    ranked = [oldest_first[i].get_absolute_url() for i in (3, 2, 4)]
    assert found(client, "thuy dien") == ranked


def test_drafts_scheduled_and_withdrawn_stories_are_not_found(client, section):
    shown = story(section, title="Bầu cử đại biểu")
    ArticleFactory(section=section, title="Bầu cử đại biểu", draft=True)
    ArticleFactory(section=section, title="Bầu cử đại biểu", scheduled=True)
    ArticleFactory(section=section, title="Bầu cử đại biểu", status="unpublished")

    assert found(client, "bau cu") == [shown.get_absolute_url()]

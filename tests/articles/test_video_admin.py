"""Videos in the admin: each processing state shown, retried by button or list action, caption
tracks uploaded through the inline and served as WebVTT (and searched), YouTube links, and who
sees and changes which video."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import CaptionTrack, Video
from tests.clients import logged_in
from tests.clips import clip_bytes
from tests.conftest import stored_media
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_video_changelist")
SRT = (
    "1\n00:00:00,500 --> 00:00:02,000\nĐèo Măng Đen sạt lở nặng.\n\n"
    "2\n00:00:02,500 --> 00:00:04,000\nXe khách phải quay đầu.\n"
)
VTT = "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nA landslide closes the pass.\n"
BROKEN_SRT = "1\n00:00:01,000 --> 00:00:02,000\nChào\n\n2\n00:00:05 --> 00:00:06,000\nSai\n"
FAILURE = "ffmpeg exited with status 1: moov atom not found"


def srt(text=SRT):
    return SimpleUploadedFile("phu-de.srt", text.encode(), "application/x-subrip")


def vtt(text=VTT):
    return SimpleUploadedFile("phu-de.vtt", text.encode(), "text/vtt")


def clip_file():
    return SimpleUploadedFile("ban-tin.mp4", clip_bytes(seconds=1, size="320x180"), "video/mp4")


def form_data(article, tracks=(), existing=(), **fields):
    """What a browser posts from the video form: `tracks` are new (language, file) rows, then
    the blank row the page always offers; `existing` are the video's stored tracks."""
    data = {"article": article.pk, "is_lead": "on", "youtube_url": "", "caption": "Bản tin trưa"}
    rows = [(t, None) for t in existing] + [(None, t) for t in tracks] + [(None, ("vi", None))]
    data["captions-TOTAL_FORMS"], data["captions-INITIAL_FORMS"] = len(rows), len(existing)
    for i, (stored, new) in enumerate(rows):
        prefix = f"captions-{i}-"
        if stored:
            data |= {prefix + "id": stored.pk, prefix + "video": stored.video_id}
            language, upload, default = stored.language, None, stored.is_default
        else:
            (language, upload), default = new, new[0] == "vi"
        data[prefix + "language"] = language
        if default:
            data[prefix + "is_default"] = "on"
        if upload:
            data[prefix + "file"] = upload
    return {**data, **fields}


def add(client, article, tracks=(), **fields):
    fields.setdefault("original", clip_file())
    return client.post(reverse("admin:articles_video_add"), form_data(article, tracks, **fields))


def change(client, video, tracks=(), **fields):
    url = reverse("admin:articles_video_change", args=[video.pk])
    existing = list(video.captions.all())
    return client.post(url, form_data(video.article, tracks, existing, **fields))


def stored_video(article, **fields):
    """A video as the worker left it (the file is not a clip: nothing here processes it)."""
    original = SimpleUploadedFile("a.mp4", b"clip")
    return Video.objects.create(article=article, original=original, **fields)


def act(client, action, *videos, follow=True):
    data = {"action": action, ACTION_CHECKBOX_NAME: [v.pk for v in videos]}
    return client.post(CHANGELIST, data, follow=follow)


def captions_url(article, lang="vi"):
    return reverse("articles:captions", kwargs={"slug": article.slug, "lang": lang})


def squeeze(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def capture_on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


# The processing state, and trying again


@pytest.fixture
def videos_in_each_state(section):
    def story(title, **fields):
        return stored_video(ArticleFactory(section=section, title=title), **fields)

    return {
        "queued": story("Chờ xử lý"),
        "processing": story("Đang mã hoá", state=Video.State.PROCESSING, progress=42),
        "ready": story("Đã xong", state=Video.State.READY),
        "failed": story("Hỏng", state=Video.State.FAILED, failure=FAILURE, attempts=1),
    }


def test_change_list_shows_each_video_s_state_and_the_progress_of_a_running_one(
    editor_client, videos_in_each_state
):
    page = squeeze(editor_client.get(CHANGELIST))
    for label in ("Đang chờ xử lý", "Đang xử lý 42 %", "Sẵn sàng", "Lỗi"):
        assert f'<span class="video-state-label">{label}</span>' in page
    assert '<progress max="100" value="42">' in page
    assert FAILURE not in page  # the reason is on the video's own page


@pytest.mark.parametrize(
    ("state", "shown", "button"),
    [
        ("queued", "Đang chờ xử lý", "Lưu và xử lý lại"),
        ("processing", '<progress max="100" value="42">42 %</progress>', "Lưu và xử lý lại"),
        ("ready", "Sẵn sàng", "Lưu và xử lý lại"),
        ("failed", f"<strong>Lý do:</strong> <code>{FAILURE}</code>", "Thử lại"),
    ],
)
def test_change_page_shows_the_state_and_a_failed_video_s_reason_and_retry_button(
    editor_client, videos_in_each_state, state, shown, button
):
    video = videos_in_each_state[state]
    page = squeeze(editor_client.get(reverse("admin:articles_video_change", args=[video.pk])))
    assert shown in page
    assert f'<button type="submit" name="_process_again" value="1" class="button"> {button}' in page
    assert ("Lý do:" in page) == (state == "failed")


def test_retry_button_queues_a_failed_video_again_and_the_worker_makes_it_ready(
    editor_client, article, capture_on_commit
):
    assert add(editor_client, article).status_code == 302
    video = Video.objects.get(article=article)
    Video.objects.filter(pk=video.pk).update(state="failed", failure=FAILURE, attempts=1)

    with capture_on_commit() as after_commit:
        response = change(editor_client, video, _process_again="1")
    assert response.status_code == 302
    video.refresh_from_db()
    assert (video.state, video.failure, video.attempts) == (Video.State.QUEUED, "", 1)

    for callback in after_commit:  # the transaction commits: the worker takes the clip
        callback()
    video.refresh_from_db()
    assert (video.state, video.attempts) == (Video.State.READY, 2), video.failure


def test_process_again_action_queues_the_selected_uploads_and_skips_youtube(
    editor_client, section, capture_on_commit
):
    stories = ArticleFactory.create_batch(3, section=section)
    for story in stories[:2]:
        add(editor_client, story)
    add(editor_client, stories[2], original="", youtube_url="https://youtu.be/dQw4w9WgXcQ")
    Video.objects.filter(source="upload").update(state="failed", failure=FAILURE, attempts=1)

    with capture_on_commit(execute=True):
        response = act(editor_client, "process_again", *Video.objects.all())
    assert "Đã đưa 2 video vào hàng đợi." in response.content.decode()
    uploads = Video.objects.filter(source="upload")
    assert [(v.state, v.attempts, v.failure) for v in uploads] == [("ready", 2, "")] * 2
    assert Video.objects.get(source="youtube").attempts == 0


def test_process_again_action_is_offered_only_to_those_who_may_change_videos(
    editor_client, reporter_client, moderator_client, reporters_draft, capture_on_commit
):
    video = stored_video(reporters_draft, state="failed", failure=FAILURE, attempts=1)
    looker = UserFactory(username="chixem", is_staff=True)
    looker.user_permissions.add(Permission.objects.get(codename="view_video"))
    option = '<option value="process_again">'
    assert option in editor_client.get(CHANGELIST).content.decode()
    assert option in reporter_client.get(CHANGELIST).content.decode()
    assert option not in logged_in(looker).get(CHANGELIST).content.decode()
    assert moderator_client.get(CHANGELIST).status_code == 403

    with capture_on_commit(execute=True):
        act(logged_in(looker), "process_again", video)
        act(moderator_client, "process_again", video, follow=False)
    video.refresh_from_db()
    assert (video.state, video.failure, video.attempts) == ("failed", FAILURE, 1)


def test_process_again_leaves_videos_of_stories_the_user_may_not_edit(
    reporter_client, other_editor_client, article, capture_on_commit
):
    video = stored_video(article, state=Video.State.FAILED, failure=FAILURE, attempts=1)
    with capture_on_commit(execute=True):
        act(reporter_client, "process_again", video)  # not their story: not even listed
        listed = act(other_editor_client, "process_again", video)  # editor of another section
        button = change(other_editor_client, video, _process_again="1")
    assert "Bỏ qua 1 video của bài bạn không được sửa." in listed.content.decode()
    assert button.status_code == 403
    video.refresh_from_db()
    assert (video.state, video.failure, video.attempts) == ("failed", FAILURE, 1)


# Caption tracks


def test_a_clip_uploaded_without_captions_is_not_held_up_by_the_blank_caption_row(
    editor_client, article
):
    response = add(editor_client, article)
    assert response.status_code == 302, squeeze(response)[-3000:]
    video = Video.objects.get(article=article)
    assert video.state == Video.State.QUEUED and not video.captions.exists()


def test_vietnamese_is_the_language_of_a_new_caption_track_and_it_is_shown_by_default(
    editor_client,
):
    response = editor_client.get(reverse("admin:articles_video_add"))
    row = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert (row["language"].value(), row["is_default"].value()) == ("vi", True)
    assert '<option value="vi" selected>Tiếng Việt</option>' in response.content.decode()


def test_srt_captions_are_served_as_webvtt(editor_client, client, article):
    response = add(editor_client, article, tracks=[("vi", srt())])
    assert response.status_code == 302, squeeze(response)[-3000:]

    served = client.get(captions_url(article))
    assert served.status_code == 200
    assert served["Content-Type"] == "text/vtt; charset=utf-8"
    assert served.content.decode() == (
        "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nĐèo Măng Đen sạt lở nặng.\n\n"
        "00:00:02.500 --> 00:00:04.000\nXe khách phải quay đầu.\n"
    )
    track = CaptionTrack.objects.get(video__article=article)
    assert (track.language, track.is_default) == ("vi", True)
    assert track.transcript == "Đèo Măng Đen sạt lở nặng. Xe khách phải quay đầu."


def test_an_english_webvtt_track_is_added_beside_the_vietnamese_one_and_kept_as_uploaded(
    editor_client, client, article
):
    add(editor_client, article, tracks=[("vi", srt())])
    video = Video.objects.get(article=article)

    response = change(editor_client, video, tracks=[("en", vtt())])
    assert response.status_code == 302, squeeze(response)[-3000:]
    assert [(t.language, t.is_default) for t in video.captions.all()] == [
        ("vi", True),
        ("en", False),
    ]
    assert client.get(captions_url(article, "en")).content.decode() == VTT
    assert "Đèo Măng Đen" in client.get(captions_url(article, "vi")).content.decode()
    page = squeeze(editor_client.get(reverse("admin:articles_video_change", args=[video.pk])))
    lines = re.findall(r'<td class="field-lines"> <p>(.+?)</p>', page)
    assert lines == ["2", "1", "—"]  # Vietnamese, English, the template of a new row


def test_a_broken_caption_file_is_refused_with_its_line_and_nothing_is_stored(
    editor_client, article
):
    response = add(editor_client, article, tracks=[("vi", srt(BROKEN_SRT))], caption="Lũ ở Kon Tum")
    assert response.status_code == 200
    page = squeeze(response)
    assert "Dòng 6: thời gian không hợp lệ (“00:00:05 --&gt; 00:00:06,000”)." in page
    assert 'value="Lũ ở Kon Tum"' in page  # what the editor typed is still there
    assert response.context["adminform"].form["article"].value() == str(article.pk)
    assert not Video.objects.exists() and not CaptionTrack.objects.exists()
    assert stored_media() == []


def test_two_tracks_in_one_language_are_refused(editor_client, article):
    response = add(editor_client, article, tracks=[("vi", srt()), ("vi", vtt())])
    assert response.status_code == 200
    assert "Hãy sửa các giá trị trùng lặp dưới đây." in response.content.decode()
    assert not Video.objects.exists()


def test_captions_of_a_draft_story_are_served_to_its_reporter_but_not_to_readers(
    reporter_client, client, reporters_draft
):
    response = add(reporter_client, reporters_draft, tracks=[("vi", srt())])
    assert response.status_code == 302, squeeze(response)[-3000:]
    assert reporter_client.get(captions_url(reporters_draft)).status_code == 200
    assert client.get(captions_url(reporters_draft)).status_code == 404


def test_a_word_spoken_only_in_the_captions_finds_the_story(editor_client, client, article):
    search = reverse("articles:search")
    assert article.title not in client.get(search, {"q": "Măng Đen"}).content.decode()

    add(editor_client, article, tracks=[("vi", srt())])

    for query in ("Măng Đen", "mang den", "quay đầu"):
        assert article.title in client.get(search, {"q": query}).content.decode(), query


# YouTube instead of a file


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?t=42",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "youtube.com/watch?v=dQw4w9WgXcQ&list=PL1",
    ],
)
def test_a_youtube_address_makes_a_video_ready_at_once(editor_client, article, url):
    response = add(editor_client, article, original="", youtube_url=url)
    assert response.status_code == 302, squeeze(response)[-3000:]
    video = Video.objects.get(article=article)
    assert (video.source, video.youtube_id, video.state) == ("youtube", "dQw4w9WgXcQ", "ready")
    assert not video.original and video.attempts == 0


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"original": "", "youtube_url": "https://vimeo.com/76979871"}, "Đây không phải địa chỉ"),
        ({"original": "", "youtube_url": "https://youtube.com/@vtv24"}, "Đây không phải địa chỉ"),
        ({"youtube_url": "https://youtu.be/dQw4w9WgXcQ"}, "Chọn một nguồn: tệp video hoặc"),
        ({"original": ""}, "Hãy tải lên một tệp video hoặc dán địa chỉ video YouTube."),
    ],
    ids=["not-youtube", "a-channel", "file-and-address", "neither"],
)
def test_a_video_needs_exactly_one_source_a_clip_or_a_youtube_video(
    editor_client, article, fields, message
):
    response = add(editor_client, article, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Video.objects.exists()


# Who sees which video


def test_a_reporter_lists_only_the_videos_of_their_own_stories(
    reporter_client, editor_client, article, reporters_draft
):
    theirs, others = stored_video(reporters_draft), stored_video(article)
    listed = reporter_client.get(CHANGELIST)
    assert list(listed.context["cl"].result_list) == [theirs]
    assert article.title not in listed.content.decode()
    assert set(editor_client.get(CHANGELIST).context["cl"].result_list) == {theirs, others}


def test_a_reporter_cannot_open_or_change_the_video_of_someone_else_s_story(
    reporter_client, article
):
    video = stored_video(article, caption="Của người khác")
    url = reverse("admin:articles_video_change", args=[video.pk])
    opened = reporter_client.get(url)
    assert opened.status_code == 302 and opened["Location"] == reverse("admin:index")
    changed = change(reporter_client, video, caption="Sửa trộm")
    assert changed.status_code == 302 and changed["Location"] == reverse("admin:index")
    video.refresh_from_db()
    assert video.caption == "Của người khác"


def test_a_caption_address_holding_no_language_code_is_a_404(client, article):
    """Found by the fuzzing reader (tests/security): a NUL byte reached PostgreSQL, a 500."""
    for lang in ("%00", "v%00i", "..", "vi%20en"):
        url = f"/video/{article.slug}/phu-de/{lang}.vtt"
        assert client.get(url).status_code == 404, lang

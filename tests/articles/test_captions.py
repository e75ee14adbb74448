"""Captions for video stories: SRT or WebVTT uploads read, checked line by line, made WebVTT."""

import pytest
from django.core.exceptions import ValidationError

from articles.captions import (
    MAX_CUES,
    MAX_LINE_LENGTH,
    CaptionError,
    Cue,
    convert,
    decode,
    parse,
    to_webvtt,
    transcript,
)
from tests.conftest import image_bytes

SRT = (
    "1\n"
    "00:00:01,000 --> 00:00:03,500\n"
    "Chào mừng quý vị đến với bản tin thời sự\n"
    "\n"
    "2\n"
    "00:00:04,000 --> 00:00:06,250\n"
    "<i>Hôm nay</i>, mưa lớn ở Kon Tum.\n"
    "Đường Hùng Vương ngập sâu.\n"
    "\n"
    "3\n"
    "01:02:03,004 --> 01:02:05,000\n"
    "Xin cảm ơn.\n"
)

SRT_AS_WEBVTT = (
    "WEBVTT\n"
    "\n"
    "00:00:01.000 --> 00:00:03.500\n"
    "Chào mừng quý vị đến với bản tin thời sự\n"
    "\n"
    "00:00:04.000 --> 00:00:06.250\n"
    "<i>Hôm nay</i>, mưa lớn ở Kon Tum.\n"
    "Đường Hùng Vương ngập sâu.\n"
    "\n"
    "01:02:03.004 --> 01:02:05.000\n"
    "Xin cảm ơn.\n"
)


def caption_error(text):
    with pytest.raises(CaptionError) as raised:
        parse(text)
    return raised.value


def srt_cue(number, text="Xin chào"):
    return f"{number}\n00:00:01,000 --> 00:00:02,000\n{text}\n\n"


# Reading WebVTT


def test_webvtt_cues_are_read_with_hours_less_timestamps_identifiers_and_settings():
    cues = parse(
        "WEBVTT - Bản tin 19 giờ\n"
        "Kind: captions\n"
        "Language: vi\n"
        "\n"
        "mo-dau\n"
        "01:02.500 --> 01:04.000 align:start position:10%\n"
        "Chào buổi tối.\n"
        "\n"
        "01:00:00.000 --> 01:00:01.250\tline:0\n"
        "Dòng một\n"
        "Dòng hai\n"
    )

    assert cues == [
        Cue(62.5, 64.0, "Chào buổi tối."),
        Cue(3600.0, 3601.25, "Dòng một\nDòng hai"),
    ]


def test_webvtt_note_style_and_region_blocks_are_skipped():
    cues = parse(
        "WEBVTT\n"
        "\n"
        "STYLE\n"
        "::cue { color: yellow }\n"
        "\n"
        "REGION\n"
        "id:duoi\n"
        "\n"
        "NOTE Biên tập viên: kiểm tra lại tên riêng\n"
        "trước khi đăng\n"
        "\n"
        "NOTE\n"
        "\n"
        "00:01.000 --> 00:02.000\n"
        "Chỉ câu này là câu thoại.\n"
    )

    assert cues == [Cue(1.0, 2.0, "Chỉ câu này là câu thoại.")]


def test_webvtt_passes_through_unchanged_apart_from_identifiers_and_settings():
    webvtt, _transcript = convert(
        b"WEBVTT\n\nmo-dau\n01:02.500 --> 01:04.000 align:start\nTom &amp; Jerry <b>nhanh</b>\n"
    )

    assert webvtt == "WEBVTT\n\n00:01:02.500 --> 00:01:04.000\nTom &amp; Jerry <b>nhanh</b>\n"


# Reading SRT


def test_srt_is_converted_to_webvtt():
    data = ("\ufeff" + SRT.replace("\n", "\r\n")).encode()

    webvtt, _transcript = convert(data)

    assert webvtt == SRT_AS_WEBVTT


def test_srt_cues_are_read_in_seconds():
    assert parse(SRT) == [
        Cue(1.0, 3.5, "Chào mừng quý vị đến với bản tin thời sự"),
        Cue(4.0, 6.25, "<i>Hôm nay</i>, mưa lớn ở Kon Tum.\nĐường Hùng Vương ngập sâu."),
        Cue(3723.004, 3725.0, "Xin cảm ơn."),
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_endings_are_read(newline):
    assert parse(SRT.replace("\n", newline)) == parse(SRT)


def test_bom_is_dropped_from_text_as_well_as_bytes():
    assert parse("\ufeff" + SRT) == parse(SRT)
    assert decode(("\ufeff" + SRT).encode()) == SRT


def test_format_is_detected_by_content_not_by_name():
    unnumbered = "\n\n00:00:01,000 --> 00:00:02,000\nKhông đánh số\n"
    looks_like_webvtt_later = srt_cue(1, "WEBVTT")

    assert parse(unnumbered) == [Cue(1.0, 2.0, "Không đánh số")]
    assert parse(looks_like_webvtt_later) == [Cue(1.0, 2.0, "WEBVTT")]


def test_cue_without_text_is_skipped():
    cues = parse("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nCó chữ\n")

    assert cues == [Cue(3.0, 4.0, "Có chữ")]


# Errors name the line to fix


def test_malformed_timestamp_is_refused_with_its_line_quoted():
    text = (srt_cue(1) + "2\n00:00:0x,000 --> 00:00:08,000\nHỏng\n").replace("\n", "\r\n")

    error = caption_error(text)

    assert error.line == 6
    assert error.message == "Dòng 6: thời gian không hợp lệ (“00:00:0x,000 --> 00:00:08,000”)."
    assert isinstance(error, ValidationError)
    assert error.messages == [error.message]


@pytest.mark.parametrize(
    ("timing", "code"),
    [
        ("00:00:01 --> 00:00:02", "invalid_timing"),  # no milliseconds
        ("00:00:01,00 --> 00:00:02,000", "invalid_timing"),
        ("00:60:00,000 --> 01:00:00,000", "invalid_timing"),  # 60 minutes
        ("00:00:01,000 --> 00:00:02,000x", "invalid_timing"),
        ("00:00:01,000 -> 00:00:02,000", "missing_timing"),  # not a timing line at all
    ],
)
def test_malformed_timestamps_are_refused(timing, code):
    error = caption_error(srt_cue(1) + srt_cue(2) + f"3\n{timing}\nHỏng\n")

    assert (error.line, error.code) == (10, code)


def test_end_before_start_is_refused():
    error = caption_error("WEBVTT\n\n00:05.000 --> 00:04.999\nNgược\n")

    assert error.line == 3
    assert error.code == "end_before_start"
    assert error.message.startswith("Dòng 3: thời điểm kết thúc sớm hơn thời điểm bắt đầu")
    assert parse("WEBVTT\n\n00:05.000 --> 00:05.000\nChớp mắt\n") == [Cue(5.0, 5.0, "Chớp mắt")]


def test_srt_number_followed_by_text_is_refused_at_the_text():
    error = caption_error(srt_cue(1) + "2\nThiếu dòng thời gian\n")

    assert error.line == 6
    assert error.code == "missing_timing"
    assert "“Thiếu dòng thời gian”" in error.message


def test_stray_text_block_is_refused_at_its_first_line():
    error = caption_error(srt_cue(1) + "Một đoạn lạc\nvà dòng nữa\n")

    assert error.line == 5
    assert error.code == "missing_timing"


def test_webvtt_identifier_followed_by_text_is_refused_at_the_text():
    error = caption_error("WEBVTT\n\ncau-1\nKhông có thời gian\n")

    assert error.line == 4
    assert error.code == "missing_timing"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (srt_cue(1, "Câu một").rstrip("\n") + "\n" + srt_cue(2), 5),  # cue 2 glued to cue 1
        ("WEBVTT\n00:00:01.000 --> 00:00:02.000\nDính vào phần đầu\n", 2),  # and to the header
    ],
    ids=["srt", "webvtt-header"],
)
def test_missing_blank_line_before_a_cue_is_refused(text, line):
    error = caption_error(text)

    assert (error.line, error.code) == (line, "missing_blank_line")


@pytest.mark.parametrize(
    "text",
    [
        "Đây chỉ là một bài viết, không phải phụ đề.\n\nĐoạn hai.",
        "2024\nNăm của những đổi thay",
        "\nWEBVTT\n\n00:01.000 --> 00:02.000\nWEBVTT phải ở dòng đầu\n",
        "WEBVTTX\n",
        image_bytes("JPEG", size=(64, 64)).decode("latin-1"),
    ],
    ids=["prose", "number-then-text", "webvtt-not-first", "webvtt-glued", "jpeg"],
)
def test_file_that_is_neither_webvtt_nor_srt_is_refused_at_line_1(text):
    error = caption_error(text)

    assert error.line == 1
    assert error.code == "not_captions"
    assert error.message == "Dòng 1: đây không phải là tệp phụ đề WebVTT hoặc SRT."


@pytest.mark.parametrize("text", ["", "\ufeff", " \r\n\t\n"])
def test_empty_file_is_refused_at_line_1(text):
    error = caption_error(text)

    assert (error.line, error.code) == (1, "empty")


def test_file_that_is_not_utf8_is_refused_at_line_1():
    utf16 = "1\n00:00:01,000 --> 00:00:02,000\nThời sự\n".encode("utf-16")  # Notepad's "Unicode"

    with pytest.raises(CaptionError) as raised:
        convert(utf16)

    assert raised.value.line == 1
    assert raised.value.code == "not_utf8"
    assert "UTF-8" in raised.value.message


@pytest.mark.parametrize(
    "text",
    [
        "WEBVTT\n",
        "WEBVTT\n\nNOTE chưa dịch\n",
        "WEBVTT\n\n00:01.000 --> 00:02.000\n",
        "1\n00:00:01,000 --> 00:00:02,000\n<i> </i>\n",
    ],
)
def test_file_without_a_single_cue_is_refused(text):
    with pytest.raises(CaptionError) as raised:
        convert(text.encode())

    assert raised.value.message == "Tệp phụ đề không có câu thoại nào."
    assert raised.value.line == 1


def test_overlong_line_is_refused_at_that_line():
    head = "WEBVTT\n\n00:01.000 --> 00:02.000\n"

    assert parse(head + "a" * MAX_LINE_LENGTH) == [Cue(1.0, 2.0, "a" * MAX_LINE_LENGTH)]
    error = caption_error(head + "a" * (MAX_LINE_LENGTH + 1))
    assert (error.line, error.code) == (4, "line_too_long")
    assert error.message == "Dòng 4: dòng dài quá 5.000 ký tự."


def test_more_cues_than_the_limit_are_refused_at_the_first_one_over():
    at_limit = "".join(srt_cue(n) for n in range(1, MAX_CUES + 1))

    assert len(parse(at_limit)) == MAX_CUES
    error = caption_error(at_limit + srt_cue(MAX_CUES + 1))
    assert error.line == 4 * MAX_CUES + 2
    assert error.code == "too_many_cues"


def test_long_line_is_shortened_in_the_message():
    error = caption_error(srt_cue(1) + "2\n" + "9" * 100 + " --> x\nHỏng\n")

    assert error.line == 6
    assert "“" + "9" * 40 + "…”" in error.message


# Writing WebVTT


def test_italic_bold_and_underline_are_kept_and_other_tags_dropped():
    cue = Cue(
        0, 1, '<I>Nghiêng</I> <b class="x">đậm</b> <u>gạch</u> <font color="#ff0">vàng</font>'
    )

    assert to_webvtt([cue]).splitlines()[-1] == "<i>Nghiêng</i> <b>đậm</b> <u>gạch</u> vàng"


def test_webvtt_only_tags_are_dropped_too():
    cue = Cue(0, 1, "<v Lan>Xin chào</v> <c.yellow>các bạn</c> <00:00:00.500>nhé")

    assert to_webvtt([cue]).splitlines()[-1] == "Xin chào các bạn nhé"


def test_bare_ampersands_and_angle_brackets_are_escaped_but_entities_are_not():
    cue = Cue(0, 1, "Lãi 5% > 3% & giá < 10 nghìn; Tom &amp; Jerry &#273;&nbsp;&bogus;")

    assert to_webvtt([cue]).splitlines()[-1] == (
        "Lãi 5% &gt; 3% &amp; giá &lt; 10 nghìn; Tom &amp; Jerry &#273;&nbsp;&amp;bogus;"
    )


def test_arrow_never_reaches_cue_text():
    cue = Cue(0, 1, "Hà Nội --> Huế\n-->\n<b>--></b>")

    webvtt = to_webvtt([cue])

    assert webvtt.count("-->") == 1
    assert webvtt.endswith("Hà Nội → Huế\n→\n<b>→</b>\n")


def test_cue_text_cannot_end_a_cue_early():
    cues = [Cue(0, 1, "Trên\n\n  \nDưới"), Cue(1, 2, "<font>  </font>"), Cue(2, 3, "Sau")]

    assert to_webvtt(cues) == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:01.000\nTrên\nDưới\n\n"
        "00:00:02.000 --> 00:00:03.000\nSau\n"
    )


def test_srt_round_trips_through_webvtt():
    cues = parse(SRT)

    assert parse(to_webvtt(cues)) == cues


def test_writing_webvtt_twice_changes_nothing_more():
    messy = parse(srt_cue(1, "<font color=red>A & B</font> --> <I>c</I> &amp; <x"))

    once = to_webvtt(messy)

    assert to_webvtt(parse(once)) == once


# Transcript


def test_transcript_is_plain_text_without_tags_or_entities():
    cues = [Cue(0, 1, "<i>Tom</i>   &amp;\n<font color=red>Jerry</font>&nbsp; &lt;3")]

    assert transcript(cues) == "Tom & Jerry <3"


def test_transcript_drops_lines_repeated_by_roll_up_captions():
    cues = [
        Cue(0.0, 1.0, "Người dân"),
        Cue(1.0, 2.0, "Người dân\nđã sơ tán"),
        Cue(2.0, 3.0, "đã sơ tán\nkhỏi vùng lũ."),
        Cue(3.0, 4.0, "đã sơ tán\nkhỏi vùng lũ.\nTrưa nay,"),  # three-row roll-up
        Cue(4.0, 5.0, "Trưa nay,\nTrưa nay,\nnước rút."),
    ]

    assert transcript(cues) == "Người dân đã sơ tán khỏi vùng lũ. Trưa nay, nước rút."


def test_transcript_keeps_a_line_repeated_later():
    cues = [Cue(0, 1, "Vâng."), Cue(1, 2, "Tôi hiểu."), Cue(2, 3, "Vâng.")]

    assert transcript(cues) == "Vâng. Tôi hiểu. Vâng."


def test_pause_of_more_than_two_seconds_starts_a_paragraph():
    cues = [
        Cue(0.0, 1.0, "Một"),
        Cue(3.0, 4.0, "hai"),  # a pause of exactly 2 seconds
        Cue(6.5, 7.0, "Ba"),
    ]

    assert transcript(cues) == "Một hai\n\nBa"


def test_long_paragraph_ends_at_the_end_of_a_sentence():
    words = "Mưa lớn kéo dài nhiều ngày qua khiến nước sông dâng cao"
    cues = [Cue(n, n + 1, f"{words} đoạn {n}") for n in range(7)]  # over 400 characters, no stop
    assert len(transcript(cues)) > 400
    cues += [
        Cue(7, 8, "đến hết tuần."),
        Cue(8, 9, "Câu tiếp theo."),
        Cue(9, 10, "Câu cuối."),
    ]

    first, second = transcript(cues).split("\n\n")

    assert first.endswith("đoạn 6 đến hết tuần.")
    assert len(first) > 400
    assert second == "Câu tiếp theo. Câu cuối."


def test_short_paragraph_does_not_end_at_a_sentence():
    cues = [Cue(0, 1, "Câu một."), Cue(1, 2, "Câu hai.")]

    assert transcript(cues) == "Câu một. Câu hai."


def test_convert_returns_webvtt_and_transcript():
    webvtt, text = convert(SRT.encode())

    assert webvtt == SRT_AS_WEBVTT
    assert text == (
        "Chào mừng quý vị đến với bản tin thời sự Hôm nay, mưa lớn ở Kon Tum. "
        "Đường Hùng Vương ngập sâu.\n\nXin cảm ơn."
    )

"""Videos in the admin: upload (checked by ffprobe, encoded by the worker), or a YouTube link;
caption tracks; the processing state with its progress, reason and retry."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import captions, review
from articles.forms import CheckedImageField
from articles.models import Article, CaptionTrack, Video
from articles.video import probe, process, youtube

CAPTION_MAX_BYTES = 2 * 1024 * 1024


class VideoForm(forms.ModelForm):
    youtube_url = forms.URLField(
        label=_("hoặc địa chỉ video YouTube"),
        required=False,
        assume_scheme="https",
        help_text=_(
            "Ví dụ: https://www.youtube.com/watch?v=… Bạn đọc chỉ tải YouTube khi bấm xem."
        ),
    )

    class Meta:
        model = Video
        fields = ["article", "is_lead", "original", "youtube_url", "poster", "caption"]
        field_classes = {"poster": CheckedImageField}
        help_texts = {
            "original": _("MP4, MOV, WebM hoặc MKV. Máy chủ sẽ tạo bản 360p, 720p và HLS."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.probed = None
        if self.instance.youtube_id:
            self.initial["youtube_url"] = self.instance.youtube_url

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if upload and upload is not self.initial.get("original") and hasattr(upload, "chunks"):
            self.probed = probe.check_upload(upload)
        return upload

    def clean_youtube_url(self):
        url = self.cleaned_data.get("youtube_url", "")
        if url and not youtube.video_id(url):
            raise ValidationError(_("Đây không phải địa chỉ một video YouTube."))
        return url

    def clean(self):
        data = super().clean()
        has_file, url = bool(data.get("original")), data.get("youtube_url")
        if "original" in self.errors or "youtube_url" in self.errors:
            return data
        if has_file and url:
            raise ValidationError(_("Chọn một nguồn: tệp video hoặc YouTube, không phải cả hai."))
        if not has_file and not url:
            raise ValidationError(_("Hãy tải lên một tệp video hoặc dán địa chỉ video YouTube."))
        return data

    def save(self, commit=True):
        video = super().save(commit=False)
        url = self.cleaned_data.get("youtube_url")
        if url:
            video.source, video.youtube_id = Video.Source.YOUTUBE, youtube.video_id(url)
            video.original = None
            video.state, video.renditions, video.hls = Video.State.READY, [], ""
        else:
            video.source, video.youtube_id = Video.Source.UPLOAD, ""
        if self.probed:
            info = self.probed
            video.duration, video.width, video.height = info.duration, info.width, info.height
            video.size = info.size
        if "poster" in self.changed_data:
            video.poster_from_video = False
        if commit:
            video.save()
        return video


class CaptionForm(forms.ModelForm):
    file = forms.FileField(
        label=_("tệp phụ đề"),
        required=False,
        help_text=_("WebVTT (.vtt) hoặc SRT (.srt), mã UTF-8. SRT được chuyển sang WebVTT."),
    )

    class Meta:
        model = CaptionTrack
        fields = ["language", "is_default", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            if not self.instance.pk:
                raise ValidationError(_("Hãy chọn tệp phụ đề."))
            return None
        if upload.size > CAPTION_MAX_BYTES:
            raise ValidationError(
                _("Tệp phụ đề quá lớn (%(size)s), tối đa %(max)s.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(CAPTION_MAX_BYTES)}
            )
        self.converted = captions.convert(upload.read())
        return upload

    def has_changed(self):
        # This row's own file only: `self.files` is the whole request's, video file included,
        # and the blank row the page always offers must stay blank when a clip is uploaded.
        return super().has_changed() or bool(self.files.get(self.add_prefix("file")))

    def save(self, commit=True):
        track = super().save(commit=False)
        if self.cleaned_data.get("file"):
            track.webvtt, track.transcript = self.converted
        if commit:
            track.save()
        return track


class CaptionInline(admin.TabularInline):
    model = CaptionTrack
    form = CaptionForm
    extra = 1
    max_num = len(CaptionTrack.Language.choices)
    fields = ["language", "is_default", "file", "lines"]
    readonly_fields = ["lines"]

    @admin.display(description=_("số câu thoại"))
    def lines(self, track):
        return track.webvtt.count(" --> ") if track.pk else "—"


@admin.register(Video)
class VideoAdmin(admin.ModelAdmin):
    form = VideoForm
    inlines = [CaptionInline]
    list_display = ["article", "source", "state_badge", "length", "dimensions", "created"]
    list_filter = ["state", "source", "is_lead"]
    search_fields = ["article__title"]
    autocomplete_fields = ["article"]
    list_select_related = ["article"]
    date_hierarchy = "created"
    actions = ["process_again"]
    readonly_fields = ["processing", "details"]
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
    fieldsets = [
        (None, {"fields": ["article", "is_lead", "caption"]}),
        (_("Nguồn"), {"fields": ["original", "youtube_url", "poster"]}),
        (_("Xử lý"), {"fields": ["processing", "details"]}),
    ]

    class Media:
        js = ["articles/js/admin-video.js"]

    def get_urls(self):
        progress = path(
            "<path:object_id>/progress/",
            self.admin_site.admin_view(self.progress_view),
            name="articles_video_progress",
        )
        return [progress, *super().get_urls()]

    def progress_view(self, request, object_id):
        """The state and progress of one video, for the admin pages to follow it live."""
        video = self.get_object(request, object_id)
        if video is None or not self.has_view_or_change_permission(request, video):
            raise Http404
        return JsonResponse(
            {
                "state": video.state,
                "label": str(video.get_state_display()),
                "progress": video.progress,
                "failure": video.failure,
            }
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("article")
        allowed = review.stories_for(request.user, Article.objects.all())
        return queryset.filter(article__in=allowed.values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = review.stories_for(request.user, Article.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or review.may_edit(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or review.may_edit(request.user, obj.article))

    def save_model(self, request, obj, form, change):
        if not review.may_edit(request.user, obj.article):
            raise PermissionDenied
        new_file = "original" in form.changed_data and obj.original
        if new_file or not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if (new_file or "_process_again" in request.POST) and not obj.is_youtube:
            process.queue(obj)
            messages.info(request, _("Video đã vào hàng đợi xử lý."))

    def delete_queryset(self, request, queryset):
        for video in queryset:
            video.delete()

    @admin.action(description=_("Xử lý lại các video đã chọn"), permissions=["change"])
    def process_again(self, request, queryset):
        uploads = [v for v in queryset if not v.is_youtube and v.original]
        # Editors list every story's video but change only their sections' (as on the page).
        videos = [v for v in uploads if review.may_edit(request.user, v.article)]
        for video in videos:
            process.queue(video)
        count = len(videos)
        self.message_user(
            request,
            ngettext("Đã đưa %d video vào hàng đợi.", "Đã đưa %d video vào hàng đợi.", count)
            % count,
        )
        if skipped := len(uploads) - count:
            self.message_user(
                request,
                ngettext(
                    "Bỏ qua %d video của bài bạn không được sửa.",
                    "Bỏ qua %d video của bài bạn không được sửa.",
                    skipped,
                )
                % skipped,
                messages.WARNING,
            )

    @admin.display(description=_("trạng thái"), ordering="state")
    def state_badge(self, video):
        return render_to_string("admin/articles/video/state.html", {"video": video, "short": True})

    @admin.display(description=_("trạng thái xử lý"))
    def processing(self, video):
        return render_to_string("admin/articles/video/state.html", {"video": video})

    @admin.display(description=_("thông tin"))
    def details(self, video):
        return render_to_string("admin/articles/video/details.html", {"video": video})

    @admin.display(description=_("thời lượng"), ordering="duration")
    def length(self, video):
        return probe.clock(video.duration) if video.duration else "—"

    @admin.display(description=_("kích thước"))
    def dimensions(self, video):
        return f"{video.width}×{video.height}" if video.width else "—"

from django import forms
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles import diffs, images, revisions
from articles.models import Article, Correction
from articles.text import vietnamese_slugify


class CheckedImageField(forms.ImageField):
    """An image upload checked for bytes, pixels (decompression bombs) and format first."""

    def to_python(self, data):
        if data not in self.empty_values:
            images.check_upload(data)
        return super().to_python(data)


class VietnameseSlugField(forms.SlugField):
    """Accepts what an editor types ("Đường về Măng Đen") and stores its slug."""

    def to_python(self, value):
        return vietnamese_slugify(super().to_python(value))


# Said under every time an editor sets in the admin: the admin's own note ("you are N hours
# ahead of the server") stays, and this says plainly which clock the fields use.
TIME_ZONE_HINT = _("Giờ Việt Nam (Asia/Ho_Chi_Minh).")


class ArticleAdminForm(forms.ModelForm):
    """The story form. It remembers which revision it was opened on: when someone else saved
    in the meantime, saving is refused with what they changed, and the form keeps its text."""

    revision_note = forms.CharField(
        label=_("Ghi chú cho lần lưu này"),
        max_length=300,
        required=False,
        help_text=_("Không bắt buộc: hiện trong lịch sử phiên bản."),
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "standfirst",
            "body",
            "publish_at",
            "section",
            "tags",
            "allow_comments",
            "image",
            "image_alt",
            "image_caption",
            "image_credit",
        ]
        field_classes = {"image": CheckedImageField, "slug": VietnameseSlugField}
        # The headline as wide as the editor's column (static/articles/css/desk.css).
        widgets = {"title": forms.TextInput(attrs={"class": "vTextField headline-input"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if "publish_at" in self.fields:
            field = self.fields["publish_at"]
            field.help_text = format_lazy("{} {}", TIME_ZONE_HINT, field.help_text)
        if self.instance.pk:
            self.fields["base_revision"].initial = revisions.latest_number(self.instance)
        pending = getattr(self.instance, "pending_data", None)
        if pending and "tags" in self.fields:
            self.initial["tags"] = [t["id"] for t in pending["tags"]]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale(cleaned.get("base_revision") or 0)
        return cleaned

    def _refuse_stale(self, base):
        # Hold the story's row until this save ends (the admin saves in one transaction): two
        # saves of one story take turns, so the second sees the first's revision.
        if transaction.get_connection().in_atomic_block:
            list(Article.objects.select_for_update().filter(pk=self.instance.pk).values("pk"))
        latest = self.instance.revisions.select_related("author").first()
        if latest is None or latest.number <= base:
            return
        opened = self.instance.revisions.filter(number=base).first()
        self.conflict = {
            "latest": latest,
            "changes": diffs.compare(opened.snapshot, latest.snapshot) if opened else [],
        }
        self.data = self.data.copy()  # saving again, after reading, keeps the text as typed
        self.data[self.add_prefix("base_revision")] = latest.number
        who = latest.author.get_username() if latest.author else _("hệ thống")
        raise forms.ValidationError(
            _(
                "Trong lúc bạn sửa, %(who)s đã lưu bài này (phiên bản %(n)d). Bài chưa được lưu: "
                "nội dung bạn nhập vẫn còn dưới đây. Xem họ đã thay đổi gì, chép phần cần giữ "
                "vào biểu mẫu rồi lưu lại."
            )
            % {"who": who, "n": latest.number},
            code="stale",
        )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class SearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, strip=True)

    def clean_q(self):
        return self.cleaned_data["q"][:200]

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from comments.models import Comment

REQUIRED = {"aria-required": "true"}


class CommentTextMixin:
    """Length limits, tidying and crispy set-up shared by the new-comment and edit forms."""

    def crispy_layout(self):
        """The fields' arrangement; None lets crispy draw them in order."""
        return None

    @cached_property
    def helper(self):
        """How crispy draws the form (inside our own <form> tag); built only when drawn."""
        helper = FormHelper(self)
        helper.form_tag = False
        helper.disable_csrf = True
        if layout := self.crispy_layout():
            helper.layout = layout
        return helper

    def limit_body(self):
        limit = settings.COMMENTS_MAX_LENGTH
        self.fields["body"].widget.attrs["maxlength"] = limit
        self.fields["body"].validators.append(
            MaxLengthValidator(
                limit,
                message=_(
                    "Bình luận dài quá: tối đa %(limit_value)d ký tự (bạn đã viết %(show_value)d)."
                ),
            )
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên của bạn."), code="required")
        return name

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Bình luận ngắn quá."), code="too_short")
        return body

    def refuse_duplicate(self):
        """The database found this text from this address on this story already."""
        message = _("Bạn đã gửi bình luận này cho bài viết này rồi.")
        self.add_error(None, forms.ValidationError(message, code="duplicate"))


class CommentForm(CommentTextMixin, forms.ModelForm):
    """What a reader fills in under a story. `website` is a honeypot; `rendered` a signed time."""

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    remember = forms.BooleanField(
        label=_("Lưu tên và email của tôi trong trình duyệt này cho lần bình luận kế tiếp"),
        required=False,
    )
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    rendered = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        labels = {"name": _("Tên"), "email": _("Email"), "body": _("Bình luận")}
        widgets = {
            "name": forms.TextInput(attrs={**REQUIRED, "autocomplete": "name"}),
            "email": forms.EmailInput(attrs={**REQUIRED, "autocomplete": "email"}),
            "body": forms.Textarea(attrs={**REQUIRED, "rows": 5}),
        }
        error_messages = {
            "name": {
                "required": _("Hãy nhập tên của bạn."),
                "max_length": _("Tên dài quá: tối đa %(limit_value)d ký tự."),
            },
            "email": {
                "required": _("Hãy nhập email (không hiển thị công khai)."),
                "invalid": _("Email này không hợp lệ. Ví dụ đúng: ten@example.com"),
            },
            "body": {"required": _("Hãy viết nội dung bình luận.")},
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.limit_body()

    def crispy_layout(self):
        return Layout(
            "parent",
            "rendered",
            Field("body"),
            Div(Field("name"), Field("email"), css_class="comment-form-person"),
            Field("remember"),
            Div(Field("website"), css_class="hp-field", aria_hidden="true"),
        )

    def clean_email(self):
        """Addresses are kept in lower case, so the same person is recognised cheaply."""
        return self.cleaned_data["email"].strip().lower()

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.approved().filter(pk=parent_id, article=self.article).first()
        if parent is None:
            raise forms.ValidationError(
                _("Bình luận bạn muốn trả lời không còn hiển thị."), code="parent"
            )
        return parent


class CommentEditForm(CommentTextMixin, forms.ModelForm):
    """What the author's browser may change while the comment waits: name and text."""

    class Meta:
        model = Comment
        fields = ["name", "body"]
        labels = CommentForm.Meta.labels
        widgets = CommentForm.Meta.widgets
        error_messages = CommentForm.Meta.error_messages

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_body()

"""The comment forms: a reader's (name, email, text), a staff member's (text only: they post as
themselves) and the author's edit. The text's length limit is the story's rule (`comments.rules`),
checked on the server in any case, with a live counter when JavaScript runs (comments.js).

A form drawn back (with errors, or refused) never shows more of a field than it may hold: text
past a field's limit is cut before anything draws it, and the reader is told how much
(`WithinLimits`)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Byline
from comments import rules, staff
from comments.models import Comment

REQUIRED = {"aria-required": "true"}
COUNTER_TEMPLATE = _("còn %(n)s ký tự")
LIMIT_TEXT = _("Tối đa %(n)d ký tự.")


# A field with no limit of its own (the hidden fields, the honeypot) is drawn back at most
# this long; it is never a reader's text, so it is cut without a word.
UNLIMITED_ECHO = 300
CUT_MESSAGE = _(
    "%(field)s dài hơn giới hạn %(limit)d ký tự; phần vượt quá (%(cut)d ký tự) đã bị cắt. "
    "Hãy xem lại phần cuối rồi gửi lại."
)
CUT_NAMES = {"body": _("Bình luận"), "name": _("Tên"), "note": _("Ghi chú")}


def within(text, limit) -> str:
    """`text` as a reader typed it (line breaks as one character, no outer blanks), cut to
    `limit` characters when it is longer."""
    text = str(text).replace("\r\n", "\n").strip()
    return text[:limit] if limit is not None and len(text) > limit else text


class WithinLimits:
    """Text sent past a field's limit is cut in the form's data before anything draws it, and
    the form refuses it, saying how many characters were cut (`cut`: name -> (limit, cut))."""

    cut: dict = {}

    def text_limit(self, name, field):
        """The most of field `name` that may be drawn back (None: any length)."""
        return getattr(field, "max_length", None)

    def cut_to_limits(self):
        if not self.is_bound:
            return
        data, self.cut = self.data.copy(), {}
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            value = data.get(key)
            if not isinstance(value, str):
                continue
            limit = self.text_limit(name, field)
            kept = within(value, limit or UNLIMITED_ECHO)
            if len(kept) < len(within(value, None)):
                data[key] = kept
                if limit:
                    self.cut[name] = (limit, len(within(value, None)) - len(kept))
        self.data = data

    def clean(self):
        cleaned = super().clean()
        for name, (limit, cut) in self.cut.items():
            field = CUT_NAMES.get(name, self.fields[name].label)
            params = {"field": field, "limit": limit, "cut": cut}
            self.add_error(name, forms.ValidationError(CUT_MESSAGE, "max_length", params))
        return cleaned


def form_for(user, article, data=None, initial=None):
    """The form a story offers `user`: staff comment as themselves, everyone else as a reader."""
    if staff.may_comment_as_staff(user):
        return StaffCommentForm(data, article=article, user=user, initial=initial)
    return CommentForm(data, article=article, initial=initial)


class CommentTextMixin(WithinLimits):
    """Length limits, tidying and crispy set-up shared by the comment forms."""

    max_length = None  # the story's limit, once `limit_body` has set it

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

    def limit_body(self, article):
        """The story's length limit: the `maxlength` attribute, and the server check."""
        self.max_length = rules.in_force(article).max_length
        self.fields["body"].widget.attrs["maxlength"] = self.max_length
        self.cut_to_limits()

    def text_limit(self, name, field):
        return self.max_length if name == "body" else super().text_limit(name, field)

    def counter(self):
        """Under the text box: the limit, which comments.js turns into a live count. The count
        is not a live region; the polite one next to it speaks only near the limit."""
        return HTML(
            format_html(
                '<p class="char-counter" data-char-counter data-for="{}" data-template="{}" '
                'data-near="{}"><span data-counter-text>{}</span>'
                '<span class="visually-hidden" aria-live="polite" data-counter-live></span></p>',
                self["body"].auto_id,
                gettext(COUNTER_TEMPLATE),
                max(10, self.max_length // 10),
                gettext(LIMIT_TEXT) % {"n": self.max_length},
            )
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên của bạn."), code="required")
        return name

    def clean_body(self):
        """Line endings as the browser counts them (one character); a text past the limit was
        cut already (`WithinLimits`), and is refused in `clean`."""
        body = self.cleaned_data["body"].replace("\r\n", "\n").strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Bình luận ngắn quá."), code="too_short")
        return body

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

    def refuse_duplicate(self):
        """The database found this text from this address on this story already."""
        message = _("Bạn đã gửi bình luận này cho bài viết này rồi.")
        self.add_error(None, forms.ValidationError(message, code="duplicate"))


class CommentForm(CommentTextMixin, forms.ModelForm):
    """What a reader fills in under a story. `website` is a honeypot; `rendered` a signed time."""

    as_staff = False
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
        self.limit_body(article)

    def crispy_layout(self):
        return Layout(
            "parent",
            "rendered",
            Field("body"),
            self.counter(),
            Div(Field("name"), Field("email"), css_class="comment-form-person"),
            Field("remember"),
            Div(Field("website"), css_class="hp-field", aria_hidden="true"),
        )

    def clean_email(self):
        """Addresses are kept in lower case, so the same person is recognised cheaply."""
        return self.cleaned_data["email"].strip().lower()


class StaffCommentForm(CommentTextMixin, forms.Form):
    """A logged-in staff member's comment: the text only; they post as themselves, with their
    badge (`comments.staff`)."""

    as_staff = True
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    body = forms.CharField(
        label=CommentForm.Meta.labels["body"],
        widget=CommentForm.Meta.widgets["body"],
        error_messages=CommentForm.Meta.error_messages["body"],
    )

    def __init__(self, *args, article, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.article, self.user = article, user
        self.limit_body(article)

    def crispy_layout(self):
        return Layout("parent", Field("body"), self.counter())

    @cached_property
    def author_name(self):
        return staff.shown_name(self.user)

    @cached_property
    def badge(self):
        """The badge the comment will carry (a Comment.Badge)."""
        return Comment.Badge(staff.badge_for(self.user))

    @cached_property
    def on_byline(self):
        """The staff member writes this story: their comment is marked "Tác giả"."""
        return Byline.objects.filter(article=self.article, author__user=self.user).exists()


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
        self.limit_body(self.instance.article)

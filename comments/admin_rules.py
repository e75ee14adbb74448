"""Comment rules in the admin: the site's, a section's, a story's.

One row for the site, one per section, one per story; each field left empty is "as the level
above" (`comments.rules`). A whole section (politics, say) is made read-only in one place: its
own rule with the mode "Chỉ đọc". A story's rule may only be stricter than its section's unless
the user may loosen it (`comments.loosen_commentrule`: the editor-in-chief, superusers).

Every save or deletion records who changed what in the audit log (COMMENT_RULES). The same
forms serve the rules' own pages and the inlines on a story's and a section's page
(`newsroom.admin` puts them there, with the "Quy định đang áp dụng" panel from `in_force_table`).
"""

from django import forms
from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import audit
from articles.models import AuditEntry
from comments import rules
from comments.models import CommentRule

Scope = CommentRule.Scope
LOOSEN_PERMISSION = "comments.loosen_commentrule"
VALUE_FIELDS = [
    "mode",
    "close_after_days",
    "quiet_from",
    "quiet_until",
    "max_length",
    "max_links",
    "report_threshold",
]
MODE_HELP = gettext_lazy(
    "Để trống: như cấp trên. Đặt “Chỉ đọc” cho một chuyên mục (ví dụ Chính trị) là mọi bài của "
    "chuyên mục đó hiện bình luận nhưng không nhận thêm, chỉ cần đặt một lần ở đây."
)
STORY_HELP = gettext_lazy(
    "Để trống: như chuyên mục. Quy định của bài chỉ được chặt hơn của chuyên mục (trừ Tổng biên "
    "tập). Muốn đóng bình luận của riêng bài này: bỏ ô “cho phép bình luận” ở phần Xuất bản."
)


def field_label(name) -> str:
    if name == "quiet_hours":
        return _("giờ nghỉ")
    return str(CommentRule._meta.get_field(name).verbose_name)


def show_value(name, value) -> str:
    """One value as the admin says it; None is "as the level above"."""
    if value in (None, ""):
        return _("(như cấp trên)")
    if name == "mode":
        return str(CommentRule.Mode(value).label)
    if name == "close_after_days":
        if value == 0:
            return _("không bao giờ đóng")
        return ngettext("%(n)d ngày", "%(n)d ngày", value) % {"n": value}
    if name == "quiet_hours":
        return f"{value[0]:%H:%M}–{value[1]:%H:%M}"
    if name in ("quiet_from", "quiet_until"):
        return f"{value:%H:%M}"
    return str(value)


def show_in_force(name, in_force) -> str:
    value = getattr(in_force, name)
    if name == "quiet_hours" and value is None:
        return _("không có")
    return show_value(name, value)


def in_force_table(in_force, closed_by_hand=False):
    """The "Quy định đang áp dụng" panel: each value and where it comes from."""
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
        (
            (
                field_label(name).capitalize(),
                show_in_force(name, in_force),
                rules.SOURCE_LABELS[in_force.sources[name]],
            )
            for name in rules.FIELDS
        ),
    )
    note = ""
    if closed_by_hand:
        message = _("Bài này đã được đóng bình luận bằng tay (ô “%(field)s”).") % {
            "field": _("cho phép bình luận")
        }
        note = format_html('<p class="help">{}</p>', message)
    return format_html(
        '<table class="comment-rules-in-force"><caption>{}</caption><thead><tr><th scope="col">'
        '{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
        "</table>{}",
        _("Quy định đang áp dụng"),
        _("Mục"),
        _("Giá trị"),
        _("Lấy từ"),
        rows,
        note,
    )


def values_summary(rule) -> str:
    """What one row sets: 'chế độ: Chỉ đọc · độ dài tối đa (ký tự): 500'."""
    own = rules.own_values(rule)
    if not own:
        return _("(như cấp trên)")
    return " · ".join(f"{field_label(n)}: {show_value(n, v)}" for n, v in own.items())


# --- the forms ---------------------------------------------------------------------------


class RuleForm(forms.ModelForm):
    """The values of one rule; `user` and the story's section come from the admin."""

    user = None

    class Meta:
        model = CommentRule
        fields = ["scope", "section", "article", *VALUE_FIELDS]
        help_texts = {"mode": MODE_HELP}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("quiet_from") is None) != (cleaned.get("quiet_until") is None):
            self.add_error(
                "quiet_until", _("Hãy nhập cả giờ bắt đầu và giờ kết thúc, hoặc để trống cả hai.")
            )
        return cleaned

    def story_section(self):
        """The section whose rule this story rule may not loosen (None: not a story's rule)."""
        article = self.cleaned_data.get("article")
        if self.cleaned_data.get("scope") != Scope.STORY or article is None:
            return None
        return article.section

    def refuse_looser(self):
        """A story's rule looser than its section's, without the permission to loosen: say
        which fields, with the section's values, on the form and on each field."""
        section = self.story_section()
        if section is None or (self.user and self.user.has_perm(LOOSEN_PERMISSION)):
            return
        data = {name: self.cleaned_data.get(name) for name in VALUE_FIELDS}
        theirs = rules.for_section(section)
        looser = rules.loosened(rules.own_values(CommentRule(**data)), theirs)
        if not looser:
            return
        named = "; ".join(
            _("%(field)s (chuyên mục: %(value)s)")
            % {"field": field_label(name), "value": show_in_force(name, theirs)}
            for name in looser
        )
        self.add_error(
            None,
            _(
                "Quy định của bài chỉ được chặt hơn quy định của chuyên mục “%(section)s”. Các mục "
                "đang thoáng hơn: %(fields)s. Chỉ Tổng biên tập được đặt thoáng hơn."
            )
            % {"section": section.name, "fields": named},
        )
        for name in looser:
            self.add_error(
                "quiet_from" if name == "quiet_hours" else name,
                _("Thoáng hơn chuyên mục (chuyên mục: %(value)s).")
                % {"value": show_in_force(name, theirs)},
            )


class CommentRuleForm(RuleForm):
    """A rule on its own page: for the site, a section or a story."""

    def clean(self):
        cleaned = super().clean()
        scope, section, article = (cleaned.get(n) for n in ("scope", "section", "article"))
        if scope == Scope.SITE:
            cleaned["section"] = cleaned["article"] = None
            others = CommentRule.objects.filter(scope=Scope.SITE).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("scope", _("Đã có quy định toàn trang: hãy sửa quy định đó."))
        elif scope == Scope.SECTION:
            cleaned["article"] = None
            if section is None:
                self.add_error("section", _("Hãy chọn chuyên mục."))
        elif scope == Scope.STORY:
            cleaned["section"] = None
            if article is None:
                self.add_error("article", _("Hãy chọn bài viết."))
        if not self.errors:
            self.refuse_looser()
        return cleaned


class InlineRuleForm(RuleForm):
    """A rule on the page of its story or section: the scope is the page's."""

    scope = None  # set by the inline

    class Meta(RuleForm.Meta):
        fields = VALUE_FIELDS

    def __init__(self, *args, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.instance.scope = self.scope
        if self.scope == Scope.STORY:
            self.fields["mode"].help_text = STORY_HELP

    def story_section(self):
        return self.parent.section if self.scope == Scope.STORY and self.parent else None

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self.has_changed():
            self.refuse_looser()
        return cleaned


class RuleFormSet(BaseInlineFormSet):
    """Each form knows its page's story or section (the story's section as just edited).

    A page posted without the rule's part (a script, a page drawn before the inline existed)
    leaves the rule as it is, rather than failing the whole save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        total = f"{self.prefix}-TOTAL_FORMS"
        if self.is_bound and total not in self.data:
            self.data = self.data.copy()
            self.data.update({total: "0", f"{self.prefix}-INITIAL_FORMS": "0"})

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "parent": self.instance}


# --- saving and the audit log -------------------------------------------------------------


def record(user, rule, summary) -> None:
    """One COMMENT_RULES entry: on the story, or the section, whose rule changed."""
    fields = audit.entry(AuditEntry.Action.COMMENT_RULES, user, rule.article, summary)
    if rule.scope != Scope.STORY:
        fields["section_id"] = rule.section_id
        fields["subject"] = str(rule)[:250]
    AuditEntry.objects.create(**fields)


def save_rule(request, rule, form) -> None:
    """Save one rule from `form`, stamped with its editor, and record what changed."""
    lead = _("Đặt quy định riêng") if rule.pk is None else _("Đổi quy định")
    changes = [
        f"{field_label(name)}: {show_value(name, form.initial.get(name))} → "
        f"{show_value(name, form.cleaned_data.get(name))}"
        for name in VALUE_FIELDS
        if name in form.changed_data
    ]
    rule.updated_by = request.user
    rule.save()
    record(request.user, rule, f"{lead}: {'; '.join(changes)}" if changes else lead)


def delete_rule(request, rule) -> None:
    summary = _("Bỏ quy định riêng (trở về như cấp trên): %(values)s") % {
        "values": values_summary(rule)
    }
    record(request.user, rule, summary)
    rule.delete()


def save_rule_formset(request, formset) -> None:
    """The inline's rule saved by hand (a stamp and an audit entry), where the formset would
    save it; what was done is left on the formset for the admin's history, as `save()` does."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
    for form in formset.forms:
        if not form.has_changed():
            continue
        rule = form.instance
        if form.cleaned_data.get("DELETE"):
            if rule.pk:
                delete_rule(request, rule)
                formset.deleted_objects.append(rule)
            continue
        is_new = rule.pk is None
        rule = form.save(commit=False)
        setattr(rule, formset.fk.name, formset.instance)
        save_rule(request, rule, form)
        if is_new:
            formset.new_objects.append(rule)
        else:
            formset.changed_objects.append((rule, form.changed_data))


class RuleInline(admin.StackedInline):
    """A section's or a story's own rule, on its page."""

    model = CommentRule
    form = InlineRuleForm
    formset = RuleFormSet
    scope = None
    extra = 1
    max_num = 1
    fields = VALUE_FIELDS
    verbose_name = gettext_lazy("quy định bình luận riêng")
    verbose_name_plural = gettext_lazy("quy định bình luận riêng")

    class Media:
        css = {"all": ["comments/css/rules-admin.css"]}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        bound = {"scope": self.scope, "user": request.user}
        form = type(formset.form.__name__, (formset.form,), bound)
        return type(formset.__name__, (formset,), {"form": form})


class StoryRuleInline(RuleInline):
    scope = Scope.STORY
    fk_name = "article"


class SectionRuleInline(RuleInline):
    scope = Scope.SECTION
    fk_name = "section"


@admin.register(CommentRule)
class CommentRuleAdmin(admin.ModelAdmin):
    form = CommentRuleForm
    list_display = ["scope", "target", "values", "updated", "updated_by"]
    list_display_links = ["scope", "target"]
    list_filter = ["scope"]
    list_select_related = ["section", "article", "updated_by"]
    search_fields = ["section__name", "article__title"]
    autocomplete_fields = ["section", "article"]
    readonly_fields = ["in_force", "updated", "updated_by"]
    fieldsets = [
        (None, {"fields": ["scope", "section", "article"]}),
        (gettext_lazy("Giá trị (để trống: như cấp trên)"), {"fields": VALUE_FIELDS}),
        (gettext_lazy("Đang áp dụng"), {"fields": ["in_force", "updated", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body", "article__search_text")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    @admin.display(description=gettext_lazy("Áp dụng cho"))
    def target(self, rule):
        if rule.scope == Scope.SECTION:
            return rule.section.name
        if rule.scope == Scope.STORY:
            return rule.article.title
        return _("Toàn trang")

    @admin.display(description=gettext_lazy("Giá trị đặt riêng"))
    def values(self, rule):
        return values_summary(rule)

    @admin.display(description=gettext_lazy("Quy định đang áp dụng"))
    def in_force(self, rule):
        if rule.scope == Scope.STORY and rule.article_id:
            return in_force_table(rules.in_force(rule.article), not rule.article.allow_comments)
        if rule.scope == Scope.SECTION and rule.section_id:
            return in_force_table(rules.for_section(rule.section))
        return in_force_table(rules.resolve([rule] if rule.scope == Scope.SITE else []))

    def save_model(self, request, obj, form, change):
        save_rule(request, obj, form)

    def delete_model(self, request, obj):
        delete_rule(request, obj)

    def delete_queryset(self, request, queryset):
        for rule in queryset.select_related("section", "article"):
            delete_rule(request, rule)

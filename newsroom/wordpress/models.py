"""Which stories and comments came from WordPress, under which id there.

A second import finds them by that id (so the same file changes nothing, and a newer export
updates them), and an old `/?p=123` link finds its story. The apps know nothing of these rows;
deleting a story or a comment deletes its row here too. The apps' models are named, not
imported: the story side of the move (`posts.py`, `redirects.py`) never imports the comments app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Imported(models.Model):
    """A WordPress id and what it became here (the model's one-to-one field)."""

    wp_id = models.PositiveIntegerField(_("mã WordPress"), unique=True)

    class Meta:
        abstract = True

    def __str__(self):
        return str(self.wp_id)

    @classmethod
    def find(cls, wp_ids) -> dict:
        """{WordPress id: story or comment} for those of `wp_ids` imported before (two
        queries; plain values, not joined rows, keep a large import's memory down)."""
        field = next(f for f in cls._meta.fields if f.one_to_one)
        pairs = cls.objects.filter(wp_id__in=wp_ids).values_list(field.attname, "wp_id")
        wp_ids_by_pk = dict(pairs)
        found = field.related_model.objects.filter(pk__in=wp_ids_by_pk)
        return {wp_ids_by_pk[obj.pk]: obj for obj in found}


class ImportedStory(Imported):
    """A WordPress post that became `article`."""

    article = models.OneToOneField("articles.Article", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("bài nhập từ WordPress")


class ImportedComment(Imported):
    """A WordPress comment that became `comment`."""

    comment = models.OneToOneField("comments.Comment", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("bình luận nhập từ WordPress")


def ids_from_old_dump(objects) -> list:
    """A portable backup (dumpdata JSON) from before these tables, with the WordPress ids the
    stories and comments carried (`wp_id`) moved here; any other dump comes back as it was."""
    upgraded, moved = [], []
    owners = {
        "articles.article": ("importedstory", "article"),
        "comments.comment": ("importedcomment", "comment"),
    }
    for obj in objects:
        if obj.get("model") in owners and "wp_id" in obj.get("fields", {}):
            fields = {k: v for k, v in obj["fields"].items() if k != "wp_id"}
            model, field = owners[obj["model"]]
            if obj["fields"]["wp_id"] is not None:
                wp_id = obj["fields"]["wp_id"]
                moved.append(
                    {"model": f"wordpress.{model}", "fields": {"wp_id": wp_id, field: obj["pk"]}}
                )
            obj = {**obj, "fields": fields}
        upgraded.append(obj)
    return upgraded + moved

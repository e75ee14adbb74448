"""The stories and comments an import made, found by their WordPress id."""

from newsroom.wordpress.models import ImportedComment, ImportedStory


def story(wp_id):
    return ImportedStory.objects.select_related("article").get(wp_id=wp_id).article


def comment(wp_id):
    return ImportedComment.objects.select_related("comment").get(wp_id=wp_id).comment


def stories(*fields):
    """(WordPress id, the story's `fields`…) of every imported story, by WordPress id."""
    rows = ImportedStory.objects.order_by("wp_id")
    return list(rows.values_list("wp_id", *(f"article__{name}" for name in fields)))


def comments(*fields):
    """(WordPress id, the comment's `fields`…) of every imported comment, by WordPress id."""
    rows = ImportedComment.objects.order_by("wp_id")
    return list(rows.values_list("wp_id", *(f"comment__{name}" for name in fields)))

"""A comment and the moderators' word list (`comment`); readers' likes and reports
(`reactions`); the comment rules per site, section and story (`rules`)."""

from comments.models.comment import Comment, CommentQuerySet, DisallowedWord
from comments.models.reactions import CommentLike, CommentReport
from comments.models.rules import CommentRule

__all__ = [
    "Comment",
    "CommentLike",
    "CommentQuerySet",
    "CommentReport",
    "CommentRule",
    "DisallowedWord",
]

"""What comment writes retire (the keys are named in `articles.page_keys`): a comment only the
story's own page shows, a rule the pages of the stories it covers."""

from articles import page_keys
from comments.models import CommentRule
from newsroom.infra.retire import EVERYTHING


def of_comment(comment) -> set[str]:
    return {page_keys.thread(comment.article_id)}


def of_rule(rule) -> set[str]:
    if rule.scope == CommentRule.Scope.SECTION:
        return {page_keys.section(rule.section_id)}
    if rule.scope == CommentRule.Scope.STORY:
        return {page_keys.story(rule.article_id)}
    return {EVERYTHING}

"""Arrange a story's comments into threads, oldest first, nested up to MAX_DEPTH levels."""

from dataclasses import dataclass, field

MAX_DEPTH = 3


@dataclass
class Node:
    comment: object
    depth: int = 1
    own: bool = False
    editable: bool = False
    replying_to: str = ""
    children: list["Node"] = field(default_factory=list)


def build(comments, *, own_ids=(), editable_ids=()) -> list[Node]:
    """Top-level nodes with their replies; replies deeper than MAX_DEPTH join the last level."""
    nodes = {c.pk: Node(c, own=c.pk in own_ids, editable=c.pk in editable_ids) for c in comments}
    roots = []
    for comment in sorted(comments, key=lambda c: (c.created, c.pk)):
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id)
        if parent is None:
            roots.append(node)
            continue
        if parent.depth >= MAX_DEPTH:
            node.replying_to = parent.comment.name
            while parent.depth >= MAX_DEPTH:
                parent = nodes[parent.comment.parent_id]
        node.depth = parent.depth + 1
        parent.children.append(node)
    return roots

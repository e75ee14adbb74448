from django import template

from articles import dashboard

register = template.Library()


@register.simple_tag
def desk_lists(user):
    """The editors' desk for `user` (see `articles.dashboard`)."""
    return dashboard.lists_for(user)

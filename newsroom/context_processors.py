from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from newsroom.infra import retire


def site(request):
    """Site name and the section navigation, shown on every page (the sections remembered in
    each process until one changes: a section saved retires every page, `all`)."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(
            lambda: retire.remembered("menu", [retire.EVERYTHING], menu_sections)
        ),
    }


def menu_sections() -> list:
    return list(Section.objects.only("name", "slug"))

from django.conf import settings

from articles.models import Section


def site(request):
    """Site name and the section navigation, shown on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": Section.objects.only("name", "slug"),
    }

"""Browsers find the site's icon: from the page's <link>s, and at /favicon.ico."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def static_file(url):
    """The file a /static/… address serves (WhiteNoise serves what the finders find)."""
    assert url.startswith(settings.STATIC_URL)
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, url
    return Path(found)


@pytest.mark.parametrize(
    "path, image_format, size",
    [("/favicon.ico", "ICO", (32, 32)), ("/apple-touch-icon.png", "PNG", (180, 180))],
)
def test_root_icon_addresses_lead_to_the_image(client, path, image_format, size):
    response = client.get(path)

    assert response.status_code == 302
    assert "max-age=86400" in response["Cache-Control"]
    image = Image.open(static_file(response["Location"]))
    assert image.format == image_format
    assert size in image.info.get("sizes", {image.size})  # an .ico holds several sizes


def test_every_page_links_its_icons_and_they_exist(article):
    html = Client().get(article.get_absolute_url()).content.decode()

    for rel in ('rel="icon"', 'rel="apple-touch-icon"'):
        assert rel in html
    for url in ("/static/img/favicon.ico", "/static/img/favicon.svg"):
        assert f'href="{url}' in html
        assert static_file(url).stat().st_size > 0

"""`make bench`'s settings: the production settings, plus the fixed 40 KB baseline page."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"

"""WSGI entry of the bare project (`gunicorn tests.bench.bare.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.bare.settings"

application = get_wsgi_application()

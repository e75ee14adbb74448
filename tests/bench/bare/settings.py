"""A bare Django project: one view, no middleware, no apps, no database. The yardstick for
"what Django itself costs" beside the site's pages (`run.py pages`, "bare Django")."""

SECRET_KEY = "bench-bare-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.bench.bare.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_I18N = False

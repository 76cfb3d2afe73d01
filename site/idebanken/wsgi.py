"""WSGI entry point: `gunicorn --pythonpath site idebanken.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idebanken.settings.production")

application = get_wsgi_application()

"""Settings for a server that staff use."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHE_URL, SECRET_KEY
from .environment import env_bool, env_int

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY is missing: set it in the environment.")
# Cached idea lists, comment threads and filter options are dropped when
# their content changes. With a cache private to each worker process, the
# other processes would go on showing the old content.
if not CACHE_URL:
    raise ImproperlyConfigured(
        "CACHE_URL is missing: set it to a cache that all worker processes "
        "share, such as redis://127.0.0.1:6379/1."
    )

DEBUG = False
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

"""Settings shared by every environment.

Values that differ between machines come from environment variables, listed
with their defaults in `.env.example` at the top of the repository.
"""

from pathlib import Path

import dj_database_url

from .environment import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("IDEBANKEN_VAR_DIR", str(BASE_DIR / "var")))
# The default SQLite database and uploaded media live here.
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "ideapages",
    "news",
    "notifications",
    "workflows",
    "django_comments_xtd",
    "django_comments",
    # After django_comments_xtd, whose pre_save receiver it disconnects in
    # ready().
    "participation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail_modeladmin",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "idebanken.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Everything needs a signed-in user unless a view is marked
    # @login_not_required (the login and password reset pages).
    "idebanken.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "idebanken.middleware.MethodNotAllowedPageMiddleware",
    "idebanken.middleware.OverflowNotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "idebanken.urls"
WSGI_APPLICATION = "idebanken.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "idebanken.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL names another database, for example
# postgres://postgres@127.0.0.1:5432/idebanken.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is
    # locked": each transaction takes the write lock when it begins, and
    # waits up to 20 seconds for it. WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
# The site's password reset under /konto/ is the only one: Wagtail's own
# under /admin/password_reset/ returns 404.
WAGTAIL_PASSWORD_RESET_ENABLED = False
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

# Swedish first; the language menu switches to English for one browser.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Media files are private: they are served by a view that checks the
# session, which hands the bytes to the web server when
# MEDIA_ACCEL_REDIRECT_PREFIX names an internal nginx location.
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX")
# The request header that contains the client's address, as a META key such as
# HTTP_X_REAL_IP, when a reverse proxy sets it. Empty: REMOTE_ADDR. Sign-in
# limits count failures per address.
CLIENT_ADDRESS_HEADER = env_str("CLIENT_ADDRESS_HEADER")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SITE_ID = 1
WAGTAIL_SITE_NAME = "Idébanken"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Document and image types staff may upload in the admin. Nothing that a
# browser would run as a page (HTML, SVG, XML) is accepted.
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "odt",
    "ods",
    "odp",
    "txt",
    "csv",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# The admin shows a default avatar instead of fetching one from Gravatar, which
# would send a hash of each user's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Slugs in ASCII, as for ideas ("cykelstall", not "cykelställ").
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
# The idea process (the workflows app) moves an idea's status while the idea
# page stays live: publishing a correction must not stop the process, and
# finishing the process must not publish an editor's unreviewed draft.
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.finishing.finish_workflow_state"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Stems Swedish words on PostgreSQL ("cykelparkering" finds
        # "Cykelparkeringar"); SQLite has no stemming and ignores it.
        "SEARCH_CONFIG": "swedish",
    }
}
# Wagtail's own tasks (search and reference index updates, file deletion)
# run at once, in the request.
# Mail to people goes through the "mail" backend, which stores each message
# in the database until `manage.py db_worker --backend mail` sends it.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "mail": {
        "BACKEND": env_str("MAIL_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
    },
}

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 8
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "idebanken@localhost")
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "allow_flagging": False,
        "allow_feedback": False,
        "show_feedback": False,
        "who_can_post": "users",
    },
}
COMMENT_MAX_LENGTH = 3000
COMMENTS_XTD_FORM_CLASS = "participation.forms.CommentForm"
# Minutes after posting during which an author may edit their comment.
COMMENT_EDIT_MINUTES = env_int("COMMENT_EDIT_MINUTES", 30)
# Comments shown on one page of a thread. Whole top-level threads stay on
# one page, so a page contains more when one thread alone is longer.
COMMENTS_PER_PAGE = env_int("COMMENTS_PER_PAGE", 30)
# Deepest reply level shown indented; deeper replies (imported threads go
# past the level new replies may reach) are shown at this level.
COMMENT_MAX_SHOWN_LEVEL = env_int(
    "COMMENT_MAX_SHOWN_LEVEL", COMMENTS_XTD_MAX_THREAD_LEVEL
)
# Largest file the idea giver may attach, in megabytes, and files per idea.
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 10)
ATTACHMENTS_PER_IDEA = env_int("ATTACHMENTS_PER_IDEA", 10)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "idebanken@localhost")

CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

IDEAS_PER_PAGE = env_int("IDEAS_PER_PAGE", 20)
# Seconds an idea list result stays cached; any change to ideas, comments or
# supports replaces it sooner. 0 turns the cache off.
IDEA_LIST_CACHE_SECONDS = env_int("IDEA_LIST_CACHE_SECONDS", 60 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "idebanken.logs.SingleLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "filters": {
        "expected_errors": {"()": "idebanken.logs.ExpectedErrorFilter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["expected_errors"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's default configuration gives the "django" logger a console
        # handler of its own under DEBUG, so each record from it, with its
        # traceback, was written twice: there and by the root handler.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        **{
            name: {"level": env_str("LOG_LEVEL", "INFO")}
            for name in (
                "idebanken",
                "accounts",
                "ideapages",
                "news",
                "participation",
                "notifications",
                "workflows",
            )
        },
    },
}

WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "h2",
                "h3",
                "bold",
                "italic",
                "ol",
                "ul",
                "link",
                "document-link",
            ]
        },
    }
}

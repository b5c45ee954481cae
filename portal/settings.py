"""Settings, read strictly from the environment (see README "Configuration")."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_choice, env_int, env_list, env_rate, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

PORTAL_ENV = env_choice("PORTAL_ENV", ("development", "production"), default="development")
PRODUCTION = PORTAL_ENV == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be false when PORTAL_ENV is production.")

if PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters.")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="development-only-key-" + "x" * 40)

if PRODUCTION:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    SITE_URL = env_url("SITE_URL", ("https",))
else:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
    SITE_URL = env_url("SITE_URL", ("http", "https"), default="http://127.0.0.1:8000")

# A checkout with no service URLs gets private servers under var/ (see leadership/devservers.py).
if not PRODUCTION and not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
    from portal import devservers

    devservers.export_environment()

DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql"))
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Always installed (tables and URLs only): the SSO button appears when PORTAL_OIDC_SERVER_URL is set.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "oauth2_provider",
    "pgtrigger",
    "pghistory",
    "leadership",
    "training",
    "appraisal",
    "talentpool",
    "governance",
    "dashboards",
    "communications",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Session, sign-in, message and user-session middleware pass API requests that carry a bearer
    # token straight by (portal.middleware.not_for_bearer_requests); browsers are served as before.
    # CSRF's keeps the name Django's deploy check looks for; it exempts API views anyway.
    "portal.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "portal.middleware.AuthenticationMiddleware",
    "portal.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.middleware.UserSessionsMiddleware",
    "portal.middleware.SessionLifetimeMiddleware",
    "portal.middleware.MfaRequiredMiddleware",
    "portal.middleware.AuditContextMiddleware",
    "portal.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "leadership.context_processors.navigation",
            ],
        },
    },
]

# A worker keeps its connection this many seconds (0: a new connection per request), checking it with
# one round trip at the start of each request when health checks are on (docs/performance.md).
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", default=60)
DATABASE_CONN_HEALTH_CHECKS = env_bool("DATABASE_CONN_HEALTH_CHECKS", default=True)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=DATABASE_CONN_MAX_AGE,
                                              conn_health_checks=DATABASE_CONN_HEALTH_CHECKS)}
# "Ignore no trigger" in pgtrigger's format: with it set, each audit trigger skips a raise-and-roll-
# back path it takes when the setting is missing, making audited bulk writes about 4x faster.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pgtrigger.ignore={}"
# Optional streaming replica: API lists, exports and dashboards may read it (leadership/replica.py).
DATABASE_REPLICA_URL = (env_url("DATABASE_REPLICA_URL", ("postgres", "postgresql"))
                        if os.environ.get("DATABASE_REPLICA_URL") else "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60,
                                                 conn_health_checks=True)
    DATABASES["replica"].setdefault("OPTIONS", {})["options"] = "-c pgtrigger.ignore={}"
    # Tests make no database of the replica's: it is the primary's test database (and then unused).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["leadership.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "leadership.User"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "portal",
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]  # no composition rules and no upper limit, as NCSC and ASVS advise

# django-allauth: email is the login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory" if PRODUCTION else "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/key,20/5m/ip"}
# How many proxies in front of the portal append to X-Forwarded-For (1 behind the compose nginx or a
# load balancer), so rate limits and the security log see each client, not the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_ADAPTER = "leadership.adapters.AccountAdapter"
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# Optional single sign-on with an OpenID Connect provider (NHSmail's Microsoft Entra ID, NHS CIS2):
# it signs in existing logins and completes invitations by verified work email, and never creates an
# account (leadership/adapters.py, docs/security.md "Signing in").
SOCIALACCOUNT_ADAPTER = "leadership.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # the adapter links by verified email, with the portal's rules
SOCIALACCOUNT_LOGIN_ON_GET = False  # the button posts a form, so no other site can start a sign-in
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {}
SSO_ORIGINS = []  # where the sign-in page's SSO button may send the browser (CSP form-action)
if env_str("PORTAL_OIDC_SERVER_URL", default=""):
    _sso_server = urlsplit(env_url("PORTAL_OIDC_SERVER_URL", ("https",) if PRODUCTION else ("http", "https")))
    SSO_ORIGINS = [f"{_sso_server.scheme}://{_sso_server.netloc}"]
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [{
            "provider_id": "sso",
            "name": env_str("PORTAL_OIDC_NAME", default="NHSmail"),
            "client_id": env_str("PORTAL_OIDC_CLIENT_ID"),
            "secret": env_str("PORTAL_OIDC_CLIENT_SECRET"),
            "settings": {
                "server_url": _sso_server.geturl(),
                "oauth_pkce_enabled": True,  # allauth's default is off; CIS2 and the toolkit require it
                "scope": ["openid", "profile", "email"],
                "fetch_userinfo": True,
            },
        }],
    }

ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset never signs in, so it cannot bypass MFA
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "NHS Leadership Portal"
USERSESSIONS_TRACK_ACTIVITY = True

SESSION_COOKIE_AGE = 30 * 60  # idle timeout: each request renews it
SESSION_ABSOLUTE_AGE = 12 * 60 * 60  # enforced by SessionLifetimeMiddleware
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 21 * 1024 * 1024
IMPORT_MAX_BYTES = 20 * 1024 * 1024
# A leaver's record is kept this many whole years after their leaving date, then anonymised
# (leadership/data_rights/retention.py, docs/security.md).
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", default=6)
if not 1 <= PERSONAL_DATA_RETENTION_YEARS <= 100:
    raise ImproperlyConfigured("PERSONAL_DATA_RETENTION_YEARS must be between 1 and 100 years.")

# Email: SMTP (EMAIL_HOST and friends) in production, printed to the console in development.
EMAIL_BACKEND_NAME = env_choice("EMAIL_BACKEND", ("console", "smtp", "locmem", "filebased"),
                                default="smtp" if PRODUCTION else "console")
EMAIL_BACKEND = f"django.core.mail.backends.{EMAIL_BACKEND_NAME}.EmailBackend"
if EMAIL_BACKEND_NAME == "filebased":  # one file per Message-ID: a repeat is never written twice
    EMAIL_BACKEND = "leadership.mail.MessageIdFileBackend"
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "mail"))
if EMAIL_BACKEND_NAME == "smtp":
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="NHS Leadership Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: JSON only, late acks, state for reminders lives in PostgreSQL (see DESIGN.md).
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "dashboards-refresh-nightly": {
        "task": "dashboards.tasks.dashboards_refresh_task",
        "schedule": crontab(hour=2, minute=15),
        "options": {"expires": 6 * 60 * 60},
    },
    "people-imports-resume": {
        "task": "leadership.tasks.people_imports_resume_task",
        "schedule": 2 * 60,
        "options": {"expires": 100},
    },
    "notifications-weekly-digest": {
        "task": "leadership.tasks.notifications_weekly_digest_task",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "options": {"expires": 12 * 60 * 60},
    },
    "notifications-resend-stuck": {
        "task": "leadership.tasks.notifications_resend_stuck_task",
        "schedule": 5 * 60,
        "options": {"expires": 4 * 60},  # a missed run is not piled up: the next one catches up
    },
    "development-reminders-sweep": {
        "task": "leadership.development.tasks.reminders_sweep_task",
        "schedule": 3 * 60,
        "options": {"expires": 2 * 60},  # reminder state is in PostgreSQL: the next sweep catches up
    },
    "training-accreditation-reminders": {
        "task": "training.tasks.accreditation_reminders_task",
        "schedule": crontab(hour=6, minute=30),
        "options": {"expires": 6 * 60 * 60},  # unique notification keys: the next run catches up
    },
    "appraisal-reminders-sweep": {
        "task": "appraisal.tasks.appraisal_reminders_sweep_task",
        "schedule": 10 * 60,
        "options": {"expires": 8 * 60},  # reminder state is in PostgreSQL: the next sweep catches up
    },
    "personal-data-retention": {
        "task": "leadership.tasks.personal_data_retention_task",
        "schedule": crontab(hour=3, minute=30),
        "options": {"expires": 6 * 60 * 60},  # the anonymised_at mark: the next night catches up
    },
    "broadcasts-weekly-digest": {
        "task": "communications.tasks.broadcast_digest_task",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "options": {"expires": 12 * 60 * 60},  # keyed by ISO week: a second run writes nothing
    },
    "talent-sweep": {
        "task": "talentpool.tasks.talent_sweep_task",
        "schedule": 10 * 60,
        "options": {"expires": 8 * 60},  # unique notification keys: the next run catches up
    },
    "governance-sweep": {
        "task": "governance.tasks.governance_sweep_task",
        "schedule": crontab(minute=20),  # hourly: reviews are due by the day
        "options": {"expires": 50 * 60},  # unique notification keys: the next run catches up
    },
}


REST_FRAMEWORK = {
    # OAuth first: a request with no credentials gets 401 with a Bearer challenge (docs/api.md).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "leadership.api.auth.ClientCredentialsAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["leadership.api.auth.IsApiActor"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["leadership.api.filters.FilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["leadership.api.renderers.FastJSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "leadership.api.renderers.StrictContentNegotiation",
    "DEFAULT_THROTTLE_CLASSES": ["leadership.api.auth.ApiClientRateThrottle"],
    # Per API client or signed-in user (README "Configuration").
    "DEFAULT_THROTTLE_RATES": {"api": env_rate("API_THROTTLE_RATE", default="600/min")},
    "EXCEPTION_HANDLER": "leadership.api.errors.exception_handler",
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT or None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NHS Leadership Portal API",
    "DESCRIPTION": "Read-only access for NHS trusts, CCGs and ICBs. Conventions: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per shared choice set, however many fields use it.
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "leadership.models.OrganisationKind",
        "ManagementLevelEnum": "leadership.models.ManagementLevel",
        "BoardPositionKindEnum": "governance.models.BoardPosition.Kind",
    },
}

# django-oauth-toolkit: client credentials only, one-hour tokens, RFC 9700 behaviour throughout.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER = {
    "OAUTH2_VALIDATOR_CLASS": "leadership.api.auth.ApiClientOAuth2Validator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 60 * 60,
    "DEFAULT_SCOPES": [],
    "OAUTH2_GRANT_TYPES_SUPPORTED": ["client_credentials"],
    "OAUTH2_RESPONSE_TYPES_SUPPORTED": [],
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
}

# Security headers; production adds HTTPS-only cookies and HSTS. No inline script anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "https://assets.nhs.uk"],  # the NHS.UK frontend's Frutiger
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *SSO_ORIGINS],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = [SITE_URL]

LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

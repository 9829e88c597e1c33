"""``make serve-production PORT=N``: nginx on 127.0.0.1:N in front of gunicorn, in the foreground.

gunicorn's gthread workers cannot be exposed to slow clients (a few dozen connections that
trickle their headers in hold every thread, docs/DEPLOYMENT.md), so production runs them behind
a buffering proxy. This launcher is that production layout on one machine, for a small
deployment, a demonstration, CI and the tests (``tests/http/test_serve_production.py``):

1. runs the Procfile's ``release:`` step (``remigration init-db``);
2. starts the Procfile's ``web:`` command unchanged (gunicorn, gthread workers) with
   ``GUNICORN_BIND`` pointing it at a private unix socket instead of a public port;
3. starts Debian's nginx with ``deploy/nginx.conf`` filled in, listening on 127.0.0.1:N;
4. on SIGTERM or Ctrl-C stops nginx (gracefully), then gunicorn (gracefully), and leaves no
   process behind (each child runs in its own process group, which is killed at the end; a
   child also gets SIGTERM should the launcher itself die).

Settings come from the environment as everywhere else (``dashboard/config.py``; SQLite under
``instance/`` unless ``DATABASE_URL`` is set). The launcher sets ``TRUSTED_PROXIES=1`` (nginx is
exactly one proxy) and, unless given, ``SITE_URL=http://127.0.0.1:N`` and one random
``SECRET_KEY`` that every gunicorn worker shares (each would otherwise invent its own and a
session signed by one worker would be refused by the other).

nginx keeps its configuration, pid file and logs in ``<INSTANCE_PATH>/nginx/``. Its temporary
files and gunicorn's socket live in a fresh private directory under the system's temporary
directory instead: a unix socket path must stay under 108 bytes, and when the launcher runs as
root nginx's worker processes run as ``www-data``, which must be able to reach both (an
instance directory may sit under a path only root can enter, such as ``/root``).

    .venv/bin/python deploy/serve_production.py --port 8080
    .venv/bin/python deploy/serve_production.py --port 8080 --print-config \\
        [--upstream unix:/run/remigration/gunicorn.sock] [--run-dir /var/lib/remigration-nginx]
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import grp
import math
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).resolve().with_name("nginx.conf")
PROCFILE = REPO / "Procfile"

# nginx's limit_conn: requests at once per client address (see deploy/nginx.conf).
CONNECTIONS_PER_ADDRESS = 32
# Who nginx's worker processes run as when it is started as root (the first that exists).
WORKER_USERS = ("www-data", "nobody")
# How long each part may take to stop gracefully before it is killed (gunicorn's own graceful
# timeout is 30 s; nginx's worker_shutdown_timeout is 5 s).
STOP_TIMEOUTS = {"nginx": 10.0, "gunicorn": 35.0, "release": 10.0}
STOP_SIGNALS = {"nginx": signal.SIGQUIT, "gunicorn": signal.SIGTERM, "release": signal.SIGTERM}
PR_SET_PDEATHSIG = 1
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class LaunchError(Exception):
    """Something the operator must fix before the service can start (printed, exit code 1)."""


# --- pure parts: the Procfile, the request size cap, the nginx configuration --------------------


def procfile_commands(path: Path = PROCFILE) -> dict[str, str]:
    """``{"release": "remigration init-db", "web": "gunicorn …"}`` from a Procfile."""
    commands = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, command = line.split(":", 1)
            commands[name.strip()] = command.strip()
    return commands


def max_request_bytes(upload_max_bytes: int) -> int:
    """The largest request body the app accepts: Flask's ``MAX_CONTENT_LENGTH`` in
    ``dashboard/app.py`` (uploads arrive base64-encoded in Dash callbacks, 4/3 larger, plus room
    for the rest of the callback). nginx refuses anything larger before gunicorn sees it."""
    return upload_max_bytes * 4 // 3 + 256 * 1024


def nginx_string(text: str) -> str:
    """``text`` as the inside of a double-quoted nginx string (for ``return 413 "…"``).

    nginx expands ``$name`` in such strings and offers no escape for ``$``, so a dollar sign is
    refused rather than silently turned into a variable.
    """
    if "$" in text:
        raise ValueError(f"nginx cannot return a '$' literally: {text!r}")
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n")


def render_nginx_config(
    *,
    listen: str,
    upstream: str,
    run_dir: Path,
    temp_dir: Path,
    upload_max_bytes: int,
    worker_user: str | None,
) -> str:
    """``deploy/nginx.conf`` with every ``{{field}}`` filled in.

    ``worker_user`` ("user group") is what nginx's worker processes run as; it only means
    something (and nginx only accepts it quietly) when the master process runs as root.
    """
    from dashboard.ingest.messages import human_size
    from dashboard.web import proxy_messages

    values = {
        "user_directive": f"user {worker_user};" if worker_user else "",
        "run_dir": str(run_dir),
        "temp_dir": str(temp_dir),
        "listen": listen,
        "upstream": upstream,
        "connections_per_address": str(CONNECTIONS_PER_ADDRESS),
        "client_max_body_size": str(max_request_bytes(upload_max_bytes)),
        "message_too_large": nginx_string(proxy_messages.too_large(human_size(upload_max_bytes))),
        "message_busy": nginx_string(proxy_messages.busy()),
        "message_unavailable": nginx_string(proxy_messages.unavailable()),
    }
    missing = sorted(set(PLACEHOLDER.findall(TEMPLATE.read_text())) - set(values))
    if missing:
        raise LaunchError(f"{TEMPLATE} has fields the launcher does not fill: {missing}")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], TEMPLATE.read_text())


def worker_user() -> tuple[str, int, int] | None:
    """``("www-data www-data", uid, gid)`` when running as root, else ``None`` (nginx's workers
    then run as whoever started it)."""
    if os.geteuid() != 0:
        return None
    for name in WORKER_USERS:
        with contextlib.suppress(KeyError):
            entry = pwd.getpwnam(name)
            group = grp.getgrgid(entry.pw_gid).gr_name
            return f"{name} {group}", entry.pw_uid, entry.pw_gid
    raise LaunchError(f"running as root, but none of the users {WORKER_USERS} exists for nginx")


# --- the running service -----------------------------------------------------------------------


def _die_with_parent(libc: Any) -> Callable[[], None]:
    """A ``preexec_fn``: the child gets SIGTERM if the launcher dies (even by SIGKILL)."""

    def setup() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)

    return setup


def _has_exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether ``proc`` has exited, without reaping it: while it stays a zombie its process
    group id cannot be reused, so the group can still be killed safely afterwards."""
    if proc.returncode is not None:
        return True
    return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


@dataclass
class Supervisor:
    """The launcher's children (release step, gunicorn, nginx) and the stop request.

    Signal handlers only record the request; the main loop acts on it, so the order of the
    shutdown (nginx first, so no new request reaches gunicorn, then gunicorn) is always kept.
    """

    env: dict[str, str]
    children: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    stop_requested: int | None = None
    force: bool = False

    def __post_init__(self) -> None:
        self._preexec = _die_with_parent(ctypes.CDLL(None, use_errno=True))

    def on_signal(self, signum: int, _frame: object) -> None:
        if self.stop_requested is not None:
            self.force = True  # a second Ctrl-C: no more waiting
        self.stop_requested = signum

    def start(self, name: str, argv: list[str]) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(  # noqa: S603 - our own commands
            argv, cwd=REPO, env=self.env, process_group=0, preexec_fn=self._preexec
        )
        self.children[name] = proc
        return proc

    def run_to_end(self, name: str, argv: list[str]) -> int | None:
        """Run a step to its end; its exit code, or ``None`` when a stop was requested."""
        proc = self.start(name, argv)
        while not _has_exited(proc):
            if self.stop_requested is not None:
                return None
            time.sleep(0.1)
        return self.stop(name)

    def exited(self) -> str | None:
        """The name of a child that has exited, if any."""
        return next((name for name, p in self.children.items() if _has_exited(p)), None)

    def wait_for(self, ready: Callable[[], bool], timeout: float) -> bool:
        """Wait until ``ready()``; ``False`` on timeout, a stop request or a child's exit."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.stop_requested is not None or self.exited() is not None:
                return False
            if ready():
                return True
            time.sleep(0.1)
        return False

    def stop(self, name: str) -> int | None:
        """Stop one child gracefully (killed after its timeout), then kill what is left of its
        process group (workers orphaned by a crashed master); returns its exit code."""
        proc = self.children.pop(name, None)
        if proc is None:
            return None
        if not _has_exited(proc):
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(STOP_SIGNALS[name])
            deadline = time.monotonic() + STOP_TIMEOUTS[name]
            while not _has_exited(proc) and time.monotonic() < deadline and not self.force:
                time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait()

    def stop_all(self) -> None:
        for name in ("nginx", "gunicorn", "release"):
            self.stop(name)


def _say(message: str) -> None:
    print(f"serve-production: {message}", file=sys.stderr, flush=True)


def _nginx_binary() -> str:
    found = shutil.which("nginx", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))
    if found is None:
        raise LaunchError("nginx is not installed (Debian: apt-get install -y nginx)")
    return found


def _check_port_free(port: int) -> None:
    """Fail early, with a clear message, rather than after the release step and gunicorn."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise LaunchError(f"cannot listen on 127.0.0.1:{port}: {error.strerror}") from None


def _environment(port: int, socket_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The venv's own gunicorn and remigration, whichever directory make was started from.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["TRUSTED_PROXIES"] = "1"
    env["GUNICORN_BIND"] = f"unix:{socket_path}"
    if not env.get("SITE_URL"):
        env["SITE_URL"] = f"http://127.0.0.1:{port}"
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = secrets.token_hex(32)
    return env


def _socket_accepts(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _healthy(port: int, site_url: str) -> bool:
    """``/healthz`` answers 200 through nginx (asked for the site's own host name)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz")
    request.add_header("Host", urlsplit(site_url).netloc)
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def serve(port: int) -> int:
    """Run the service until a signal stops it; the process's exit code."""
    nginx = _nginx_binary()
    commands = procfile_commands()
    _check_port_free(port)
    user = worker_user()
    temp_dir = Path(tempfile.mkdtemp(prefix="remigration-serve-"))
    try:
        if user is not None:
            os.chown(temp_dir, user[1], user[2])
        socket_path = temp_dir / "gunicorn.sock"
        env = _environment(port, socket_path)
        os.environ.update(env)
        from dashboard.config import Config

        try:
            config = Config.from_env()
        except (RuntimeError, ValueError) as error:
            raise LaunchError(f"configuration: {error}") from None
        run_dir = config.instance_path / "nginx"
        run_dir.mkdir(parents=True, exist_ok=True)
        conf = run_dir / "nginx.conf"
        conf.write_text(
            render_nginx_config(
                listen=f"127.0.0.1:{port}",
                upstream=f"unix:{socket_path}",
                run_dir=run_dir,
                temp_dir=temp_dir,
                upload_max_bytes=config.upload_max_bytes,
                worker_user=user[0] if user else None,
            )
        )
        nginx_argv = [nginx, "-c", str(conf), "-p", str(run_dir), "-e", str(run_dir / "error.log")]
        check = subprocess.run([*nginx_argv, "-t", "-q"], capture_output=True, text=True)
        if check.returncode != 0:
            raise LaunchError(f"nginx refused {conf}:\n{check.stderr.strip()}")
        return _run(Supervisor(env), commands, nginx_argv, port, env["SITE_URL"], socket_path)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)


def _run(
    supervisor: Supervisor,
    commands: dict[str, str],
    nginx_argv: list[str],
    port: int,
    site_url: str,
    socket_path: Path,
) -> int:
    handled = (signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.signal(sig, supervisor.on_signal) for sig in handled}
    try:
        _say(f"release step: {commands['release']}")
        code = supervisor.run_to_end("release", ["bash", "-c", f"exec {commands['release']}"])
        if code is None:
            return _outcome(supervisor)
        if code != 0:
            _say(f"the release step failed (exit code {code}); not starting")
            return code

        _say(f"gunicorn on {socket_path}: {commands['web']}")
        supervisor.start("gunicorn", ["bash", "-c", f"exec {commands['web']}"])
        if not supervisor.wait_for(lambda: _socket_accepts(socket_path), timeout=120):
            return _outcome(supervisor, "gunicorn did not open its socket within 120 s")
        supervisor.start("nginx", nginx_argv)
        if supervisor.wait_for(lambda: _healthy(port, site_url), timeout=120):
            _say(f"serving {site_url} on 127.0.0.1:{port} (nginx -> gunicorn); Ctrl-C stops")
        elif supervisor.stop_requested is None and supervisor.exited() is None:
            _say(f"running, but /healthz has not answered 200 yet: see {nginx_argv[-1]}")
        supervisor.wait_for(lambda: False, timeout=math.inf)
        return _outcome(supervisor)
    finally:
        supervisor.stop_all()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _outcome(supervisor: Supervisor, otherwise: str = "") -> int:
    """Exit code 0 for a requested stop, 1 when a part of the service ended by itself."""
    if supervisor.stop_requested is not None:
        _say(f"stopping ({signal.Signals(supervisor.stop_requested).name})")
        return 0
    name = supervisor.exited()
    if name is not None:
        _say(f"{name} exited (code {supervisor.stop(name)}); stopping the rest")
    elif otherwise:
        _say(otherwise)
    return 1


def print_config(port: int, upstream: str, run_dir: Path, user: str) -> None:
    """The nginx configuration for a deployment elsewhere (docs/DEPLOYMENT.md): the same
    template, with the given socket and directories and the upload limit from the environment."""
    from dashboard.config import Config

    upload_max_bytes = int(os.environ.get("UPLOAD_MAX_BYTES", Config.upload_max_bytes))
    print(
        render_nginx_config(
            listen=f"127.0.0.1:{port}",
            upstream=upstream,
            run_dir=run_dir,
            temp_dir=run_dir / "tmp",
            upload_max_bytes=upload_max_bytes,
            worker_user=user or None,
        ),
        end="",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1 for nginx")
    deployment = parser.add_argument_group(
        "printing the configuration for a deployment elsewhere (nothing is started)"
    )
    deployment.add_argument("--print-config", action="store_true")
    deployment.add_argument("--upstream", default="unix:/run/remigration/gunicorn.sock")
    deployment.add_argument("--run-dir", type=Path, default=Path("/var/lib/remigration-nginx"))
    deployment.add_argument(
        "--worker-user", default="www-data www-data", help='"" when nginx does not run as root'
    )
    args = parser.parse_args(argv)
    if not 1 <= args.port <= 65535:
        parser.error(f"--port must be between 1 and 65535, got {args.port}")
    try:
        if args.print_config:
            print_config(args.port, args.upstream, args.run_dir, args.worker_user)
            return 0
        return serve(args.port)
    except LaunchError as error:
        _say(str(error))
        return 1


if __name__ == "__main__":
    sys.exit(main())

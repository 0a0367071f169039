"""Move up, and back: `gongjian server push` copies a ledger whole, `pull` makes a snapshot file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.infra.database import open_database
from app.infra.errors import UserError
from db.models import ChangeLog, ImportBatch, MonthlyReport, Project
from db.server.copy import tally
from gongjian.cli import main
from tests.support.pg import NO_SERVER, PG_URL, fresh_server

pytestmark = pytest.mark.skipif(not PG_URL, reason=NO_SERVER)


def test_push_then_pull_gives_back_the_same_ledger(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = fresh_server("gjt_transfer")
    admin = server.url(server.admin)
    assert main(["server", "push", "--from", str(demo_path), "--url", admin]) == 0
    assert "核对一致" in capsys.readouterr().out
    # A second push into a server that holds a ledger is refused, nothing mixed.
    assert main(["server", "push", "--from", str(demo_path), "--url", admin]) == 2
    assert "已经有台账数据" in capsys.readouterr().err
    snapshot = tmp_path / "快照.db"
    assert main(["server", "pull", "--url", admin, "--to", str(snapshot)]) == 0
    local, pulled = open_database(demo_path), open_database(snapshot)
    try:
        with local.engine.connect() as a, pulled.engine.connect() as b:
            before, after = tally(a, skip=["account"]), tally(b, skip=["account"])
        assert after.counts == before.counts and after.sums == before.sums
        with pulled.sessions() as session:
            assert session.scalar(select(func.count(Project.id))) == 126
            assert session.scalar(select(func.sum(MonthlyReport.investment_month))) is not None
            # History came along, and the server recorded who pushed it.
            accounts = set(session.scalars(select(ChangeLog.account).distinct()))
            assert accounts == {server.admin}
        # A new row on the server after the push does not collide with the copied ids.
        server_db = open_database(admin, operator="管理员甲")
        with server_db.sessions() as session:
            session.add(ImportBatch(at=func.now(), source_file="x", kind="项目清单"))
            session.commit()
        server_db.close()
    finally:
        local.close()
        pulled.close()
    with pytest.raises(UserError, match="已经存在"):
        from app.server.transfer import pull

        pull(admin, snapshot)


def test_commands_of_files_refuse_a_server_and_say_what_to_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["backup", "--db", "postgresql://someone@127.0.0.1/gongjian"]) == 2
    assert "server pull" in capsys.readouterr().err

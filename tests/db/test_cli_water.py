"""`gisapp water …` against the test database (committed, so the test removes what it wrote)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from gisapp.cli import app

USER = "cli.moitruong"
ROWS = [
    "Mã công trình;Ngày lấy mẫu;Phòng thí nghiệm;Vị trí lấy mẫu;Chỉ tiêu;Kết quả;Đơn vị",
    "DEMO-48-009;03/10/2025;CDC CLI;Vòi;pH;7,4;",
    "DEMO-48-009;03/10/2025;CDC CLI;Vòi;Coliform;9;CFU/100mL",
]


@pytest.fixture
def run(test_db_url: str, engine: Engine) -> Iterator[CliRunner]:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, display_name, password_hash, role, level, scope_provinces) "
                "VALUES (:u, :u, '!', 'env_officer', 'province', '{48}')"
            ),
            {"u": USER},
        )
    yield CliRunner(env={"DATABASE_URL": test_db_url})
    with engine.begin() as connection:
        imports = (
            "SELECT i.id FROM water_test_imports i JOIN users u ON u.id = i.imported_by_user_id "
            "WHERE u.username = :u"
        )
        connection.execute(
            text(f"DELETE FROM water_quality_tests WHERE import_id IN ({imports})"), {"u": USER}
        )
        connection.execute(text(f"DELETE FROM water_test_imports WHERE id IN ({imports})"), {"u": USER})
        connection.execute(text("DELETE FROM audit_records WHERE username = :u"), {"u": USER})
        connection.execute(text("DELETE FROM users WHERE username = :u"), {"u": USER})


def latest(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(
            connection.execute(
                text("SELECT latest_test_status FROM water_works WHERE code = 'DEMO-48-009'")
            ).scalar()
        )


def test_preview_then_commit(run: CliRunner, engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "ket-qua.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8-sig")
    before = latest(engine)
    preview = run.invoke(app, ["water", "import", str(path), "--as", USER])
    assert preview.exit_code == 0, preview.output
    assert "would import 1 tests (exceed: 1)" in preview.output
    assert latest(engine) == before
    committed = run.invoke(app, ["water", "import", str(path), "--as", USER, "--commit"])
    assert committed.exit_code == 0, committed.output
    assert "imported 1 tests" in committed.output
    assert latest(engine) == "exceed"
    again = run.invoke(app, ["water", "import", str(path), "--as", USER, "--commit"])
    assert again.exit_code == 1 and "nothing was imported" in again.output
    assert "0 test verdicts changed" in run.invoke(app, ["water", "rejudge"]).output


def test_a_refused_account_says_why(run: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ket-qua.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    result = run.invoke(app, ["water", "import", str(path), "--as", "nobody.here"])
    assert result.exit_code == 1 and "error:" in result.output

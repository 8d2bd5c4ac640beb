"""Reading callgrind's dump (bench/instructions.py): the per-request figure is its total over N."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.instructions import callgrind_total

DUMP = """# callgrind format
version: 1
creator: callgrind-3.19.0
pid: 4242
cmd:  /work/main/.venv/bin/gisapp serve --port 40000 --workers 1
part: 1

events: Ir
summary: 0
totals: 250887632

fl=(1) ceval.c
fn=(1) _PyEval_EvalFrameDefault
0 55454866
"""


def test_the_total_is_read_from_the_totals_line(tmp_path: Path) -> None:
    dump = tmp_path / "callgrind.out.1"
    dump.write_text(DUMP)
    assert callgrind_total(dump) == 250_887_632  # not the zero summary line before it


def test_older_dumps_give_their_summary_line(tmp_path: Path) -> None:
    dump = tmp_path / "callgrind.out.1"
    dump.write_text("events: Ir\nsummary: 1234\n")
    assert callgrind_total(dump) == 1234


def test_a_file_that_is_no_dump_is_named(tmp_path: Path) -> None:
    other = tmp_path / "server.log"
    other.write_text("INFO: Application startup complete.\n")
    with pytest.raises(ValueError, match=r"server\.log has no totals line"):
        callgrind_total(other)

"""Property: whatever a file holds, the intake never crashes and accounts for every row."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.intake_files import CONSULTANT_HEADER, INITIATIVE_HEADER, ROUND, make_round
from warehouse.db import connect
from warehouse.intake import ingest_files

CELL = st.one_of(
    st.sampled_from(["", " ", "Zeist", "De Bilt", "Amersfort", "Beek", "12,5", "0", "-3", "veel", "1.000",
                     "15-01-2027", "31-02-2027", "ja", "nee", "a@b.nl", "geen mail", "energie; zorg",
                     "=1+1", "@SUM(A1)", "+31", "\t=x", "\r", "regel\nregel", '"', "groen", "Thema's", "2", "x" * 300]),
    st.text(max_size=30),
)
HEADER = st.lists(st.sampled_from(INITIATIVE_HEADER + CONSULTANT_HEADER + ["opmerking", "", "Uren"]), max_size=14)
ROWS = st.lists(st.lists(CELL, max_size=14), max_size=12)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    con = connect(folder / "w.duckdb")
    make_round(con)
    yield con, folder
    con.close()


def _text(header, rows, delimiter, title):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    if title:
        w.writerow(["Aanmelding ronde T1"])
    w.writerows([header, *rows])
    return buf.getvalue()


def _check(con, reports):
    (r,) = reports
    if r.readable:
        assert r.rows == r.accepted + r.rejected + r.duplicates
        ledger = dict(con.execute(
            "SELECT outcome, count(*) FROM intake_rows WHERE sha256 = ? GROUP BY outcome", [r.sha256]).fetchall())
        if not r.already_received:
            assert ledger.get("loaded", 0) == r.accepted
            assert ledger.get("rejected", 0) == r.rejected
            assert ledger.get("duplicate", 0) == r.duplicates
        assert {e.row for e in r.errors} == set(
            n for (n,) in con.execute("SELECT row_number FROM intake_rows WHERE sha256 = ? AND outcome = 'rejected'",
                                      [r.sha256]).fetchall())
    else:
        assert r.error and r.rows == 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=HEADER, rows=ROWS, delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]), title=st.booleans())
def test_text_files_never_crash_and_account_for_every_row(shared, header, rows, delimiter, encoding, title):
    con, folder = shared
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "random.csv"
        path.write_bytes(_text(header, rows, delimiter, title).encode(encoding, errors="replace"))
        _check(con, ingest_files(con, [path], ROUND, Path(tmp) / "a", Path(tmp) / "r"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=HEADER, rows=ROWS, title=st.booleans())
def test_xlsx_files_never_crash_and_account_for_every_row(shared, header, rows, title):
    con, folder = shared
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "random.xlsx"
        wb = openpyxl.Workbook()
        if title:
            wb.active.append(["Aanmelding"])
        for row in [header, *rows]:
            wb.active.append([c for c in row if not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in c)])
        wb.save(path)
        _check(con, ingest_files(con, [path], ROUND, Path(tmp) / "a", Path(tmp) / "r"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash(shared, data):
    con, folder = shared
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        path = Path(tmp) / "random.bin"
        path.write_bytes(data)
        _check(con, ingest_files(con, [path], ROUND, Path(tmp) / "a", Path(tmp) / "r"))

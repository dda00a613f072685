"""The intake corpus: realistic and broken files, each with its exact outcome."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from tests.intake_files import (
    CONSULTANT_HEADER,
    INITIATIVE_HEADER,
    ROUND,
    consultant,
    initiative,
    make_round,
    write_text,
    write_xlsx,
)
from warehouse.intake import ingest_files
from warehouse.intake.registrations import consultant_id, initiative_id
from warehouse.rounds import create_round


@pytest.fixture
def rcon(con):
    make_round(con)
    return con


def ingest(con, tmp_path, *paths):
    return ingest_files(con, list(paths), ROUND, tmp_path / "archive", tmp_path / "receipts")


def one(con, tmp_path, path):
    (report,) = ingest(con, tmp_path, path)
    return report


def reasons(report):
    return [e.reason for e in report.errors]


def fetch(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


@pytest.mark.parametrize(
    "delimiter,encoding,bom",
    [(",", "utf-8", b""), (";", "utf-8", b"\xef\xbb\xbf"), (";", "cp1252", b""), ("\t", "utf-8", b""),
     ("\t", "utf-16", b"")],
)
def test_each_encoding_and_delimiter_reads_the_same(rcon, tmp_path, delimiter, encoding, bom):
    rows = [INITIATIVE_HEADER, initiative(titel="Energiecoöperatie Zeist Zon", uren_gevraagd="12,5"),
            initiative(titel="Repair Café Bunnik", gemeente="Bunnik", themas="economie")]
    path = write_text(tmp_path / "aanmelding.csv", rows, delimiter, encoding)
    path.write_bytes(bom + path.read_bytes())
    r = one(rcon, tmp_path, path)
    assert (r.kind, r.rows, r.accepted, r.rejected, r.duplicates, r.errors) == ("initiatives", 2, 2, 0, 0, [])
    stored = fetch(rcon, "SELECT titel, gemeentecode, uren_gevraagd, themas, ingediend_op, prioriteit "
                         "FROM initiatives ORDER BY titel")
    assert stored == [
        ("Energiecoöperatie Zeist Zon", "GM0355", 12.5, ["groen", "financiering"], date(2027, 1, 15), 2),
        ("Repair Café Bunnik", "GM0312", 40.0, ["economie"], date(2027, 1, 15), 2),
    ]


def test_excel_with_title_rows_extra_columns_and_typed_cells(rcon, tmp_path):
    header = ["Gemeente", "Titel", "Omschrijving", "Initiatiefnemer", "Contactpersoon", "E-mailadres contactpersoon",
              "Woonplaats (optioneel)", "Thema's", "Uren gevraagd", "Hulpvraag", "Prioriteit", "Ingediend op",
              "Opmerking intern"]
    above = [["Aanmelding initiatieven gemeente Zeist — ronde T1"], [], ["Ingevuld door: afdeling Samenleving"]]
    row = initiative(titel="Dorpshuis De Linde")
    row[8], row[10], row[11] = 24, 1, datetime(2027, 2, 3)
    path = write_xlsx(tmp_path / "Zeist initiatieven.xlsx", [header, row + ["niet meenemen"], [], [None] * 13,
                                                            initiative(titel="Voedselbos", uren_gevraagd="8")],
                      above=above)
    r = one(rcon, tmp_path, path)
    assert (r.kind, r.rows, r.accepted, r.rejected) == ("initiatives", 2, 2, 0)
    assert "kopregel op rij 4" in r.file_format
    assert fetch(rcon, "SELECT titel, uren_gevraagd, prioriteit, ingediend_op, source_row FROM initiatives ORDER BY source_row") == [
        ("Dorpshuis De Linde", 24.0, 1, date(2027, 2, 3), 5),
        ("Voedselbos", 8.0, 2, date(2027, 1, 15), 8),
    ]


def test_headers_in_any_case_with_accents_and_spaces(rcon, tmp_path):
    header = ["GEMEENTE", "Titel", "Omschrijving", "Initiatiefnemer", "Contactpersoon", "E-mail", "Woonplaats",
              "Thema’s", "Uren Gevraagd", "Hulpvraag", "Prioriteit", "Ingediend op"]
    path = write_text(tmp_path / "x.csv", [header, initiative(themas="GROEN & OPENBARE RUIMTE;Energie en duurzaamheid;zorg")])
    r = one(rcon, tmp_path, path)
    assert (r.accepted, r.rejected) == (1, 0)
    assert fetch(rcon, "SELECT themas FROM initiatives") == [(["groen", "energie", "zorg"],)]


def test_dutch_decimals_dates_and_hour_units(rcon, tmp_path):
    rows = [CONSULTANT_HEADER,
            consultant("a@zeist.nl", gemeente="Zeist", uren_beschikbaar="1.000", beschikbaar_vanaf="15-1-2027",
                       beschikbaar_tot="2027-06-30", akkoord_werkgever="Ja"),
            consultant("b@zeist.nl", gemeente="GM0355", uren_beschikbaar="7,5 uur", beschikbaar_vanaf="15/01/2027",
                       beschikbaar_tot="", akkoord_werkgever="nee")]
    r = one(rcon, tmp_path, write_text(tmp_path / "c.csv", rows, ";"))
    assert (r.kind, r.accepted, r.rejected) == ("consultants", 2, 0)
    assert fetch(rcon, "SELECT email, uren_beschikbaar, beschikbaar_vanaf, beschikbaar_tot, akkoord_werkgever "
                       "FROM consultants ORDER BY email") == [
        ("a@zeist.nl", 1000.0, date(2027, 1, 15), date(2027, 6, 30), True),
        ("b@zeist.nl", 7.5, date(2027, 1, 15), None, False),
    ]


def test_formula_injection_is_stored_as_given_and_never_a_formula_in_the_receipt(rcon, tmp_path):
    evil = '=HYPERLINK("http://example.invalid","klik")'
    rows = [INITIATIVE_HEADER, initiative(titel=evil), initiative(titel="+31 6 1234", contactpersoon="@jan")]
    r = one(rcon, tmp_path, write_text(tmp_path / "f.csv", rows))
    assert r.accepted == 2
    assert fetch(rcon, "SELECT titel FROM initiatives ORDER BY source_row") == [(evil,), ("+31 6 1234",)]
    wb = openpyxl.load_workbook(r.receipt_path)
    cells = [c for row in wb["Geladen"].iter_rows(min_row=2) for c in row]
    labels = [c.value for c in cells if c.column == 3]
    assert labels == ["'" + evil + " (Zeist)", "'+31 6 1234 (Zeist)"]
    assert all(c.data_type != "f" for c in cells)


def test_duplicates_inside_a_file_update_the_first(rcon, tmp_path):
    rows = [INITIATIVE_HEADER, initiative(titel="Buurtmoestuin De Brink", uren_gevraagd="40"),
            initiative(titel="buurtmoestuin de brink!", uren_gevraagd="60")]
    r = one(rcon, tmp_path, write_text(tmp_path / "d.csv", rows))
    assert (r.rows, r.accepted, r.rejected, r.duplicates) == (2, 1, 0, 1)
    ident = initiative_id(ROUND, "GM0355", "Buurtmoestuin De Brink")
    assert fetch(rcon, "SELECT initiative_id, titel, uren_gevraagd, source_row FROM initiatives") == [
        (ident, "buurtmoestuin de brink!", 60.0, 3)]
    assert fetch(rcon, "SELECT row_number, outcome, record_id FROM intake_rows ORDER BY row_number") == [
        (2, "loaded", ident), (3, "duplicate", ident)]


def test_duplicates_across_files_update_not_double(rcon, tmp_path):
    first = write_text(tmp_path / "c1.csv", [CONSULTANT_HEADER, consultant("P.Jansen@DeBilt.nl"), consultant("x@bunnik.nl", gemeente="Bunnik")])
    second = write_text(tmp_path / "c2.csv", [CONSULTANT_HEADER, consultant(" p.jansen@debilt.nl", uren_beschikbaar="120")], ";")
    r1, r2 = ingest(rcon, tmp_path, first, second)
    assert (r1.accepted, r1.duplicates, r2.accepted, r2.duplicates) == (2, 0, 0, 1)
    assert fetch(rcon, "SELECT consultant_id, uren_beschikbaar FROM consultants WHERE email LIKE '%jansen%'") == [
        (consultant_id("p.jansen@debilt.nl"), 120.0)]
    assert fetch(rcon, "SELECT count(*) FROM consultants") == [(2,)]


def test_unknown_ambiguous_and_foreign_gemeente_are_rejected_with_the_resolver_message(rcon, tmp_path):
    rows = [INITIATIVE_HEADER, initiative(gemeente="Amersfort"), initiative(gemeente="Beek"),
            initiative(gemeente="Utrecht"), initiative(gemeente="de bilt")]
    r = one(rcon, tmp_path, write_text(tmp_path / "g.csv", rows))
    assert (r.rows, r.accepted, r.rejected) == (4, 1, 3)
    assert reasons(r) == [
        "rij 2, kolom gemeente: Onbekende gemeente 'Amersfort'. Bedoelt u 'Amersfoort' of 'Amen'?",
        "rij 3, kolom gemeente: 'Beek' is niet eenduidig: het kan gaan om Montferland (GM1955), Berg en Dal (GM1945), "
        "Beek (L.) (GM0888). Geef de gemeentenaam of -code op.",
        "rij 4, kolom gemeente: gemeente Utrecht (GM0344) doet niet mee aan ronde T1",
    ]


def test_missing_required_column_rejects_every_row_naming_the_column(rcon, tmp_path):
    header = [c for c in INITIATIVE_HEADER if c != "uren_gevraagd"]
    rows = [header] + [[v for c, v in zip(INITIATIVE_HEADER, initiative(titel=t)) if c != "uren_gevraagd"] for t in ("A", "B")]
    r = one(rcon, tmp_path, write_text(tmp_path / "m.csv", rows))
    assert (r.kind, r.rows, r.accepted, r.rejected) == ("initiatives", 2, 0, 2)
    assert reasons(r) == ["rij 2, kolom uren_gevraagd: de kolom ontbreekt in het bestand",
                          "rij 3, kolom uren_gevraagd: de kolom ontbreekt in het bestand"]


def test_zero_negative_absurd_and_wordy_hours(rcon, tmp_path):
    rows = [INITIATIVE_HEADER] + [initiative(titel=f"I{n}", uren_gevraagd=h) for n, h in
                                  enumerate(["0", "-5", "5000", "veel", "401", "400", ""])]
    r = one(rcon, tmp_path, write_text(tmp_path / "h.csv", rows))
    assert (r.rows, r.accepted, r.rejected) == (7, 1, 6)
    assert reasons(r) == [
        "rij 2, kolom uren_gevraagd: '0' uur kan niet: het aantal uren moet groter zijn dan 0",
        "rij 3, kolom uren_gevraagd: '-5' uur kan niet: het aantal uren moet groter zijn dan 0",
        "rij 4, kolom uren_gevraagd: 5000 uur is niet aannemelijk: maximaal 400 uur per initiatief per ronde",
        "rij 5, kolom uren_gevraagd: 'veel' is geen aantal uren",
        "rij 6, kolom uren_gevraagd: 401 uur is niet aannemelijk: maximaal 400 uur per initiatief per ronde",
        "rij 8, kolom uren_gevraagd: verplicht veld is leeg",
    ]
    rows = [CONSULTANT_HEADER, consultant("a@b.nl", uren_beschikbaar="1000"), consultant("c@b.nl", uren_beschikbaar="1001")]
    r = one(rcon, tmp_path, write_text(tmp_path / "hc.csv", rows))
    assert (r.accepted, reasons(r)) == (
        1, ["rij 3, kolom uren_beschikbaar: 1001 uur is niet aannemelijk: maximaal 1000 uur per consultant per ronde"])


def test_bad_email_and_other_consultant_rules(rcon, tmp_path):
    rows = [CONSULTANT_HEADER, consultant("jan.debilt.nl"), consultant("jan@@debilt.nl"),
            consultant("ok@debilt.nl", akkoord_werkgever="misschien", themas="astrologie"),
            consultant("late@debilt.nl", beschikbaar_vanaf="01-06-2027", beschikbaar_tot="01-02-2027")]
    r = one(rcon, tmp_path, write_text(tmp_path / "e.csv", rows))
    assert (r.rows, r.accepted, r.rejected) == (4, 0, 4)
    assert reasons(r) == [
        "rij 2, kolom email: 'jan.debilt.nl' is geen geldig e-mailadres",
        "rij 3, kolom email: 'jan@@debilt.nl' is geen geldig e-mailadres",
        "rij 4, kolom themas: 'astrologie' is geen bekend thema. Zie het tabblad Instructie van het sjabloon.",
        "rij 4, kolom akkoord_werkgever: 'misschien' is geen ja of nee",
        "rij 5, kolom beschikbaar_tot: 01-02-2027 ligt voor beschikbaar_vanaf 01-06-2027",
    ]
    # the ledger keeps one row per data row, the first column and all reasons
    assert fetch(rcon, "SELECT column_name, reason FROM intake_rows WHERE row_number = 4") == [
        ("themas", "; ".join(reasons(r)[2:4]))]


def test_unreadable_files_get_a_reason_and_do_not_stop_the_others(rcon, tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"  \r\n")
    encrypted = tmp_path / "beveiligd.xlsx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))
    noheader = write_text(tmp_path / "lijst.csv", [["naam", "telefoon"], ["Jan", "06-1234"]])
    good = write_text(tmp_path / "goed.csv", [INITIATIVE_HEADER, initiative()])
    legacy = tmp_path / "oud.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "Workbook".encode("utf-16-le"))
    docx = tmp_path / "brief.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    reports = ingest(rcon, tmp_path, pdf, empty, encrypted, noheader, good, legacy, docx)
    assert [r.readable for r in reports] == [False, False, False, False, True, False, False]
    assert reports[5].error.startswith("Dit is het oude Excel 97-2003-formaat (.xls).")
    assert reports[6].error.startswith("Dit is een Word-document, geen spreadsheet.")
    assert reports[0].error.startswith("Dit is een PDF-document, geen spreadsheet.")
    assert reports[1].error == "Het bestand is leeg."
    assert reports[2].error.startswith("Het Excel-bestand is met een wachtwoord beveiligd")
    assert reports[3].error.startswith("Geen herkenbare kopregel gevonden")
    assert reports[4].accepted == 1
    assert all(r.receipt_path.exists() for r in reports)
    assert fetch(rcon, "SELECT file_name FROM intake_files WHERE error IS NOT NULL ORDER BY file_name") == [
        ("beveiligd.xlsx",), ("brief.docx",), ("brief.pdf",), ("leeg.csv",), ("lijst.csv",), ("oud.xls",)]


def test_the_same_file_twice_is_recognised_and_not_loaded_again(rcon, tmp_path):
    path = write_text(tmp_path / "a.csv", [INITIATIVE_HEADER, initiative(), initiative(titel="X", uren_gevraagd="veel")])
    copy = tmp_path / "kopie van a.csv"
    copy.write_bytes(path.read_bytes())
    first, again = ingest(rcon, tmp_path, path, copy)
    assert not first.already_received and again.already_received
    assert again.as_json() == {**first.as_json(), "file": str(copy), "already_received": True}
    assert fetch(rcon, "SELECT count(*) FROM intake_files") == [(1,)]
    assert fetch(rcon, "SELECT count(*) FROM intake_rows") == [(2,)]


def test_archive_keeps_the_file_unchanged_with_its_sha256(rcon, tmp_path):
    path = write_text(tmp_path / "a.csv", [INITIATIVE_HEADER, initiative()], ";", "cp1252")
    r = one(rcon, tmp_path, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert r.sha256 == digest
    assert r.archived_path == tmp_path / "archive" / digest / "a.csv"
    assert r.archived_path.read_bytes() == path.read_bytes()
    assert (r.archived_path.parent / "a.csv.sha256").read_text() == f"{digest}  a.csv\n"


def test_archived_path_is_absolute_when_the_archive_folder_is_given_relative(rcon, tmp_path, monkeypatch):
    """The retention purge runs elsewhere (Dagster) and must still find a decision workbook to delete."""
    path = write_text(tmp_path / "a.csv", [INITIATIVE_HEADER, initiative()], ";", "cp1252")
    monkeypatch.chdir(tmp_path)
    (r,) = ingest_files(rcon, [path], ROUND, Path("archive"), Path("receipts"))
    assert r.archived_path.is_absolute() and r.archived_path.exists()
    assert fetch(rcon, "SELECT archived_path FROM intake_files") == [(str(r.archived_path),)]


def test_every_row_is_accounted_for_in_the_ledger(rcon, tmp_path):
    rows = [INITIATIVE_HEADER, initiative(titel="A"), initiative(titel="a"), initiative(titel="B", contact_email="x")]
    one(rcon, tmp_path, write_text(tmp_path / "a.csv", rows))
    counts = dict(fetch(rcon, "SELECT outcome, count(*) FROM intake_rows GROUP BY outcome"))
    assert counts == {"loaded": 1, "duplicate": 1, "rejected": 1}
    assert fetch(rcon, "SELECT rows, accepted, rejected, duplicates FROM intake_files") == [(3, 1, 1, 1)]


def test_receipt_lists_each_outcome(rcon, tmp_path):
    rows = [INITIATIVE_HEADER, initiative(titel="A"), initiative(titel="A"), initiative(titel="B", uren_gevraagd="veel")]
    r = one(rcon, tmp_path, write_text(tmp_path / "a.csv", rows))
    wb = openpyxl.load_workbook(r.receipt_path)
    assert wb.sheetnames == ["Ontvangstbevestiging", "Afgewezen", "Dubbel", "Geladen"]
    values = lambda name: [tuple(c for c in row) for row in wb[name].iter_rows(min_row=2, values_only=True)]
    assert values("Afgewezen") == [(4, "uren_gevraagd", "rij 4, kolom uren_gevraagd: 'veel' is geen aantal uren")]
    ident = initiative_id(ROUND, "GM0355", "A")
    assert values("Dubbel") == [(3, ident, "A (Zeist)", "al eerder aangemeld in deze ronde; gegevens bijgewerkt")]
    assert values("Geladen") == [(2, ident, "A (Zeist)")]
    summary = dict(wb["Ontvangstbevestiging"].iter_rows(min_row=3, values_only=True))
    assert (summary["Rijen met gegevens"], summary["Geladen"], summary["Afgewezen"], summary["Dubbel (bijgewerkt)"]) == ("3", "1", "1", "1")


def test_a_long_receipt_lists_the_loaded_rows_as_ranges(rcon, tmp_path, monkeypatch):
    from warehouse.intake import receipt

    monkeypatch.setattr(receipt, "DETAIL_LIMIT", 2)
    titles = ["A", "B", "C", "C", "D"]  # rows 2-6; row 5 repeats row 4
    r = one(rcon, tmp_path, write_text(tmp_path / "a.csv", [INITIATIVE_HEADER, *(initiative(titel=t) for t in titles)]))
    rows = list(openpyxl.load_workbook(r.receipt_path)["Geladen"].iter_rows(values_only=True))
    assert rows == [("rijen", "aantal"), ("2-4", 3), ("6", 1)]


def test_repeated_header_rows_are_not_data_and_missing_paths_are_reported(rcon, tmp_path):
    rows = [INITIATIVE_HEADER, initiative(titel="A"), INITIATIVE_HEADER, initiative(titel="B")]
    r = one(rcon, tmp_path, write_text(tmp_path / "twee_exports.csv", rows))
    assert (r.rows, r.accepted, r.rejected) == (2, 2, 0)
    missing, folder = ingest(rcon, tmp_path, tmp_path / "bestaat_niet.csv", tmp_path)
    assert (missing.error, folder.error) == ("Het bestand bestaat niet.", "Dit is een map, geen bestand.")


def test_a_file_taken_in_for_the_wrong_round_can_be_taken_in_for_the_right_one(rcon, tmp_path):
    create_round(rcon, "ANDERE", ["Utrecht", "Houten"], date(2027, 1, 15), date(2027, 3, 1))
    path = write_text(tmp_path / "zeist.csv", [INITIATIVE_HEADER, initiative(titel="Voedselbos")])
    (wrong,) = ingest_files(rcon, [path], "ANDERE", tmp_path / "archive", tmp_path / "receipts")
    assert (wrong.accepted, wrong.rejected) == (0, 1)  # Zeist does not take part in ANDERE
    right = one(rcon, tmp_path, path)
    assert not right.already_received and (right.round_id, right.accepted) == (ROUND, 1)
    assert fetch(rcon, "SELECT round_id, accepted FROM intake_files") == [(ROUND, 1)]
    assert fetch(rcon, "SELECT count(*) FROM intake_errors") == [(0,)]
    # a file that loaded rows stays taken: sending it again for another round loads nothing twice
    assert ingest_files(rcon, [path], "ANDERE", tmp_path / "archive", tmp_path / "receipts")[0].already_received


def test_an_unreadable_file_sent_again_is_tried_again(rcon, tmp_path):
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    first, again = ingest(rcon, tmp_path, pdf, pdf)
    assert not again.already_received and again.error == first.error
    assert fetch(rcon, "SELECT count(*) FROM intake_files") == [(1,)]


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "Het bestand is beschadigd (onvolledig zip-/Excel-bestand)."),
        (_zip(mimetype="application/vnd.oasis.opendocument.spreadsheet", **{"content.xml": "<x/>"}),
         "OpenDocument-bestanden (.ods) worden niet gelezen. Sla het op als .xlsx."),
        (_zip(**{"aanmelding.csv": "a;b"}), "Dit is een zip-archief, geen spreadsheet. Pak het uit"),
        (_zip(**{"xl/workbook.xml": "kapot"}), "Het bestand is beschadigd: het Excel-bestand kan niet worden geopend"),
        (_zip(**{"xl/workbook.bin": "\x00\x01"}), "Dit is een binaire Excel-werkmap (.xlsb). Sla het op als Excel-werkmap"),
        (b"titel;uren\n\x01\x02\x03\x04\x05\x06\x07\x08" * 20, "binaire inhoud"),
        ("naam\temail\r\n".encode("utf-16")[:-1], "Het bestand is beschadigd: de tekst (UTF-16"),
        ("naam\temail\r\n".encode("utf-16") + b"\x00\xd8", "Het bestand is beschadigd: de tekst (UTF-16"),
        (";".join(INITIATIVE_HEADER).encode() + b"\n" * 31 + b"x" * 140_000,
         "Het tekstbestand is niet als CSV te lezen: een cel is langer dan 131.072 tekens"),
    ],
)
def test_damaged_and_foreign_files_are_named(data, reason):
    from warehouse.intake.readers import UnreadableFile, read_tables

    with pytest.raises(UnreadableFile) as refused:
        read_tables("aanmelding", data)
    assert reason in str(refused.value)
    assert "Stuur de aanmelding als Excel-bestand (.xlsx) of als CSV" in str(refused.value)


def _rewrite(path, member: str, change) -> bytes:
    """The bytes of the .xlsx at `path` with `member` replaced by change(its bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, change(data) if name == member else data)
    return buffer.getvalue()


def test_a_workbook_damaged_inside_is_named_without_an_exception_name(tmp_path):
    from warehouse.intake.readers import UnreadableFile, read_tables

    good = write_xlsx(tmp_path / "goed.xlsx", [INITIATIVE_HEADER, initiative()])
    truncated = _rewrite(good, "xl/worksheets/sheet1.xml", lambda xml: xml[:-200])  # a valid zip, broken XML
    stored = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    bad_crc = stored.getvalue().replace(b"Buurtmoestuin", b"Xuurtmoestuin")
    for data in (truncated, bad_crc):
        with pytest.raises(UnreadableFile) as refused:
            read_tables("aanmelding.xlsx", data)
        assert str(refused.value).startswith("Het bestand is beschadigd: het Excel-bestand kan niet worden geopend "
                                             "of gelezen.")
        assert "Error" not in str(refused.value) and "Zip" not in str(refused.value)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (datetime(2027, 1, 15), "2027-01-15"),
        (datetime(2027, 1, 15, 9, 30), "2027-01-15 09:30:00"),
        (date(2027, 1, 15), "2027-01-15"),
        (True, "ja"),
        (False, "nee"),
        (16.0, "16"),
        (16.5, "16,5"),
        (0.375, "0,375"),
        (1234.5, "1234,5"),
        (1e-05, "0,00001"),
        ("Buurtmoestuin", "Buurtmoestuin"),
    ],
)
def test_excel_cells_read_as_the_user_sees_them(value, text):
    from warehouse.intake.readers import cell_text

    assert cell_text(value) == text


def test_every_sheet_with_a_recognised_header_is_read_and_another_kind_is_refused(rcon, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Instructie"
    wb.active.append(["Vul per gemeente een tabblad in."])
    for name, titles in (("Zeist", ["A"]), ("Bunnik", ["B", "C"])):
        ws = wb.create_sheet(name)
        ws.append(INITIATIVE_HEADER)
        for t in titles:
            ws.append(initiative(titel=t, gemeente=name))
    wb.create_sheet("Consultants").append(CONSULTANT_HEADER)
    wb["Consultants"].append(consultant())
    wb.save(path := tmp_path / "regio.xlsx")
    r = one(rcon, tmp_path, path)
    assert (r.kind, r.rows, r.accepted, r.rejected) == ("initiatives", 4, 3, 1)
    assert reasons(r) == ["tabblad Consultants, rij 2: dit tabblad bevat consultants, maar het bestand is ingelezen "
                          "als initiatieven; stuur de consultants in een apart bestand"]
    assert fetch(rcon, "SELECT sheet, row_number, outcome FROM intake_rows ORDER BY sheet, row_number") == [
        ("Bunnik", 2, "loaded"), ("Bunnik", 3, "loaded"), ("Consultants", 2, "rejected"), ("Zeist", 2, "loaded")]
    assert fetch(rcon, "SELECT titel, gemeentecode FROM initiatives ORDER BY titel") == [
        ("A", "GM0355"), ("B", "GM0312"), ("C", "GM0312")]


def test_a_wrong_sheet_dimension_loses_no_rows(rcon, tmp_path):
    good = write_xlsx(tmp_path / "goed.xlsx", [INITIATIVE_HEADER, *(initiative(titel=t) for t in "ABC")])
    path = tmp_path / "dimensie.xlsx"
    path.write_bytes(_rewrite(good, "xl/worksheets/sheet1.xml",
                              lambda xml: xml.replace(b'<dimension ref="A1:L4"/>', b'<dimension ref="A1:C1"/>')))
    assert b'<dimension ref="A1:C1"/>' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    r = one(rcon, tmp_path, path)
    assert (r.rows, r.accepted, r.rejected) == (3, 3, 0)


def test_a_csv_row_wider_than_the_header_is_rejected(rcon, tmp_path):
    header = ",".join(CONSULTANT_HEADER)
    shifted = "Schuif Man,s@debilt.nl,De Bilt,Adviseur,Subsidies,energie,1,5,,,ja"  # 1,5 unquoted
    trailing = "Goed Man,g@debilt.nl,De Bilt,Adviseur,Subsidies,energie,8,,,ja,,"  # empty extra fields are fine
    path = tmp_path / "komma.csv"
    path.write_text("\n".join([header, shifted, trailing]) + "\n", encoding="utf-8")
    r = one(rcon, tmp_path, path)
    assert (r.rows, r.accepted, r.rejected) == (2, 1, 1)
    assert reasons(r) == ["rij 2: deze rij heeft meer kolommen (11) dan de kopregel (10); staat er een komma in een "
                          "getal of tekst zonder aanhalingstekens?"]
    assert fetch(rcon, "SELECT email, uren_beschikbaar FROM consultants") == [("g@debilt.nl", 8.0)]


def test_a_quote_that_is_never_closed_is_named_not_swallowed(rcon, tmp_path):
    header = ";".join(CONSULTANT_HEADER)
    good = "Goed Man;g@debilt.nl;De Bilt;Adviseur;Subsidies;energie;8;;;ja"
    open_quote = 'Open Man;o@debilt.nl;De Bilt;Adviseur;"Subsidies;energie;8;;;ja'
    later = ["Later Een;l1@debilt.nl;De Bilt;Adviseur;Wonen;wonen;8;;;ja", "Later Twee;l2@debilt.nl;De Bilt;A;W;wonen;8;;;ja"]
    path = tmp_path / "quote.csv"
    path.write_text("\n".join([header, good, open_quote, *later]) + "\n", encoding="utf-8")
    r = one(rcon, tmp_path, path)
    assert (r.accepted, r.rejected) == (1, 1)
    assert reasons(r)[0].startswith("rij 3: in deze rij staat een aanhalingsteken (\") dat niet wordt gesloten")


def test_formulas_never_computed_make_the_file_refused_not_read_as_empty(rcon, tmp_path):
    wb = openpyxl.Workbook()  # openpyxl, like many scripts, stores formulas without their results
    for row in [INITIATIVE_HEADER, initiative(titel="Dorpshuis"), initiative(titel="Voedselbos")]:
        wb.active.append(row)
    wb.active["C3"] = "=C2"
    path = tmp_path / "script.xlsx"
    wb.save(path)
    r = one(rcon, tmp_path, path)
    assert r.error.startswith("Het bestand bevat formules zonder berekende waarde") and r.accepted == 0


def test_formula_cells_are_read_as_the_value_excel_shows(rcon, tmp_path):
    path = tmp_path / "formules.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Aanmeldingen")
    for n, row in enumerate([INITIATIVE_HEADER, initiative(titel="Dorpshuis"), initiative(titel="Voedselbos")]):
        ws.write_row(n, 0, row)
    ws.write_formula("C3", "=C2", None, "Zoals hierboven.")       # Excel stores each formula's last value
    ws.write_formula("I3", "=I2*2", None, 80)
    ws.write_formula("L3", "=DATE(2027,1,20)", None, "2027-01-20")
    wb.close()
    r = one(rcon, tmp_path, path)
    assert (r.accepted, r.rejected) == (2, 0)
    assert fetch(rcon, "SELECT omschrijving, uren_gevraagd, ingediend_op FROM initiatives WHERE titel = 'Voedselbos'") == [
        ("Zoals hierboven.", 80.0, date(2027, 1, 20))]


def test_number_cells_are_numbers_and_only_text_is_read_the_dutch_way(rcon, tmp_path):
    rows = [CONSULTANT_HEADER,
            consultant("a@b.nl", uren_beschikbaar=0.375, beschikbaar_vanaf=datetime(2027, 1, 15, 9, 30)),
            consultant("c@b.nl", uren_beschikbaar=2.125),
            consultant("d@b.nl", uren_beschikbaar="1.000"),
            consultant("e@b.nl", uren_beschikbaar="7,5")]
    r = one(rcon, tmp_path, write_xlsx(tmp_path / "getallen.xlsx", rows))
    assert (r.accepted, r.rejected) == (4, 0)
    assert fetch(rcon, "SELECT email, uren_beschikbaar, beschikbaar_vanaf FROM consultants ORDER BY email") == [
        ("a@b.nl", 0.375, date(2027, 1, 15)), ("c@b.nl", 2.125, date(2027, 2, 1)), ("d@b.nl", 1000.0, date(2027, 2, 1)),
        ("e@b.nl", 7.5, date(2027, 2, 1))]


def test_a_consultant_registered_by_another_municipality_is_not_overwritten(rcon, tmp_path):
    zeist = write_text(tmp_path / "zeist.csv", [CONSULTANT_HEADER, consultant("p.jansen@zeist.nl", gemeente="Zeist")])
    bilt = write_text(tmp_path / "bilt.csv", [CONSULTANT_HEADER, consultant("P.Jansen@zeist.nl", uren_beschikbaar="10"),
                                             consultant("k@debilt.nl")])
    later = write_text(tmp_path / "zeist2.csv", [CONSULTANT_HEADER, consultant("p.jansen@zeist.nl", gemeente="Zeist",
                                                                               uren_beschikbaar="60")])
    _, r2, r3 = ingest(rcon, tmp_path, zeist, bilt, later)
    assert (r2.accepted, r2.rejected, r2.duplicates) == (1, 1, 0)
    assert reasons(r2) == [
        "rij 2, kolom email: P.Jansen@zeist.nl is in deze ronde al aangemeld door gemeente Zeist (GM0355); een "
        "consultant wordt door één gemeente aangemeld. De eerste aanmelding blijft staan; neem contact op met de "
        "coördinator."]
    assert (r3.accepted, r3.rejected, r3.duplicates) == (0, 0, 1)  # the same municipality updates
    assert fetch(rcon, "SELECT gemeentecode, uren_beschikbaar FROM consultants WHERE email = 'p.jansen@zeist.nl'") == [
        ("GM0355", 60.0)]


def test_one_address_in_a_file_for_two_names_or_municipalities_keeps_the_first(rcon, tmp_path):
    rows = [CONSULTANT_HEADER, consultant("a@b.nl", naam="Pieter Jansen"), consultant("A@b.nl", naam="Piet Smit"),
            consultant("a@b.nl", gemeente="Bunnik"), consultant("a@b.nl", naam="pieter  jansen", uren_beschikbaar="90")]
    r = one(rcon, tmp_path, write_text(tmp_path / "c.csv", rows))
    assert (r.rows, r.accepted, r.rejected, r.duplicates) == (4, 1, 2, 1)
    assert reasons(r) == [
        "rij 3, kolom email: A@b.nl staat in dit bestand al in rij 2 met de naam 'Pieter Jansen'; één e-mailadres "
        "hoort bij één consultant. Verbeter de naam of het e-mailadres.",
        "rij 4, kolom email: a@b.nl staat in dit bestand al in rij 2 bij gemeente De Bilt (GM0310); een consultant "
        "wordt door één gemeente aangemeld. De eerste aanmelding blijft staan; neem contact op met de coördinator."]
    assert fetch(rcon, "SELECT naam, gemeentecode, uren_beschikbaar FROM consultants") == [
        ("pieter  jansen", "GM0310", 90.0)]


def test_an_empty_optional_cell_keeps_the_stored_value(rcon, tmp_path):
    first = write_text(tmp_path / "a.csv", [INITIATIVE_HEADER, initiative(woonplaats="Austerlitz", prioriteit="2")])
    second = write_text(tmp_path / "b.csv", [
        INITIATIVE_HEADER,
        initiative(omschrijving="Nieuwe tekst", woonplaats="", prioriteit="", ingediend_op=""),
        initiative(titel="Voedselbos", woonplaats="Kern", prioriteit="3"),
        initiative(titel="Voedselbos", woonplaats="", prioriteit="", uren_gevraagd="60"),
        initiative(titel="Speeltuin", woonplaats="", prioriteit="", ingediend_op="")])
    r1, r2 = ingest(rcon, tmp_path, first, second)
    assert (r2.accepted, r2.duplicates) == (2, 2)
    assert fetch(rcon, "SELECT titel, omschrijving, woonplaats, prioriteit, ingediend_op, uren_gevraagd "
                       "FROM initiatives ORDER BY titel") == [
        ("Buurtmoestuin De Brink", "Nieuwe tekst", "Austerlitz", 2, date(2027, 1, 15), 40.0),
        ("Speeltuin", "Bewoners leggen samen een moestuin aan.", None, 1, None, 40.0),
        ("Voedselbos", "Bewoners leggen samen een moestuin aan.", "Kern", 3, date(2027, 1, 15), 60.0)]


def test_a_value_merged_over_several_rows_holds_for_each(rcon, tmp_path):
    path = write_xlsx(tmp_path / "samengevoegd.xlsx",
                      [INITIATIVE_HEADER, initiative(titel="A", gemeente="Bunnik"),
                       initiative(titel="B", gemeente=""), initiative(titel="C", gemeente="")],
                      above=[["Aanmeldingen Bunnik"]])
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("A1:F1")
    wb.active.merge_cells("A3:A8")  # reaching below the data
    wb.save(path)
    r = one(rcon, tmp_path, path)
    assert (r.rows, r.accepted, r.rejected) == (3, 3, 0)
    assert fetch(rcon, "SELECT DISTINCT gemeentecode FROM initiatives") == [("GM0312",)]


def test_a_consultant_without_consent_is_loaded_with_a_note_on_the_receipt(rcon, tmp_path):
    from warehouse.intake.registrations import NO_CONSENT

    rows = [CONSULTANT_HEADER, consultant("a@b.nl"), consultant("n@b.nl", naam="Nee Man", akkoord_werkgever="nee")]
    r = one(rcon, tmp_path, write_text(tmp_path / "c.csv", rows))
    assert (r.accepted, r.rejected) == (2, 0)
    wb = openpyxl.load_workbook(r.receipt_path)
    assert list(wb["Geladen"].iter_rows(values_only=True)) == [
        ("rij", "id", "aanmelding", "toelichting"),
        (2, consultant_id("a@b.nl"), "Pieter Jansen (De Bilt)", None),
        (3, consultant_id("n@b.nl"), "Nee Man (De Bilt)", NO_CONSENT)]
    summary = dict(wb["Ontvangstbevestiging"].iter_rows(min_row=3, values_only=True))
    assert summary["Let op"] == f"1 rij: {NO_CONSENT}"


def test_a_name_that_lost_a_letter_to_the_character_set_is_pointed_out(rcon, tmp_path):
    from warehouse.intake.registrations import LOST_LETTER

    rows = [CONSULTANT_HEADER, consultant("s@b.nl", naam="Samira Yılmaz"), consultant("w@b.nl", naam="Wie? Niemand")]
    utf8 = write_text(tmp_path / "utf8.csv", rows)
    path = tmp_path / "c.csv"
    path.write_bytes(utf8.read_text(encoding="utf-8").encode("cp1252", errors="replace"))  # as Windows saves it: ı becomes ?
    r = one(rcon, tmp_path, path)
    assert (r.accepted, r.rejected) == (2, 0), reasons(r)
    notes = [row[-1] for row in openpyxl.load_workbook(r.receipt_path)["Geladen"].iter_rows(min_row=2, values_only=True)]
    assert notes == [LOST_LETTER, None]  # a question mark after a word is no lost letter

"""Reports: content, segregation between municipalities, injection safety and safe file names."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import openpyxl
import pytest

from reports.build import write_round_reports
from reports.naming import package_dirname, slug
from warehouse.resolver import default_resolver
from warehouse.rounds import create_round

import reports_data as rd
from reports_data import BERGEN, DEN_BOSCH, EINDHOVEN, FORMULA, NUENEN, ROUND, SCRIPT

DIRS = {
    DEN_BOSCH: "GM0796_s-hertogenbosch",
    BERGEN: "GM0373_bergen-nh",
    NUENEN: "GM0820_nuenen-gerwen-en-nederwetten",
    EINDHOVEN: "GM0772_eindhoven",
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The test round's reports, written once for the module."""
    from warehouse.db import connect

    base = tmp_path_factory.mktemp("reports")
    con = connect(base / "warehouse.duckdb")
    rd.fill_round(con)
    paths = write_round_reports(con, ROUND, base / "out")
    con.close()
    return paths


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    ws = openpyxl.load_workbook(path)[sheet]
    """The table's rows as dicts by header, up to the first empty row (notes follow below it)."""
    rows = iter(ws.iter_rows(values_only=True))
    header = next(rows)
    out = []
    for r in rows:
        if all(v is None for v in r):
            break
        out.append(dict(zip(header, r)))
    return out


def workbook_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)


def package(paths, code):
    return next(g for g in paths.gemeenten if g.gemeentecode == code)


def package_text(paths, code) -> str:
    g = package(paths, code)
    return workbook_text(g.xlsx) + "\n" + lxml.html.parse(str(g.html)).getroot().text_content()


# -- layout and names -------------------------------------------------------------------------------

def test_layout_one_folder_per_municipality_plus_overview(reports):
    out = reports.out_dir
    assert sorted(p.name for p in out.iterdir()) == sorted([*DIRS.values(), "overzicht"])
    for code, dirname in DIRS.items():
        g = package(reports, code)
        assert g.xlsx.parent == out / dirname and g.html.parent == out / dirname
        assert g.xlsx.name == f"{ROUND}_{dirname}.xlsx"
    assert {p.name for p in (out / "overzicht").iterdir()} == {
        f"{ROUND}_overzicht.xlsx", f"{ROUND}_overzicht.html", "uren_per_gemeente.png", "kaart_uren.png",
        f"{ROUND}_evaluatie.xlsx", f"{ROUND}_evaluatie.html"}
    assert all(p.exists() and p.stat().st_size > 0 for p in reports.all())


def test_file_names_are_safe_and_unique_for_every_municipality():
    names = {g.code: g.naam for g in default_resolver().by_code.values()}
    dirnames = {package_dirname(code, naam) for code, naam in names.items()}
    assert len(dirnames) == len(names) == 342
    assert all(re.fullmatch(r"GM\d{4}_[a-z0-9]+(-[a-z0-9]+)*", d) for d in dirnames)
    assert slug("'s-Hertogenbosch") == "s-hertogenbosch"
    assert slug("Bergen (NH.)") == "bergen-nh"
    assert slug("Nuenen, Gerwen en Nederwetten") == "nuenen-gerwen-en-nederwetten"
    assert slug("Súdwest-Fryslân") == "sudwest-fryslan"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("") == "gemeente"


# -- the municipality's xlsx -----------------------------------------------------------------------

def test_package_workbook_has_sheets_filters_frozen_header_and_dropdowns(reports):
    wb = openpyxl.load_workbook(package(reports, DEN_BOSCH).xlsx)
    assert wb.sheetnames == ["Toelichting", "Kandidaten", "Initiatieven", "Matches", "Eigen consultants", "Uren en kosten"]
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["A"].width > 8
    cand, matches = wb["Kandidaten"], wb["Matches"]
    for ws, header, choices in ((cand, "Beoordeling", '"relevant,niet relevant"'), (matches, "Besluit", '"akkoord,afgewezen"')):
        (dv,) = ws.data_validations.dataValidation
        letter = openpyxl.utils.get_column_letter([c.value for c in ws[1]].index(header) + 1)
        assert dv.formula1 == choices and str(dv.sqref).startswith(f"{letter}2:")
    # the key columns for the decision intake are present and hidden
    for ws, keys in ((cand, ["item_id", "round_id", "gemeentecode"]), (matches, ["round_id", "initiative_id", "consultant_id"])):
        header = [c.value for c in ws[1]]
        for key in keys:
            index = header.index(key) + 1
            assert any(d.hidden and d.min <= index <= d.max for d in ws.column_dimensions.values()), key


def test_package_candidates_are_new_own_and_linked_only_over_http(reports):
    path = package(reports, DEN_BOSCH).xlsx
    rows = sheet_rows(path, "Kandidaten")
    # M1 and M2 are its new candidates; M5 was judged in an earlier round; M3 is Nuenen's; M0 was
    # published more than the window (365 days) before the round opened
    assert [r["item_id"] for r in rows] == ["M1", "M2"]
    assert "uit berichten van 15-01-2026 of later" in package(reports, DEN_BOSCH).html.read_text(encoding="utf-8")
    assert {r["gemeentecode"] for r in rows} == {DEN_BOSCH} and {r["round_id"] for r in rows} == {ROUND}
    assert rows[0]["Titel"] == SCRIPT and rows[0]["Score"] == pytest.approx(0.91)
    assert rows[0]["Thema's"] == "Groen & openbare ruimte"
    assert rows[0]["Onderbouwing"] == ("signaalwoorden: bewoners, initi\u2026; plaats: Rosmalen (uit de tekst); "
                                       "thema's: Groen & openbare ruimte (moestuin)")
    assert rows[0]["Datum"].year == 2027
    ws = openpyxl.load_workbook(path)["Kandidaten"]
    bron = [c.value for c in ws[1]].index("Bron") + 1
    assert ws.cell(2, bron).hyperlink.target == "https://www.dtvnieuws.nl/nieuws/moestuin"
    assert ws.cell(3, bron).hyperlink is None  # javascript: stays text
    assert "javascript:alert(1)" in ws.cell(3, bron).value


def test_package_prefills_verdicts_given_in_this_round(reports):
    rows = sheet_rows(package(reports, BERGEN).xlsx, "Kandidaten")
    assert [(r["item_id"], r["Beoordeling"]) for r in rows] == [("M6", "relevant")]


def test_package_matches_proposals_alternates_and_decisions(reports):
    rows = sheet_rows(package(reports, DEN_BOSCH).xlsx, "Matches")
    got = [(r["initiative_id"], r["consultant_id"], r["Soort"], r["Uren"], r["Besluit"]) for r in rows]
    assert got == [
        ("I1", "C1", "voorstel", 24, None),
        ("I1", "C4", "voorstel", 8, None),
        ("I1", "C5", "alternatief 1", None, None),
        ("I2", "C2", "voorstel", 40, "akkoord"),
    ]
    anna = rows[0]
    assert anna["Consultant"] == "Anna de Vries" and anna["Thuisgemeente"] == "Nuenen, Gerwen en Nederwetten"
    assert anna["E-mail"] == "c1@gm0820.nl"
    assert "gedeelde thema's: Groen & openbare ruimte, Financiering & subsidies" in anna["Waarom deze match"]
    assert "afstand: 8 km" in anna["Waarom deze match"]
    assert rows[2]["E-mail"] is None  # an alternate is not matched: no contact details
    assert rows[2]["Nog vrij (uur)"] == 12 and rows[0]["Nog vrij (uur)"] is None
    assert (rows[0]["Beschikbaar"], rows[1]["Beschikbaar"]) == ("vanaf 01-03-2027", None)  # Anna from March; Dana: no dates
    assert rows[3]["Vastgelegd"] == "ja"


def test_package_own_consultants_elsewhere_and_hours_and_costs(reports):
    rows = sheet_rows(package(reports, DEN_BOSCH).xlsx, "Eigen consultants")
    assert [(r["Consultant"], r["Ingezet bij gemeente"], r["Initiatief"], r["Uren"]) for r in rows] == [
        ("Chris Bakker", "Nuenen, Gerwen en Nederwetten", "Energiecoöperatie Nuenen", 30)]
    balance = {r["Onderdeel"]: r["Waarde"] for r in sheet_rows(package(reports, DEN_BOSCH).xlsx, "Uren en kosten")}
    assert balance["Uren ontvangen (consultants uit andere gemeenten)"] == 72
    assert balance["Uren gegeven (eigen consultants elders)"] == 30
    assert balance["Inwoners (1 januari 2024)"] == 160_757
    costs = sheet_rows(reports.overview_xlsx, "Kostenverdeling")
    share = next(r["Bedrag"] for r in costs if r["Code"] == DEN_BOSCH)
    assert balance["Kostenaandeel"] == pytest.approx(share)
    assert "Bron: CBS" in workbook_text(package(reports, DEN_BOSCH).xlsx)


# -- segregation ------------------------------------------------------------------------------------

def test_candidate_counts_agree_between_the_overview_and_the_lists(reports):
    listed = sum(1 for code in DIRS for r in sheet_rows(package(reports, code).xlsx, "Kandidaten") if r["item_id"])
    per_gemeente = sum(r["Kandidaten"] for r in sheet_rows(reports.overview_xlsx, "Uren per gemeente") if r["Code"])
    assert listed == per_gemeente > 0
    assert f"waarvan {listed} op de kandidatenlijsten van deze ronde" in workbook_text(reports.overview_xlsx)


def test_own_consultants_not_deployed_are_named_with_the_reason(reports):
    text = workbook_text(package(reports, EINDHOVEN).xlsx)
    assert "Niet ingezet omdat het akkoord van de werkgever ontbreekt: Femke de Wit (160 uur)." in text
    assert "Aangemeld maar in deze matchset niet ingezet: Eva Mulder (20 uur)." in text
    assert "Femke de Wit" not in workbook_text(package(reports, DEN_BOSCH).xlsx)


def test_the_overview_lists_initiatives_and_matches_by_municipality_name(reports):
    for sheet in ("Initiatieven", "Matches"):
        hosts = [r["Hostgemeente"] for r in sheet_rows(reports.overview_xlsx, sheet) if r["initiative_id"]]
        assert hosts == sorted(hosts) and len(set(hosts)) > 1, sheet


def test_the_overview_explains_only_the_sheets_it_has(reports):
    text = workbook_text(reports.overview_xlsx)
    assert "tabblad Matches" in text and "Vastgelegd: ja als het overleg" in text
    assert "tabblad Kandidaten" not in text and "item_id" not in text


def test_each_package_holds_only_what_concerns_its_municipality(reports):
    hosts = {"I1": DEN_BOSCH, "I2": DEN_BOSCH, "I3": NUENEN, "I4": BERGEN, "I6": EINDHOVEN}
    homes = {"C1": NUENEN, "C2": BERGEN, "C3": DEN_BOSCH, "C4": EINDHOVEN, "C5": EINDHOVEN}
    for code in DIRS:
        path = package(reports, code).xlsx
        assert {r["gemeentecode"] for r in sheet_rows(path, "Kandidaten") if r["item_id"]} <= {code}
        assert {hosts[r["initiative_id"]] for r in sheet_rows(path, "Matches") if r["initiative_id"]} <= {code}
        assert {hosts[r["initiative_id"]] for r in sheet_rows(path, "Initiatieven") if r["initiative_id"]} <= {code}
        assert {homes[r["consultant_id"]] for r in sheet_rows(path, "Eigen consultants") if r["consultant_id"]} <= {code}
        # e-mail addresses: only of consultants matched to its initiatives, or its own deployed consultants
        allowed = {f"{c.lower()}@{homes[c].lower()}.nl" for c in homes if homes[c] == code}
        allowed |= {r["E-mail"] for r in sheet_rows(path, "Matches") if r["Soort"] == "voorstel"}
        text = package_text(reports, code)
        assert set(re.findall(r"[\w.]+@[\w.]+\.nl", text)) <= allowed
        # never the initiators' contact details of another municipality's initiatives
        for email in ("ria@groenehof.nl", "info@energienuenen.nl", "strijp@repaircafe.nl"):
            assert email not in text or code == DEN_BOSCH and email == "ria@groenehof.nl"

    bosch = package_text(reports, DEN_BOSCH)
    assert "Nuenen krijgt eigen buurtbus" not in bosch  # Nuenen's candidate
    assert "Repair Café Strijp" not in bosch  # Eindhoven's initiative
    assert "c5@gm0772.nl" not in bosch and "Eva Mulder" in bosch  # alternate: name, no contact
    assert "Energiecoöperatie Nuenen" in bosch  # where its own consultant works
    nuenen = package_text(reports, NUENEN)
    assert "c2@gm0373.nl" not in nuenen and "Bart Jansen" in nuenen  # alternate for Nuenen, matched elsewhere
    assert "Dorpshuis Rosmalen" not in nuenen and "Buurtmoestuin De Groene Hof" in nuenen  # Anna works there
    eindhoven = package_text(reports, EINDHOVEN)
    assert "Dorpshuis Rosmalen" not in eindhoven and "Egmond zet zwerfafval-team op" not in eindhoven


# -- injection safety --------------------------------------------------------------------------------

def test_no_formula_cell_in_any_workbook(reports):
    for path in [g.xlsx for g in reports.gemeenten] + [reports.overview_xlsx]:
        wb = openpyxl.load_workbook(path)
        for ws in wb:
            for row in ws.iter_rows():
                for c in row:
                    assert c.data_type != "f", (path.name, ws.title, c.coordinate, c.value)
                    assert not (isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))), c.value
    bergen = sheet_rows(package(reports, BERGEN).xlsx, "Initiatieven")
    assert bergen[0]["Initiatief"] == "'" + FORMULA and bergen[0]["Hulpvraag"] == SCRIPT


def test_html_escapes_untrusted_text_and_links_only_http(reports):
    for path in [g.html for g in reports.gemeenten] + [reports.overview_html]:
        raw = path.read_text(encoding="utf-8")
        doc = lxml.html.fromstring(raw)
        assert doc.xpath("//script") == [] and doc.xpath("//iframe|//object|//embed") == []
        assert all(el.get("src", "").startswith("data:image/png;base64,") for el in doc.xpath("//img"))
        for a in doc.xpath("//a[@href]"):
            href = a.get("href")
            assert href.startswith("#") or (href.startswith("https://") and a.get("class") == "bron"), href
        assert not re.search(r"""(src|href)\s*=\s*["']?javascript:""", raw, re.I)
        # only the source links point outside the page
        external = re.findall(r"""(?:src|href|url)\s*[=(]\s*["']?(https?://[^"' )>]+)""", raw, re.I)
        assert set(external) <= {"https://www.dtvnieuws.nl/nieuws/moestuin", "https://www.nhnieuws.nl/egmond",
                                 "https://www.ed.nl/nuenen/buurtbus"}
    bosch_raw = package(reports, DEN_BOSCH).html.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bosch_raw
    text = lxml.html.fromstring(bosch_raw).text_content()
    assert SCRIPT in text and FORMULA in text


# -- html content --------------------------------------------------------------------------------------

def test_package_html_content_in_dutch(reports):
    doc = lxml.html.parse(str(package(reports, DEN_BOSCH).html)).getroot()
    assert doc.get("lang") == "nl"
    assert "gemeente 's-Hertogenbosch" in doc.findtext(".//h1")
    headings = [h.text_content() for h in doc.iter("h2")]
    assert headings[:5] == ["Kandidaat-initiatieven uit de media", "Initiatieven en toegekende uren",
                            "Voorgestelde consultants en alternatieven", "Eigen consultants ingezet bij andere gemeenten",
                            "Uren gegeven en ontvangen, en kostenaandeel"]
    matches = doc.get_element_by_id("matches")
    cells = [[td.text_content().strip() for td in tr.iter("td")] for tr in matches.iter("tr")][1:]
    assert ["Buurtmoestuin De Groene Hof", "'s-Hertogenbosch", "voorstel", "Anna de Vries"] == cells[0][:4]
    assert "0,82" in cells[0] and "24" in cells[0]
    kosten = doc.get_element_by_id("uren-en-kosten").text_content()
    assert "160.757" in kosten and "Bron: CBS" in kosten and re.search(r"€ \d{1,3}(\.\d{3})*,\d{2}", kosten)
    assert "@media print" in doc.findtext(".//style")


def test_empty_sections_get_a_dutch_note(reports):
    doc = lxml.html.parse(str(package(reports, EINDHOVEN).html)).getroot()
    assert "geen nieuwe kandidaat-initiatieven" in doc.get_element_by_id("kandidaten").text_content()
    (note,) = sheet_rows(package(reports, EINDHOVEN).xlsx, "Matches")  # a note, no keys, nothing to decide
    assert note["Hostgemeente"] == "Er zijn (nog) geen voorgestelde matches voor deze initiatieven."
    assert note["initiative_id"] is None and note["Besluit"] is None


def test_round_without_match_set_or_candidates(con, tmp_path):
    create_round(con, "2027-R2", ["Utrecht", "Zeist"], __import__("datetime").date(2027, 4, 1),
                 __import__("datetime").date(2027, 5, 1))
    paths = write_round_reports(con, "2027-R2", tmp_path / "out")
    html = paths.gemeenten[0].html.read_text(encoding="utf-8")
    assert "De matchset voor deze ronde is nog niet berekend" in html
    assert "nog geen kandidaat-initiatieven" in html
    overview = lxml.html.parse(str(paths.overview_html)).getroot().text_content()
    assert "Er is nog geen mediascan uitgevoerd." in overview and "Geen gemeentegrenzen" not in overview


# -- the coordinator's overview ----------------------------------------------------------------------

def test_overview_workbook(reports):
    wb = openpyxl.load_workbook(reports.overview_xlsx)
    assert wb.sheetnames == ["Toelichting", "Uren per gemeente", "Matches", "Initiatieven", "Tekort per thema",
                             "Onvervulde vraag", "Scan", "Kostenverdeling"]
    assert len(wb["Uren per gemeente"]._images) == 2
    matches = sheet_rows(reports.overview_xlsx, "Matches")
    assert len(matches) == 7 and sum(r["Soort"] == "voorstel" for r in matches) == 5
    per = {r["Code"]: r for r in sheet_rows(reports.overview_xlsx, "Uren per gemeente")}
    assert (per[DEN_BOSCH]["Uren ontvangen"], per[DEN_BOSCH]["Uren gegeven"]) == (72, 30)
    assert (per[EINDHOVEN]["Uren ontvangen"], per[EINDHOVEN]["Uren gegeven"]) == (0, 24)
    assert sum(r["Uren ontvangen"] for r in per.values()) == sum(r["Uren gegeven"] for r in per.values()) == 118
    unmet = {(r["Gemeente"], r["Thema"]): r["Uren tekort"] for r in sheet_rows(reports.overview_xlsx, "Onvervulde vraag")}
    assert unmet == {
        ("'s-Hertogenbosch", "Groen & openbare ruimte"): 4, ("'s-Hertogenbosch", "Financiering & subsidies"): 4,
        ("'s-Hertogenbosch", "Maatschappelijk vastgoed"): 10, ("'s-Hertogenbosch", "Rechtsvorm & governance"): 10,
        ("Bergen (NH.)", "Participatie & communicatie"): 4, ("Eindhoven", "Lokale economie & werk"): 16,
    }
    per_theme = {r["Thema"]: r["Uren tekort"] for r in sheet_rows(reports.overview_xlsx, "Tekort per thema")}
    assert per_theme["Lokale economie & werk"] == 16 and sum(per_theme.values()) == 48
    costs = sheet_rows(reports.overview_xlsx, "Kostenverdeling")
    assert costs[-1]["Gemeente"] == "Totaal" and costs[-1]["Bedrag"] == pytest.approx(150_000)
    assert sum(r["Bedrag"] for r in costs[:-1]) == pytest.approx(150_000)
    assert openpyxl.load_workbook(reports.overview_xlsx)["Kostenverdeling"].auto_filter.ref == f"A1:E{len(costs)}"  # not Totaal
    scan = sheet_rows(reports.overview_xlsx, "Scan")
    assert {r["Bron"]: r["Berichten"] for r in scan if r["Bron"] in ("ED", "DTV Nieuws")} == {"ED": 2, "DTV Nieuws": 2}
    text = workbook_text(reports.overview_xlsx)
    assert "Precisie volgens feedback van gemeenten: 100% in deze ronde" in text and "50% over alle rondes" in text


def test_overview_html_has_chart_map_and_statistics(reports):
    doc = lxml.html.parse(str(reports.overview_html)).getroot()
    imgs = doc.xpath("//img")
    assert len(imgs) == 2 and all(i.get("alt") for i in imgs)
    text = doc.text_content()
    assert "Bron: CBS" in text and "€ 150.000,00" in text
    assert "Status: optimaal" in text and "optimaliteitsmarge 0,00%" in text
    for png in (reports.chart_png, reports.map_png):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_copies_of_one_story_are_listed_once(con, tmp_path):
    """The same press release on two sites (one near-duplicate cluster) is one candidate row."""
    rd.fill_round(con)
    con.execute("UPDATE media_items SET cluster_id = 'k1' WHERE item_id = 'M1'")
    con.execute(
        "INSERT INTO media_items SELECT 'M7', 'https://andere.nl/moestuin', 'https://andere.nl/moestuin', 'Ander Nieuws', "
        "kind, title, text, published, fetched_at, language, fingerprint, 'k1', author_hash, gemeenten "
        "FROM media_items WHERE item_id = 'M1'"
    )
    con.execute("INSERT INTO candidates SELECT 'M7', model_version, is_initiative, 0.95, gemeentecode, themes, evidence, "
                "scored_at FROM candidates WHERE item_id = 'M1'")
    paths = write_round_reports(con, ROUND, tmp_path / "out")
    rows = sheet_rows(package(paths, DEN_BOSCH).xlsx, "Kandidaten")
    assert [r["item_id"] for r in rows] == ["M7", "M2"]  # the higher-scored copy stands for the cluster


def test_a_post_without_a_title_is_listed_by_its_first_words(con, tmp_path):
    rd.fill_round(con)
    con.execute("UPDATE media_items SET kind = 'social', title = NULL, text = ? WHERE item_id = 'M6'",
                ["Wij starten een\nzwerfafval-team in Egmond! Wie helpt mee? " + "Aanmelden kan via de buurtapp. " * 8])
    paths = write_round_reports(con, ROUND, tmp_path / "out")
    [post] = [r["Titel"] for r in sheet_rows(package(paths, BERGEN).xlsx, "Kandidaten")]
    assert post.startswith("Wij starten een zwerfafval-team in Egmond! Wie helpt mee?") and post.endswith(" …")
    assert len(post) <= 120


def test_confirmed_candidates_are_initiatives_of_their_municipality_in_the_reports(con, tmp_path):
    """Candidates marked relevant become round initiatives (merge) and appear in their municipality's package."""
    from matching.params import MatchParams
    from matching.round import match_round

    rd.fill_round(con)  # Bergen confirmed M6 in this round
    con.execute("UPDATE media_items SET text = ? WHERE item_id = 'M3'", ["Vrijwilligers rijden de buurtbus. " * 40])
    con.execute("INSERT INTO candidate_feedback (item_id, round_id, gemeentecode, label) VALUES ('M3', ?, ?, 'relevant')",
                [ROUND, NUENEN])
    match_round(con, ROUND, MatchParams(time_limit=5))
    paths = write_round_reports(con, ROUND, tmp_path / "out")
    nuenen = {r["Initiatief"]: r for r in sheet_rows(package(paths, NUENEN).xlsx, "Initiatieven")}
    buurtbus = nuenen["Nuenen krijgt eigen buurtbus"]  # no consultant has its theme: asked, not matched
    assert buurtbus["initiative_id"] == "K-M3" and (buurtbus["Uren gevraagd"], buurtbus["Tekort"]) == (16, 16)
    assert buurtbus["Herkomst"] == "gevonden in de scan"
    assert {r["Herkomst"] for name, r in nuenen.items() if name != "Nuenen krijgt eigen buurtbus"} == {"aanmelding"}
    assert buurtbus["Hulpvraag"].startswith("Vrijwilligers rijden") and len(buurtbus["Hulpvraag"]) <= 300  # not the whole text
    matches = [r for r in sheet_rows(package(paths, BERGEN).xlsx, "Matches") if r["initiative_id"] == "K-M6"]
    assert [(r["Initiatief"], r["Hostgemeente"], r["Soort"]) for r in matches][:1] == [
        ("Egmond zet zwerfafval-team op", "Bergen (NH.)", "voorstel")]

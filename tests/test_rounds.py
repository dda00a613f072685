from datetime import date

import pytest

from warehouse.rounds import RoundError, clear_round, create_round, get_round, list_rounds, split_gemeenten

DEMO_20 = [
    "Amersfoort", "Zeist", "De Bilt", "Utrechtse Heuvelrug", "Soest", "Baarn", "Leusden", "Woudenberg",
    "Barneveld", "Ede", "Wageningen", "Renkum", "Rhenen", "Veenendaal", "Houten", "Nieuwegein", "Bunnik",
    "Wijk bij Duurstede", "Lopik", "IJsselstein",
]


def test_valid_round_is_stored_without_warnings(con):
    r = create_round(con, "2027-R1", DEMO_20, date(2027, 1, 15), date(2027, 3, 1))
    assert r.warnings == []
    stored = get_round(con, "2027-R1")
    assert len(stored.gemeenten) == 20
    assert stored.open_date == date(2027, 1, 15)
    assert [x.round_id for x in list_rounds(con)] == ["2027-R1"]


def test_names_and_codes_mix_and_duplicates_collapse(con):
    r = create_round(con, "R", ["Almere", "GM0363", "amsterdam", "0034"], date(2027, 1, 1), date(2027, 2, 1))
    assert sorted(g.code for g in r.gemeenten) == ["GM0034", "GM0363"]


def test_small_round_warns_but_is_allowed(con):
    r = create_round(con, "R", ["Almere", "Lelystad"], date(2027, 1, 1), date(2027, 2, 1))
    assert any("10 tot 20 gemeenten" in w for w in r.warnings)
    assert any("500.000 inwoners" in w for w in r.warnings)
    assert get_round(con, "R").round_id == "R"


@pytest.mark.parametrize(
    ("names", "open_", "close", "message"),
    [
        (["Almere"], date(2027, 1, 1), date(2027, 2, 1), "minimaal 2"),
        (["Almere", "almere"], date(2027, 1, 1), date(2027, 2, 1), "minimaal 2"),
        (["Almere", "Amsterdm"], date(2027, 1, 1), date(2027, 2, 1), "Bedoelt u 'Amsterdam'"),
        (["Almere", "Beek"], date(2027, 1, 1), date(2027, 2, 1), "niet eenduidig"),
        (["Almere", "Lelystad"], date(2027, 3, 1), date(2027, 2, 1), "ligt voor de openingsdatum"),
    ],
)
def test_refused(con, names, open_, close, message):
    with pytest.raises(RoundError, match=message):
        create_round(con, "R", names, open_, close)
    assert list_rounds(con) == []


def test_existing_round_needs_replace(con):
    create_round(con, "R", ["Almere", "Lelystad"], date(2027, 1, 1), date(2027, 2, 1))
    with pytest.raises(RoundError, match="bestaat al"):
        create_round(con, "R", ["Almere", "Dronten"], date(2027, 1, 1), date(2027, 2, 1))
    create_round(con, "R", ["Almere", "Dronten"], date(2027, 1, 1), date(2027, 2, 1), replace=True)
    assert sorted(g.naam for g in get_round(con, "R").gemeenten) == ["Almere", "Dronten"]


def test_replace_keeps_municipalities_that_have_registrations(con):
    create_round(con, "R", ["Almere", "Dronten", "Lelystad"], date(2027, 1, 1), date(2027, 2, 1))
    con.execute("INSERT INTO consultants (round_id, consultant_id, naam, email, gemeentecode, themas, uren_beschikbaar, "
                "akkoord_werkgever) VALUES ('R', 'c1', 'An', 'an@x.nl', 'GM0303', ['zorg'], 40, true)")  # Dronten
    with pytest.raises(RoundError, match="heeft al aanmeldingen van Dronten; die gemeenten kunnen niet uit de ronde"):
        create_round(con, "R", ["Almere", "Lelystad"], date(2027, 1, 1), date(2027, 2, 1), replace=True)
    assert [g.naam for g in get_round(con, "R").gemeenten] == ["Almere", "Dronten", "Lelystad"]
    create_round(con, "R", ["Almere", "Dronten"], date(2027, 1, 1), date(2027, 3, 1), replace=True)  # Lelystad has none
    assert [g.naam for g in get_round(con, "R").gemeenten] == ["Almere", "Dronten"]


def test_clear_round_deletes_what_the_round_gathered_and_nothing_else(con, tmp_path):
    from tests.intake_files import INITIATIVE_HEADER, initiative, write_text
    from warehouse.intake import ingest_files

    for rid in ("2027-R1", "2027-R2"):
        create_round(con, rid, ["Zeist", "Soest", "Amersfoort"], date(2027, 1, 15), date(2027, 3, 1))
        ingest_files(con, [write_text(tmp_path / f"{rid}.csv", [INITIATIVE_HEADER, initiative(titel=f"Tuin {rid}")])],
                     rid, tmp_path / "archief", tmp_path / "bevestigingen")
        con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision) VALUES (?, 'i', 'c', 'akkoord')", [rid])
    clear_round(con, "2027-R1")
    count = lambda table, rid: con.execute(f"SELECT count(*) FROM {table} WHERE round_id = ?", [rid]).fetchone()[0]  # noqa: E731
    assert [count(t, "2027-R1") for t in ("initiatives", "intake_files", "match_decisions")] == [0, 0, 0]
    assert [count(t, "2027-R2") for t in ("initiatives", "intake_files", "match_decisions")] == [1, 1, 1]
    assert con.execute("SELECT count(*) FROM intake_rows").fetchone()[0] == 1  # only 2027-R2's file's row
    assert get_round(con, "2027-R1").round_id == "2027-R1"  # the round itself stays


@pytest.mark.parametrize(("text", "names"), [
    ("Nuenen, Gerwen en Nederwetten,Eindhoven", ["Nuenen, Gerwen en Nederwetten", "Eindhoven"]),
    ("Eindhoven, nuenen, gerwen en nederwetten", ["Eindhoven", "nuenen, gerwen en nederwetten"]),
    ("Zeist; Houten", ["Zeist", "Houten"]),
    ("Zeist,,Houten,", ["Zeist", "Houten"]),
])
def test_a_typed_list_keeps_a_name_with_a_comma_whole(text, names):
    assert split_gemeenten(text) == names


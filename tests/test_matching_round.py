"""match_round on a warehouse filled directly: merge with confirmed candidates, decisions, stored rows."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from matching.merge import confirmed_candidates, merge_round_initiatives, organisation_in, place_in, similarity
from matching.params import MatchingError, MatchParams
from matching.round import match_round
from pnet.settings import load_config
from warehouse.rounds import create_round

ROUND = "2027-R1"


def add_initiative(con, iid, gemeente, titel, themas, uren, **kw):
    con.execute(
        """INSERT INTO initiatives (round_id, initiative_id, gemeentecode, titel, omschrijving, initiatiefnemer,
               woonplaats, themas, uren_gevraagd, hulpvraag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [kw.get("round_id", ROUND), iid, gemeente, titel, kw.get("omschrijving"), kw.get("initiatiefnemer"), kw.get("woonplaats"),
         themas, uren, kw.get("hulpvraag")],
    )


def add_consultant(con, cid, gemeente, themas, uren, akkoord=True, expertise=None):
    con.execute(
        """INSERT INTO consultants (round_id, consultant_id, naam, email, gemeentecode, expertise, themas,
               uren_beschikbaar, akkoord_werkgever) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [ROUND, cid, cid.title(), f"{cid}@example.nl", gemeente, expertise, themas, uren, akkoord],
    )


def add_candidate(con, item_id, title, gemeente, themes, label="relevant", evidence=None, cluster=None, text=None):
    con.execute(
        """INSERT INTO media_items (item_id, url, canonical_url, source, kind, title, text, fetched_at, cluster_id)
           VALUES (?, ?, ?, 'test', 'news', ?, ?, ?, ?)""",
        [item_id, f"http://x/{item_id}", f"http://x/{item_id}", title, text or f"{title}. Meer tekst.", datetime(2027, 2, 1), cluster],
    )
    con.execute(
        "INSERT INTO candidates (item_id, model_version, is_initiative, score, gemeentecode, themes, evidence) VALUES (?, 'v1', true, 0.9, ?, ?, ?)",
        [item_id, gemeente, themes, json.dumps(evidence or {})],
    )
    con.execute("INSERT INTO candidate_feedback (item_id, round_id, gemeentecode, label) VALUES (?, ?, ?, ?)",
                [item_id, ROUND, gemeente, label])


@pytest.fixture
def round_con(con):
    create_round(con, ROUND, ["Zeist", "Amersfoort", "Soest", "De Bilt"], date(2027, 1, 15), date(2027, 3, 1))
    add_initiative(con, "zonnedak", "GM0355", "Energiecoöperatie Zonnedak Zeist", ["energie"], 24,
                   initiatiefnemer="Stichting Zonnedak", woonplaats="Zeist", hulpvraag="subsidieaanvraag zonnepanelen")
    add_initiative(con, "huiskamer", "GM0307", "Buurthuiskamer Kruiskamp", ["zorg"], 16, woonplaats="Amersfoort")
    add_consultant(con, "anna", "GM0307", ["energie", "financiering"], 40, expertise="subsidies energietransitie")
    add_consultant(con, "bram", "GM0355", ["zorg"], 24, expertise="welzijn ouderen")
    add_consultant(con, "cees", "GM0342", ["zorg", "energie"], 32, expertise="zorg en energie")
    add_consultant(con, "dirk", "GM0310", ["zorg"], 40, akkoord=False)
    # the same initiative as a registration, found in the news
    add_candidate(con, "n1", "Energiecooperatie Zonnedak Zeist", "GM0355", ["energie"],
                  text="Zonnepanelen op de sporthal. De vrijwilligers van de stichting Zonnedak zoeken nog daken.",
                  evidence={"gemeente": {"mentions": ["Zeist"], "via": "tekst", "ambiguous": []}})
    # a new one, reported twice in one news cluster, and one a municipality found not relevant
    add_candidate(con, "n2", "Voedselbos De Bilt zoekt vergunning", "GM0310", ["groen", "vergunningen"], cluster="k1")
    add_candidate(con, "n3", "Voedselbos in De Bilt", "GM0310", ["groen"], cluster="k1")
    add_candidate(con, "n4", "Kermis", "GM0342", ["sport_cultuur"], label="niet relevant")
    return con


def test_merge_links_the_same_initiative_and_adds_new_ones(round_con):
    merged = merge_round_initiatives(round_con, ROUND).set_index("initiative_id")
    assert list(merged.loc["zonnedak", "item_ids"]) == ["n1"]
    assert merged.loc["zonnedak", "link_score"] > 0.82
    new = merged[merged.origin == "candidate"]
    assert len(new) == 1 and sorted(new.iloc[0]["item_ids"]) == ["n2", "n3"]
    assert new.iloc[0]["gemeentecode"] == "GM0310"
    stored = round_con.execute("SELECT count(*) FROM match_initiatives WHERE round_id = ?", [ROUND]).fetchone()[0]
    assert stored == 3


def test_the_same_new_initiative_found_in_two_clusters_becomes_one(round_con):
    add_candidate(round_con, "n5", "Voedselbos De Bilt zoekt een vergunning", "GM0310", ["groen"], cluster="k2")
    add_candidate(round_con, "n6", "Voedselbos De Bilt zoekt vergunning", "GM0342", ["groen"], cluster="k3")  # another municipality
    new = merge_round_initiatives(round_con, ROUND).query("origin == 'candidate'")
    assert sorted(sorted(ids) for ids in new.item_ids) == [["n2", "n3", "n5"], ["n6"]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Stichting Zonnedak Zeist legt panelen op de sporthal.", "Stichting Zonnedak Zeist"),
        ("Volgens de vereniging Dorpsbelang Marsum is het dorpshuis te klein.", "vereniging Dorpsbelang Marsum"),
        ("De Coöperatie Zon op Zeist zoekt leden.", "Coöperatie Zon op Zeist"),
        ("De stichting wil volgend jaar beginnen.", None),
        ("Nieuwe coöperatie\nZeist krijgt zonnepanelen", None),  # a name does not run on over a line break
        ("Bewoners leggen samen een moestuin aan.", None),
    ],
)
def test_organisation_names_are_found_in_the_text(text, name):
    assert organisation_in(text) == name


def test_the_place_comes_from_the_classifiers_evidence():
    evidence = {"classifier": ["bewoners"], "gemeente": {"mentions": ["Zeist", "zeist"], "via": "tekst", "ambiguous": []}}
    assert place_in(json.dumps(evidence)) == "Zeist"
    assert place_in({"gemeente": {"mentions": []}}) is None
    assert place_in("geen json") is None


def test_candidates_carry_the_organisation_and_place_the_merge_compares(round_con):
    n1 = confirmed_candidates(round_con, ROUND).set_index("item_id").loc["n1"]
    assert (n1["organisation"], n1["place"]) == ("Energiecooperatie Zonnedak Zeist", "Zeist")  # the title names it
    registration = {"titel": "Energiecoöperatie Zonnedak Zeist", "initiatiefnemer": "Stichting Zonnedak", "woonplaats": "Zeist"}
    title = "Zonnedak Zeist zoekt daken"
    threshold = load_config("matching")["merge"]["threshold"]
    assert similarity({"title": title}, registration) < threshold  # the title alone does not link it
    assert similarity({"title": title, "organisation": "stichting Zonnedak", "place": "Zeist"}, registration) >= threshold
    assert similarity({"title": title, "organisation": "Stichting Windkracht", "place": "Zeist"}, registration) < threshold
    assert similarity({"organisation": "Stichting Zonnedak"}, registration) == 0.0  # no title: never the same
    # a registration without organisation or place (NaN from the table) compares on the title alone
    assert similarity({"title": title, "organisation": "stichting Zonnedak", "place": "Zeist"},
                      {"titel": registration["titel"], "initiatiefnemer": float("nan"), "woonplaats": None}) == \
        similarity({"title": title}, registration)


def test_match_round_writes_run_set_and_alternates_and_honours_decisions(round_con):
    result = match_round(round_con, ROUND, MatchParams(time_limit=10))
    assert result.violations == []
    rows = round_con.execute("SELECT initiative_id, consultant_id, hours, components FROM match_set WHERE round_id = ?", [ROUND]).fetchall()
    gem_i = dict(round_con.execute("SELECT initiative_id, gemeentecode FROM match_initiatives").fetchall())
    gem_c = dict(round_con.execute("SELECT consultant_id, gemeentecode FROM consultants").fetchall())
    assert rows and all(gem_i[i] != gem_c[c] for i, c, _, _ in rows)
    assert "dirk" not in {c for _, c, _, _ in rows}  # no employer consent
    reasons = dict(round_con.execute(
        "SELECT consultant_id, reden FROM match_scores WHERE round_id = ? AND initiative_id = 'huiskamer'", [ROUND]).fetchall())
    assert reasons["dirk"] == "geen akkoord werkgever" and reasons["cees"] is None
    assert "anna" not in reasons  # never in the own municipality, so not even scored
    assert set(json.loads(rows[0][3])) == {"themes", "text", "travel", "distance_km"}
    run = round_con.execute("SELECT status, objective, bound, gap FROM match_runs WHERE round_id = ?", [ROUND]).fetchone()
    assert run[2] >= run[1] > 0

    first = {(i, c): h for i, c, h, _ in rows}
    (keep, keep_hours), (drop, _) = sorted(first.items())[:2]
    round_con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision) VALUES (?, ?, ?, 'akkoord')", [ROUND, *keep])
    round_con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision) VALUES (?, ?, ?, 'afgewezen')", [ROUND, *drop])
    match_round(round_con, ROUND, MatchParams(time_limit=10))
    again = {(i, c): (h, locked) for i, c, h, locked in round_con.execute(
        "SELECT initiative_id, consultant_id, hours, locked FROM match_set WHERE round_id = ?", [ROUND]).fetchall()}
    assert again[keep] == (keep_hours, True)
    assert drop not in again
    alternates = round_con.execute("SELECT initiative_id, consultant_id FROM match_alternates WHERE round_id = ?", [ROUND]).fetchall()
    assert drop not in set(alternates)
    assert round_con.execute("SELECT count(*) FROM match_runs").fetchone()[0] == 1


def test_empty_round_is_explained(con):
    create_round(con, "LEEG", ["Zeist", "Soest"], date(2027, 1, 15), date(2027, 3, 1))
    with pytest.raises(MatchingError, match="nog geen initiatieven"):
        match_round(con, "LEEG")
    add_initiative(con, "tuin", "GM0355", "Buurttuin", ["groen"], 16, round_id="LEEG")
    with pytest.raises(MatchingError, match="Ronde LEEG heeft nog geen consultants"):
        match_round(con, "LEEG")


def test_an_agreement_without_hours_for_a_pair_never_proposed_is_explained(round_con):
    round_con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision) "
                      "VALUES (?, 'huiskamer', 'cees', 'akkoord')", [ROUND])
    with pytest.raises(MatchingError, match="Akkoord voor huiskamer / cees zonder uren, en het paar staat niet"):
        match_round(round_con, ROUND, MatchParams(time_limit=5))


def test_round_match_set_asset_materializes_with_passing_checks(round_con, warehouse_path):
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.partitions import rounds_partitions
    from pipelines.resources import WarehouseResource

    round_con.close()
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(rounds_partitions.name, [ROUND])
    result = dg.materialize(
        [defs.get_assets_def("round_match_set")],
        instance=instance,
        partition_key=ROUND,
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
    )
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert {c.check_name for c in checks} == {"geen_eigen_gemeente", "uren_niet_overschreden", "teamgrootte", "blokgrootte", "besluiten_gevolgd"}
    assert all(c.passed for c in checks)
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    assert meta["bovengrens"].value >= meta["doelwaarde"].value > 0
    assert "| Zeist (GM0355) |" in meta["per_gemeente"].value
    assert 0 <= meta["optimaliteitsmarge_pct"].value <= 100 and meta["status"].value.startswith(("optimaal", "tijdslimiet"))


def test_check_round_finds_a_stored_own_municipality_pair(round_con):
    from matching.round import check_round

    match_round(round_con, ROUND, MatchParams(time_limit=10))
    assert check_round(round_con, ROUND) == []
    round_con.execute(
        "INSERT INTO match_set (round_id, initiative_id, consultant_id, hours, score) VALUES (?, 'zonnedak', 'bram', 8, 0.9)", [ROUND]
    )
    rules = {v.rule for v in check_round(round_con, ROUND)}
    assert "eigen_gemeente" in rules


def test_a_violation_fails_the_run(round_con, warehouse_path, monkeypatch):
    import dagster as dg

    import pipelines.matching as pm
    from matching.checker import Violation
    from pipelines.partitions import rounds_partitions
    from pipelines.resources import WarehouseResource

    round_con.close()
    monkeypatch.setattr(pm, "check_round", lambda con, round_id, params: [Violation("teamgrootte", "te groot team")])
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions(rounds_partitions.name, [ROUND])
    result = dg.materialize([pm.round_match_set], instance=instance, partition_key=ROUND, raise_on_error=False,
                            resources={"warehouse": WarehouseResource(path=str(warehouse_path))})
    assert not result.success
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert checks["teamgrootte"] is False and all(passed for name, passed in checks.items() if name != "teamgrootte")


def test_a_high_priority_registration_comes_first(con):
    """prioriteit is a rank (1 hoog, 3 laag): with one consultant for two equal initiatives, 1 gets the hours."""
    create_round(con, "PRIO", ["Zeist", "Soest"], date(2027, 1, 15), date(2027, 3, 1))
    for iid, prioriteit in (("laag", 3), ("hoog", 1)):
        add_initiative(con, iid, "GM0355", "Buurttuin", ["groen"], 16, round_id="PRIO")
        con.execute("UPDATE initiatives SET prioriteit = ? WHERE initiative_id = ?", [prioriteit, iid])
    con.execute(
        """INSERT INTO consultants (round_id, consultant_id, naam, email, gemeentecode, themas, uren_beschikbaar,
           akkoord_werkgever) VALUES ('PRIO', 'eva', 'Eva', 'eva@soest.nl', 'GM0342', ['groen'], 16, true)""")
    match_round(con, "PRIO", MatchParams(time_limit=5))
    assert con.execute("SELECT initiative_id, hours FROM match_set WHERE round_id = 'PRIO'").fetchall() == [("hoog", 16)]
    con.execute("UPDATE initiatives SET prioriteit = 4 WHERE initiative_id = 'laag'")
    with pytest.raises(MatchingError, match="Prioriteit 4 heeft geen gewicht in config/matching.yaml"):
        match_round(con, "PRIO", MatchParams(time_limit=5))


def test_an_initiative_from_a_purged_social_post_keeps_its_matches_but_not_the_posts_words(round_con):
    from scrapers.privacy import PURGED_TITLE, purge_social_posts

    round_con.execute("UPDATE media_items SET kind = 'social', fetched_at = ? WHERE item_id IN ('n2', 'n3')",
                      [datetime(2026, 1, 1)])  # the voedselbos of De Bilt, found in two posts
    add_consultant(round_con, "eva", "GM0307", ["groen", "vergunningen"], 24, expertise="voedselbossen en vergunningen")
    match_round(round_con, ROUND, MatchParams(time_limit=5))
    [(iid,)] = round_con.execute("SELECT initiative_id FROM match_initiatives WHERE origin = 'candidate'").fetchall()
    hours = round_con.execute("SELECT consultant_id, hours FROM match_set WHERE initiative_id = ?", [iid]).fetchall()
    assert hours
    round_con.execute("INSERT INTO match_decisions (round_id, initiative_id, consultant_id, decision, hours) "
                      "VALUES (?, ?, ?, 'akkoord', ?)", [ROUND, iid, *hours[0]])

    assert purge_social_posts(round_con, 90, now=datetime(2027, 6, 1)) == 2
    titel, omschrijving = round_con.execute(
        "SELECT titel, omschrijving FROM match_initiatives WHERE initiative_id = ?", [iid]).fetchone()
    assert (titel, omschrijving) == (PURGED_TITLE, None)
    match_round(round_con, ROUND, MatchParams(time_limit=5))  # a new merge and match after the purge
    assert round_con.execute("SELECT titel FROM match_initiatives WHERE initiative_id = ?", [iid]).fetchone() == (PURGED_TITLE,)
    assert tuple(hours[0]) in round_con.execute("SELECT consultant_id, hours FROM match_set WHERE initiative_id = ?", [iid]).fetchall()

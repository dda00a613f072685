"""Scan libraries without a crawl: sources file, URLs, fingerprints, extraction, privacy."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from pnet.cli import main
from scrapers.extract import detect_language, extract_article, html_to_text, parse_date
from scrapers.fingerprint import assign_clusters, hamming, join_same_headlines, simhash
from scrapers.fixture_site import pages
from scrapers.fixture_site.content import build_corpus
from scrapers.privacy import apply_retention, author_salt, hash_author, purge_social_posts, salt_file
from scrapers.sources import SourcesError, load_sources
from scrapers.spiders.social import pseudonymise_mentions
from scrapers.urls import normalize_url


def test_shipped_sources_file_is_valid():
    sources = load_sources()
    kinds = {s.kind for s in sources}
    assert {"rss", "sitemap", "mastodon_tag", "bluesky_search"} <= kinds
    assert len([s for s in sources if s.kind == "mastodon_tag"]) >= 3
    assert "Omroep GLD" in {s.name for s in sources}


def test_sources_errors_are_dutch_and_complete(tmp_path):
    bad = tmp_path / "bronnen.yaml"
    bad.write_text(
        "sources:\n"
        "  - {name: A, kind: rss, url: https://a.nl/rss, gemeenten: [Amsterdam, Nergenshuizen]}\n"
        "  - {name: A, kind: rss, url: https://b.nl/rss}\n"
        "  - {name: B, kind: podcast, url: https://c.nl}\n"
        "  - {name: C, kind: mastodon_tag, url: mastodon.nl}\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError) as err:
        load_sources(bad)
    msg = str(err.value)
    assert "5 fout(en)" in msg
    assert "Nergenshuizen" in msg and "uniek" in msg and "podcast" in msg and "'tag'" in msg and "http(s)-URL" in msg


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("sources:\n  - gewoon tekst\n", "bron 1: verwacht een blok met 'name', 'kind' en 'url'."),
        ("sources:\n  - {kind: rss, url: 'https://a.nl/rss'}\n", "bron 1: 'name' ontbreekt."),
        ("sources:\n  - {name: A, kind: rss, url: 'https://a.nl/rss', taal: nl}\n", "bron 1 ('A'): onbekend veld 'taal'."),
        ("sources:\n  - {name: A, kind: rss, url: 'https://a.nl/rss', organisation: ja}\n",
         "bron 1 ('A'): 'organisation' moet true of false zijn."),
        ("sources:\n  - {name: A, kind: rss, url: 'https://a.nl/rss', gemeenten: Zeist}\n",
         "bron 1 ('A'): 'gemeenten' moet een lijst zijn, bijvoorbeeld [GM0363]."),
        ("sources:\n  - {name: [1, 2], kind: rss, url: 'https://a.nl/rss'}\n", "bron 1: 'name' moet een tekst zijn"),
        ("sources:\n  - {name: A, kind: rss, url: 'http://[::1/x'}\n", "bron 1 ('A'): 'url' moet een volledige http(s)-URL zijn"),
        ("sources:\n  - {name: A, kind: rss, url: 'http://127.0.0.1:99999/x'}\n", "'url' moet een volledige http(s)-URL zijn"),
        ("sources:\n  - {name: A, kind: mastodon_tag, url: 'https://m.nl', tag: buurt, organisation: true}\n",
         "'organisation: true' kan niet bij mastodon_tag"),
        ("sources:\n  - {name: A, kind: mastodon_account, url: 'https://m.nl', account: jan}\n",
         "volg met mastodon_account alleen het account van een organisatie"),
        ("sources:\n  - {name: A, kind: bluesky_search, url: 'http://bsky.example', query: buurt}\n", "gebruik https"),
        ("bronnen: []\n", "verwacht een lijst onder 'sources:'"),
        ("sources: []\n", "er staan geen bronnen in."),
        ("sources: [\n", "is geen geldige YAML"),
    ],
)
def test_each_sources_mistake_is_named(tmp_path, yaml_text, message):
    bad = tmp_path / "bronnen.yaml"
    bad.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(SourcesError) as err:
        load_sources(bad)
    assert message in str(err.value)


def test_a_sources_file_not_in_utf8_and_an_output_folder_are_messages(tmp_path, capsys):
    from pnet.cli import main

    bad = tmp_path / "bronnen.yaml"
    bad.write_bytes("sources:\n  - {name: Dorpsblad Oosterbeek é, kind: rss, url: 'https://a.nl/rss'}\n".encode("cp1252"))
    with pytest.raises(SourcesError, match="is niet in UTF-8 opgeslagen"):
        load_sources(bad)
    assert main(["scan", "--sources", str(bad), "--out", str(tmp_path)]) == 1  # refused before anything is scanned
    assert f"fout: {tmp_path} is een map; geef een bestandsnaam op" in capsys.readouterr().err


def test_sources_gemeenten_resolve_to_codes(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text("sources:\n  - {name: X, kind: atom, url: 'https://x.nl/feed', gemeenten: [Amsterdam, GM0344]}\n")
    (src,) = load_sources(f)
    assert src.gemeenten == ("GM0363", "GM0344")


def test_cli_reports_bad_sources_without_traceback(tmp_path, capsys):
    assert main(["scan", "--sources", str(tmp_path / "bestaat-niet.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fout: Bronnenbestand") and "bestaat niet" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "raw",
    [
        "https://WWW.Example.NL/nieuws/artikel-1/?utm_source=rss&utm_medium=feed",
        "https://www.example.nl:443/nieuws/artikel-1?fbclid=abc#reacties",
        "HTTPS://www.example.nl/nieuws//artikel-1?gclid=x&utm_campaign=y",
    ],
)
def test_normalize_url_removes_tracking_case_fragments_and_slashes(raw):
    assert normalize_url(raw) == "https://www.example.nl/nieuws/artikel-1"


def test_normalize_url_keeps_meaningful_query_sorted():
    assert normalize_url("http://x.nl/?b=2&a=1&utm_source=z") == "http://x.nl?a=1&b=2"
    assert normalize_url("http://x.nl:8080/a") != normalize_url("http://x.nl/a")


def test_simhash_near_duplicates_cluster_unrelated_do_not():
    corpus = build_corpus(60, seed=3)
    copy = next(a for a in corpus.articles if a.copy_of)
    original = corpus.articles[copy.copy_of - 1]
    other = next(a for a in corpus.articles if a.id not in (copy.id, original.id) and a.category == "initiatief")
    fp = {a.id: simhash(a.title + "\n" + "\n".join(a.paragraphs)) for a in (copy, original, other)}
    assert hamming(fp[copy.id], fp[original.id]) <= 7 < hamming(fp[other.id], fp[original.id])
    clusters = assign_clusters([("o", fp[original.id]), ("c", fp[copy.id]), ("x", fp[other.id])], (), max_distance=7)
    assert clusters == {"o": "o", "c": "o", "x": "x"}
    # an item already in the warehouse keeps its cluster id for later copies
    assert assign_clusters([("c2", fp[copy.id])], [(fp[original.id], "earlier")], 7) == {"c2": "earlier"}


def test_a_copy_under_the_same_headline_joins_the_original_of_the_same_area():
    title = "Initiatiefnemers tiny forest Soesterberg vragen hulp"
    own = {"a": "a", "b": "b", "c": "c", "d": "d", "e": "e"}
    new = [
        ("a", title, ["GM0342"]),
        ("b", title.upper() + "!", ["GM0342", "GM0307"]),  # the regional outlet's copy
        ("c", title, ["GM0344"]),  # the same words elsewhere: another story
        ("d", "Nieuws uit de raad", ["GM0342"]),
        ("e", "Nieuws uit de raad", ["GM0342"]),  # too short to name one story
    ]
    assert join_same_headlines(own, new) == {"a": "a", "b": "a", "c": "c", "d": "d", "e": "e"}
    # a stored item keeps its cluster for a later copy; a cluster found by SimHash is kept
    assert join_same_headlines({"f": "f", "g": "x"}, [("f", title, ["GM0342"]), ("g", title, ["GM0342"])],
                               [(title, ["GM0342"], "earlier")]) == {"f": "earlier", "g": "x"}


def test_extraction_keeps_article_text_and_drops_boilerplate():
    corpus = build_corpus(10, seed=5)
    a = corpus.articles[0]
    html = pages.article_page("http://127.0.0.1:1", corpus.outlet(a.outlet), a, corpus.articles[1:4])
    got = extract_article(html, pages.article_url("http://127.0.0.1:1", a))
    assert got.title == a.title
    for paragraph in a.paragraphs:
        assert paragraph in got.text
    for boilerplate in ["Accepteer alle cookies", "Meer nieuws uit de regio", corpus.articles[1].title,
                        a.comments[0], "Alle rechten voorbehouden", "Zoeken in het nieuws", "nieuwsbrief", "Colofon"]:
        assert boilerplate not in got.text
    assert got.published.date() == a.published.date()


def test_html_to_text_and_language():
    text = html_to_text('<p>Wij starten een <b>buurtmoestuin</b>!</p><p>Wie helpt? <a href="#">#<span>burgerinitiatief</span></a></p>')
    assert text == "Wij starten een buurtmoestuin!\nWie helpt? #burgerinitiatief"
    assert detect_language("Het dorpshuis in Leusden krijgt een nieuwe keuken dankzij vrijwilligers uit de buurt.") == "nl"
    assert detect_language("De gemeente hat besletten dat it doarpshûs in nije keuken krijt. Dat is moai nijs foar de mienskip.") == "fy"


def test_author_hash_is_salted_and_never_the_handle(warehouse_path, monkeypatch):
    monkeypatch.delenv("PNET_AUTHOR_SALT", raising=False)
    salt = author_salt(warehouse_path)
    path = salt_file(warehouse_path)
    assert path.parent == warehouse_path.parent and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert author_salt(warehouse_path) == salt  # kept, not regenerated
    h = hash_author("@Anja12@mastodon.nl", salt)
    assert h == hash_author("anja12@mastodon.nl", salt) and "anja" not in h and len(h) == 64
    assert h != hash_author("anja12@mastodon.nl", "een-ander-zout")
    monkeypatch.setenv("PNET_AUTHOR_SALT", "uit-de-omgeving")
    assert author_salt(warehouse_path) == "uit-de-omgeving"


def test_post_text_keeps_no_handle_address_or_profile_link():
    text = ("Hoi @marieke en @piet@mastodon.nl en ＠breed! Mail jan.jansen@example.nl of volg privejan@mastodon.social, "
            "https://bsky.app/profile/privejan.bsky.social of https://m.social/@privejan/999. "
            "Info: https://gemeente.nl/buurtmoestuin, 5 @ 10 euro")
    out = pseudonymise_mentions(text)
    for name in ("marieke", "piet", "breed", "jansen", "privejan"):
        assert name not in out
    assert out.count("@gebruiker") == 3 and out.count("[adres]") == 2 and out.count("[profiel]") == 2
    assert "https://gemeente.nl/buurtmoestuin" in out and "5 @ 10 euro" in out  # what names no one stays


def test_authors_are_hashed_before_an_item_can_be_dropped_and_logged():
    from scrapers import settings

    order = settings.ITEM_PIPELINES
    assert order["scrapers.pipelines.AuthorPrivacyPipeline"] < min(
        v for k, v in order.items() if k != "scrapers.pipelines.AuthorPrivacyPipeline")


def test_retention_purge_deletes_only_old_social_posts(con):
    now = datetime(2027, 6, 1)
    rows = [("a", "social", now - timedelta(days=120)), ("b", "social", now - timedelta(days=10)),
            ("c", "news", now - timedelta(days=400))]
    for key, kind, fetched in rows:
        con.execute(
            "INSERT INTO media_items (item_id, url, canonical_url, source, kind, text, fetched_at) VALUES (?, ?, ?, 's', ?, 't', ?)",
            [key, f"http://x/{key}", f"http://x/{key}", kind, fetched],
        )
        con.execute("INSERT INTO seen_urls (canonical_url) VALUES (?)", [f"http://x/{key}"])
        con.execute("INSERT INTO candidates (item_id, model_version, is_initiative, score, themes, evidence) "
                    "VALUES (?, 'm', true, 0.9, [], '{\"classifier\": [\"quote\"]}')", [key])
    assert purge_social_posts(con, 90, now=now) == 1
    assert [r for (r,) in con.execute("SELECT item_id FROM candidates ORDER BY item_id").fetchall()] == ["b", "c"]
    assert [r for (r,) in con.execute("SELECT item_id FROM media_items ORDER BY item_id").fetchall()] == ["b", "c"]
    assert con.execute("SELECT count(*) FROM seen_urls WHERE canonical_url = 'http://x/a'").fetchone()[0] == 0


def _social_post(con, key: str, text: str, fetched: datetime, author_hash: str | None = None) -> None:
    con.execute("INSERT INTO media_items (item_id, url, canonical_url, source, kind, text, fetched_at, author_hash) "
                "VALUES (?, ?, ?, 's', 'social', ?, ?, ?)", [key, f"http://x/{key}", f"http://x/{key}", text, fetched, author_hash])
    con.execute("INSERT INTO seen_urls (canonical_url) VALUES (?)", [f"http://x/{key}"])


def test_retention_leaves_no_trace_of_a_post_in_the_file_or_the_archive(warehouse_path, tmp_path, monkeypatch):
    from warehouse.db import connect

    monkeypatch.setenv("PNET_AUTHOR_SALT", "zout")
    con = connect(warehouse_path)
    now = datetime.now()
    secret = "Bel Jan Jansen op 06-12345678 over de moestuin " * 20
    _social_post(con, "oud", secret, now - timedelta(days=200))
    _social_post(con, "nieuw", "Een recent bericht over een buurtfeest " * 20, now - timedelta(days=1),
                 hash_author("jan@m.nl", "zout"))
    workbook = tmp_path / "archive" / "abc" / "besluiten.csv"  # lists the post without a verdict on it
    workbook.parent.mkdir(parents=True)
    workbook.write_text(f"item_id;round_id;gemeentecode;Titel;Beoordeling\noud;R1;GM0307;{secret[:40]};\n", encoding="utf-8")
    con.execute("INSERT INTO intake_files (sha256, file_name, archived_path, kind) VALUES ('abc', 'besluiten.csv', ?, 'decisions')",
                [str(workbook)])
    con.close()
    assert secret.encode() in warehouse_path.read_bytes()

    assert apply_retention(warehouse_path, 90) == 1
    assert b"Jan Jansen" not in warehouse_path.read_bytes()  # not even in freed blocks of the file
    assert not workbook.exists()
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT archived_path, kind FROM intake_files").fetchall() == [(None, "decisions")]  # the ledger stays
    assert con.execute("SELECT item_id FROM media_items").fetchall() == [("nieuw",)]
    assert con.execute("SELECT canonical_url FROM seen_urls").fetchall() == [("http://x/nieuw",)]
    con.close()

    assert apply_retention(warehouse_path, forget="@Jan@m.nl") == 1  # an erasure request, by handle
    assert b"buurtfeest" not in warehouse_path.read_bytes()
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT count(*) FROM seen_urls WHERE canonical_url = 'http://x/nieuw'").fetchone() == (1,)  # not fetched again
    con.close()


def test_a_failed_rewrite_of_the_warehouse_is_retried_at_the_next_run(warehouse_path, monkeypatch):
    import duckdb

    import scrapers.privacy
    from pnet.errors import PnetError
    from warehouse.db import compact, connect

    con = connect(warehouse_path)
    _social_post(con, "oud", "Een oud bericht over de moestuin " * 20, datetime.now() - timedelta(days=200))
    con.close()

    def full_disk(path):
        raise duckdb.IOException("No space left on device")

    monkeypatch.setattr(scrapers.privacy, "compact", full_disk)
    with pytest.raises(PnetError, match="kon niet worden herschreven"):
        apply_retention(warehouse_path, 90)
    assert b"oud bericht" in warehouse_path.read_bytes()
    monkeypatch.setattr(scrapers.privacy, "compact", compact)
    assert apply_retention(warehouse_path, 90) == 0  # nothing left to delete, but the rewrite is due
    assert b"oud bericht" not in warehouse_path.read_bytes()


@pytest.mark.parametrize(
    "value",
    [
        "2027-01-20T09:30:00Z",
        "2027-01-20T10:30:00+01:00",
        "Wed, 20 Jan 2027 10:30:00 +0100",
        (2027, 1, 20, 9, 30, 0, 2, 20, 0),  # feedparser's time tuple, in UTC
        datetime(2027, 1, 20, 9, 30),  # naive: read as UTC
    ],
)
def test_feed_dates_become_utc(value):
    assert parse_date(value) == datetime(2027, 1, 20, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("value", [None, "", "gisteren", "32-13-2027"])
def test_unreadable_dates_are_none(value):
    assert parse_date(value) is None


def test_cli_retention_deletes_old_posts_and_refuses_negative_days(warehouse_path, capsys):
    from warehouse.db import connect

    con = connect(warehouse_path)
    _social_post(con, "oud", "Oud bericht", datetime.now() - timedelta(days=30))
    con.close()
    assert main(["retention", "--days", "40", "--warehouse", str(warehouse_path)]) == 0
    assert "0 sociale-mediaberichten ouder dan de bewaartermijn verwijderd." in capsys.readouterr().out
    assert main(["retention", "--days", "20", "--warehouse", str(warehouse_path)]) == 0
    assert "1 sociale-mediaberichten ouder dan de bewaartermijn verwijderd, en uit het warehousebestand gewist." in capsys.readouterr().out
    assert main(["retention", "--days", "-1", "--warehouse", str(warehouse_path)]) != 0
    assert "--days moet 0 of meer zijn" in capsys.readouterr().err
    assert main(["retention", "--forget", "", "--warehouse", str(warehouse_path)]) != 0  # not the ordinary purge
    assert "--forget heeft de naam van het account nodig" in capsys.readouterr().err

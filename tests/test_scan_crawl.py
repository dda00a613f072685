"""Whole scans against the fixture site on 127.0.0.1 (Scrapy runs in a subprocess)."""

from __future__ import annotations

import json
import re
import socket

import pytest
import yaml

from pnet.cli import main
from pnet.settings import config_dir
from scrapers.fixture_site import serve_fixture_site
from scrapers.fixture_site.server import BLUESKY_LOGIN
from scrapers.run import loopback_unthrottled, run_scan
from scrapers.sources import Source, write_sources
from warehouse.db import connect

TEST_SETTINGS = {**loopback_unthrottled(), "DOWNLOAD_TIMEOUT": 3, "RETRY_TIMES": 1, "DOWNLOAD_MAXSIZE": 1_000_000}
ARTICLE = r"^/(eemland|heuvelrug|vallei|lekstroom|regio)/nieuws/\d+-"


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """One fixture site, scanned twice into one warehouse; the request log is split per scan."""
    tmp = tmp_path_factory.mktemp("scan")
    warehouse = tmp / "warehouse.duckdb"
    with serve_fixture_site(n_articles=40, seed=11, slow_seconds=7) as site:
        sources = site.write_sources(tmp / "sources.yaml", include_tests=True)
        first = run_scan(sources, warehouse, "scan-1", out_jsonl=tmp / "items.jsonl", settings_overrides=TEST_SETTINGS)
        first_requests = list(site.requests)
        second = run_scan(sources, warehouse, "scan-2", settings_overrides=TEST_SETTINGS)
        second_requests = site.requests[len(first_requests):]
        yield {"site": site, "tmp": tmp, "warehouse": warehouse, "sources": sources, "first": first, "second": second,
               "first_requests": first_requests, "second_requests": second_requests}


def _rows(warehouse, sql, params=()):
    con = connect(warehouse, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_every_kind_of_source_yields_items(scans):
    by_source = {o.source: o for o in scans["first"].outcomes}
    for name in ["Eemland Nieuws", "Heuvelrug Courant", "Vallei Post", "Lekstroom Nieuws", "Regio Utrecht Vandaag",
                 "Mastodon #burgerinitiatief (lokaal)", "Mastodon Gemeente Eemland"]:
        assert by_source[name].items > 0, name
        assert by_source[name].errors == 0, (name, by_source[name].message)
    site = scans["site"]
    expected_news = {o.key: len(site.corpus.by_outlet(o.key)) for o in site.corpus.outlets}
    stored = dict(_rows(scans["warehouse"], "SELECT source, count(*) FROM media_items WHERE kind = 'news' GROUP BY source"))
    assert stored["Heuvelrug Courant"] == expected_news["heuvelrug"]
    assert stored["Vallei Post"] == expected_news["vallei"]
    assert stored["Lekstroom Nieuws"] == expected_news["lekstroom"]
    assert sum(stored.values()) == len(site.corpus.articles) + 2  # + the consent-wall and Frisian test articles


def test_stored_text_is_the_article_without_boilerplate(scans):
    site = scans["site"]
    a = site.corpus.by_outlet("heuvelrug")[0]
    ((text, title, gemeenten, language, published),) = _rows(
        scans["warehouse"], "SELECT text, title, gemeenten, language, published FROM media_items WHERE canonical_url LIKE ?",
        [f"%/heuvelrug/nieuws/{a.slug}"])
    assert title == a.title and language == "nl"
    assert all(p in text for p in a.paragraphs)
    assert not any(b in text for b in ["cookies", "Meer nieuws uit de regio", a.comments[0], "Alle rechten voorbehouden"])
    assert set(gemeenten) == set(site.corpus.outlet("heuvelrug").gemeenten)
    assert abs((published - a.published.replace(tzinfo=None)).total_seconds()) < 1


def test_jsonl_output_has_exactly_the_documented_fields(scans):
    lines = (scans["tmp"] / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(scans["first"].new_items) > 0
    objs = [json.loads(line) for line in lines]
    assert all(set(o) == {"url", "source", "kind", "title", "text", "published"} for o in objs)
    assert {o["kind"] for o in objs} == {"news", "social"}


def test_duplicates_are_fetched_and_stored_once(scans):
    site = scans["site"]
    first = site.corpus.by_outlet("eemland")
    newest = max(first, key=lambda a: a.published)
    # the test feed links the same article with fbclid, trailing slash and fragment
    fetched = [p for p in scans["first_requests"] if f"/eemland/nieuws/{newest.slug}" in p]
    assert len(fetched) == 1
    urls = [u for (u,) in _rows(scans["warehouse"], "SELECT canonical_url FROM media_items")]
    assert len(urls) == len(set(urls))
    assert not any("utm_" in u or "fbclid" in u or "#" in u for u in urls)


def test_near_identical_press_releases_share_a_cluster(scans):
    site = scans["site"]
    copies = [a for a in site.corpus.articles if a.copy_of]
    assert copies
    shared = 0
    for copy in copies:
        original = site.corpus.articles[copy.copy_of - 1]
        rows = _rows(scans["warehouse"], "SELECT cluster_id FROM media_items WHERE canonical_url LIKE ? OR canonical_url LIKE ?",
                     [f"%/nieuws/{copy.slug}", f"%/nieuws/{original.slug}"])
        shared += len({c for (c,) in rows}) == 1
    assert shared >= len(copies) * 0.7
    n_clusters, n_items = _rows(scans["warehouse"], "SELECT count(DISTINCT cluster_id), count(*) FROM media_items WHERE kind='news'")[0]
    assert n_items - n_clusters <= len(copies)  # nothing unrelated merged


def test_robots_txt_is_obeyed_and_counted(scans):
    assert not [p for p in scans["first_requests"] + scans["second_requests"] if p.startswith("/prive/")]
    by_source = {o.source: o for o in scans["first"].outcomes}
    assert by_source["Verboden feed"].robots_skipped == 1
    assert by_source["Testfeed"].robots_skipped == 1


def test_bad_sources_are_reported_and_do_not_stop_the_scan(scans):
    by_source = {o.source: o for o in scans["first"].outcomes}
    assert "404" in by_source["Ontbrekende feed"].message and by_source["Ontbrekende feed"].http_status["404"] == 1
    assert by_source["Kapotte server"].errors == 1 and by_source["Kapotte server"].http_status["500"] >= 1
    assert "time-out" in by_source["Trage feed"].message
    assert "onleesbaar" in by_source["Kapotte feed"].message
    assert "te groot" in by_source["Te grote feed"].message
    test_feed = by_source["Testfeed"]
    assert test_feed.errors == 3  # the 404, the oversized and the 500 article (the javascript: link is a note)
    assert "link zonder http(s) overgeslagen: javascript:alert(1)" in test_feed.message
    assert test_feed.items > 0  # the newest entry's bad link stops none of the others
    broken = by_source["Mastodon onvolledig bericht"]  # the post without account is skipped, the page goes on
    assert broken.errors == 1 and "onvolledig bericht overgeslagen" in broken.message
    assert broken.items + broken.already_seen == 2
    html = by_source["Mastodon zonder JSON"]
    assert html.errors == 1 and "antwoord onleesbaar (JSONDecodeError)" in html.message
    cursors = dict(_rows(scans["warehouse"], "SELECT source, cursor FROM scan_cursors"))
    assert "Mastodon zonder JSON" not in cursors and "Mastodon onvolledig bericht" in cursors
    rows = dict(_rows(scans["warehouse"], "SELECT source, errors FROM scan_sources WHERE scan_id = 'scan-1'"))
    assert rows["Trage feed"] == 1 and rows["Eemland Nieuws"] == 0


def test_dutch_and_frisian_kept_other_languages_skipped(scans):
    rows = dict(_rows(scans["warehouse"], "SELECT canonical_url, language FROM media_items WHERE source = 'Testfeed'"))
    assert [lang for url, lang in rows.items() if url.endswith("/test/frysk")] == ["fy"]
    assert not [url for url in rows if url.endswith("/test/english")]
    by_source = {o.source: o for o in scans["first"].outcomes}
    assert "andere taal" in by_source["Testfeed"].message


def test_consent_wall_falls_back_to_the_feed_summary(scans):
    ((text,),) = _rows(scans["warehouse"], "SELECT text FROM media_items WHERE canonical_url LIKE '%/test/toestemming'")
    assert text == "Bewoners van Woudenberg richten een energiecoöperatie op en zoeken leden."


def test_social_authors_are_hashed_unless_organisation(scans):
    rows = _rows(scans["warehouse"], "SELECT source, author_hash, text, url FROM media_items WHERE kind = 'social'")
    site = scans["site"]
    private = {p.username for p in site.corpus.posts if not p.organisation}
    names = {p.display_name for p in site.corpus.posts if not p.organisation}
    assert rows
    for source, author, text, url in rows:
        if source == "Mastodon Gemeente Eemland":
            assert author == "gemeente_eemland@127.0.0.1"
            assert "/@gemeente_eemland/" in url
        else:
            assert re.fullmatch(r"[0-9a-f]{64}", author)
            assert re.fullmatch(r"http://127\.0\.0\.1:\d+/web/statuses/\d+", url)  # opens the post, names no one
            assert not any(u in author or u in text or u in url for u in private)
            assert not any(n in text for n in names)
            assert not re.search(r"@(?!gebruiker)\w", text)  # mentions of other people pseudonymised
    assert any("@gebruiker" in text for _, _, text, _ in rows)


def test_second_scan_fetches_no_article_again(scans):
    second = scans["second"]
    assert second.new_items == []
    assert not [p for p in scans["second_requests"] if re.match(ARTICLE, p)]
    by_source = {o.source: o for o in second.outcomes}
    for name in ["Eemland Nieuws", "Heuvelrug Courant", "Vallei Post", "Regio Utrecht Vandaag"]:
        assert by_source[name].http_status == {"304": 1}, name
    assert by_source["Lekstroom Nieuws"].already_seen > 0
    assert any("min_id=" in p for p in scans["second_requests"] if p.startswith("/api/v1/timelines/tag/"))


def test_cli_scan_fetches_only_a_new_article(scans, tmp_path, monkeypatch, capsys):
    """`pnet scan --sources --out`, with a faster scan.yaml via PNET_CONFIG_DIR; only the new article is read."""
    site = scans["site"]
    conf = tmp_path / "config"
    conf.mkdir()
    for f in config_dir().glob("*.yaml"):
        (conf / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    scan_cfg = yaml.safe_load((conf / "scan.yaml").read_text(encoding="utf-8"))
    scan_cfg.update(requests_per_second_per_domain=100, autothrottle=False)
    (conf / "scan.yaml").write_text(yaml.safe_dump(scan_cfg), encoding="utf-8")
    monkeypatch.setenv("PNET_CONFIG_DIR", str(conf))
    sources = tmp_path / "bronnen.yaml"
    site.write_sources(sources)
    new = site.add_article("eemland", "Bewoners Soest richten repair café op",
                           ["Een groep bewoners uit Soest opent elke maand een repair café in de bibliotheek. " * 5])
    before = len(site.requests)
    out = tmp_path / "nieuw.jsonl"
    assert main(["scan", "--sources", str(sources), "--out", str(out), "--warehouse", str(scans["warehouse"])]) == 0
    articles = [p for p in site.requests[before:] if re.match(ARTICLE, p)]
    assert articles == [f"/eemland/nieuws/{new.slug}?utm_source=rss&utm_medium=feed"]
    (item,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert item["title"] == new.title and item["source"] == "Eemland Nieuws" and item["kind"] == "news"
    printed = capsys.readouterr().out
    assert "1 nieuwe berichten" in printed and "Eemland Nieuws\t1\t0\t200: 2" in printed


def test_mastodon_paging_rate_limit_and_bluesky_skip(tmp_path, monkeypatch):
    monkeypatch.delenv("BLUESKY_APP_PASSWORD", raising=False)
    settings = {**TEST_SETTINGS, "PNET_MASTODON_PAGE_SIZE": 5}
    for limit in (300, 4):
        with serve_fixture_site(n_articles=4, n_posts=24, mastodon_rate_limit=limit) as site:
            social = [s for s in site.sources() if s.kind == "mastodon_tag"]
            sources = write_sources(social + [Source("Bluesky", "bluesky_search", site.base_url, query="buurt")],
                                    tmp_path / f"s{limit}.yaml")
            summary = run_scan(sources, tmp_path / f"w{limit}.duckdb", settings_overrides=settings)
            pages = site.requested(r"^/api/v1/timelines/tag/")
        tag, bluesky = summary.outcomes
        assert "overgeslagen" in bluesky.message and bluesky.errors == 0
        if limit == 300:  # paged backwards with max_id through all tagged posts
            assert tag.items == sum(1 for p in site.corpus.posts if p.tags)
            assert len(pages) >= 4 and all("max_id=" in p for p in pages[1:])
        else:  # X-RateLimit-Remaining below the minimum: stop after one page, say so
            assert len(pages) == 1 and tag.items == 5 and "limiet" in tag.message


def test_unreachable_site_is_an_error_not_a_robots_skip(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sources = write_sources([Source("Offline", "rss", f"http://127.0.0.1:{port}/rss.xml")], tmp_path / "s.yaml")
    (outcome,) = run_scan(sources, tmp_path / "w.duckdb", settings_overrides=TEST_SETTINGS).outcomes
    assert outcome.errors == 1 and outcome.robots_skipped == 0
    assert outcome.message.startswith("robots.txt onbereikbaar")


def test_requests_waiting_for_robots_txt_are_still_checked(tmp_path):
    """Several feeds wait for one slow robots.txt; each must still be refused (Scrapy 2.19 let all but one through)."""
    with serve_fixture_site(n_articles=4, robots_delay=0.5) as site:
        feeds = [Source(f"Verboden {i}", "rss", f"{site.base_url}/prive/{i}.xml") for i in range(6)]
        summary = run_scan(write_sources(feeds, tmp_path / "s.yaml"), tmp_path / "w.duckdb", settings_overrides=TEST_SETTINGS)
        assert site.requested("^/prive/") == []
    assert [o.robots_skipped for o in summary.outcomes] == [1] * 6


def test_429_is_retried_after_the_servers_retry_after(tmp_path):
    with serve_fixture_site(n_articles=12) as site:
        sources = write_sources([Source("Drukke feed", "rss", f"{site.base_url}/druk/rss.xml")], tmp_path / "s.yaml")
        (outcome,) = run_scan(sources, tmp_path / "w.duckdb", settings_overrides=TEST_SETTINGS).outcomes
        times = [t for p, t in zip(site.requests, site.request_times) if p == "/druk/rss.xml"]
    assert outcome.errors == 0 and outcome.items == 2 and outcome.http_status == {"200": 3}
    assert len(times) == 2 and times[1] - times[0] >= 0.9


def test_article_budget_per_source_continues_next_scan(tmp_path):
    settings = {**TEST_SETTINGS, "PNET_MAX_ARTICLES_PER_SOURCE": 3}
    with serve_fixture_site(n_articles=40, seed=4) as site:
        eemland = [s for s in site.sources() if s.name == "Eemland Nieuws"]
        sources = write_sources(eemland, tmp_path / "s.yaml")
        scans = [run_scan(sources, tmp_path / "w.duckdb", settings_overrides=settings).outcomes[0] for _ in range(2)]
        total = len(site.corpus.by_outlet("eemland"))
    assert total > 6
    assert [o.items for o in scans] == [3, 3]
    assert "maximum" in scans[0].message and scans[1].http_status["200"] == 4  # feed read again, not 304


def test_bluesky_search_with_app_password(tmp_path, monkeypatch):
    monkeypatch.setenv("BLUESKY_HANDLE", BLUESKY_LOGIN[0])
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", BLUESKY_LOGIN[1])
    with serve_fixture_site(n_articles=4, n_posts=30) as site:
        sources = write_sources([Source("Bluesky", "bluesky_search", site.base_url, query="burgerinitiatief")],
                                tmp_path / "s.yaml")
        first, second = (run_scan(sources, tmp_path / "w.duckdb", settings_overrides=TEST_SETTINGS) for _ in range(2))
        expected = [p for p in site.corpus.posts if not p.organisation]
    assert len(first.new_items) == len(expected) and second.new_items == []
    for item in first.new_items:
        assert item["url"].startswith("https://bsky.app/profile/did:plc:") and item["kind"] == "social"
        assert re.fullmatch(r"[0-9a-f]{64}", item["author_hash"])
        assert "bsky.social" not in item["text"]

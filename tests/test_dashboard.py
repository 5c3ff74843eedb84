"""The dashboard in a real browser: Playwright (sync API) with Debian's chromium, headless.

The app runs under uvicorn in a thread on a free loopback port, over a database ingested from
examples/corpus (which holds the sample scrape). Each view is saved as a screenshot under
test-output/screenshots/. Skipped, with the reason, only where playwright or chromium is missing.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
SHOTS = REPO / "test-output" / "screenshots"
LINKS = {"script-link": "javascript:alert(document.domain)", "data-link": "data:text/html,<b>x</b>",
         "web-link": "https://news.example/deal"}
RUSSIAN = ("Лавров и министр обороны России Сергей Шойгу в пятницу встретились с госсекретарем США Джоном Керри "
           "и министром обороны США Чаком Хейгелом в Вашингтоне. Россия и США договорились провести переговоры.")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("NEWSEVENTS_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    import newsevents
    from newsevents.api import coder_for
    from newsevents.pipeline import Settings

    path = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    settings = Settings(default_date="2013-08-10")
    counts = newsevents.open(path).ingest([str(CORPUS)], settings, coder=coder_for(Settings()))
    assert counts.stored >= 5 and counts.events > 10
    links = path.parent / "links.jsonl"  # stored URLs of every kind, for the document view's source link
    links.write_text("".join(json.dumps({"id": name, "url": url, "date": "2013-08-12",
                                         "text": "Iran and Russia signed an agreement on Monday."}) + "\n"
                             for name, url in LINKS.items()))
    newsevents.open(path).ingest([str(links)], settings, coder=coder_for(Settings()))
    russian = path.parent / "ru.jsonl"  # a Russian document: Cyrillic shown and searched
    russian.write_text(json.dumps({"id": "ru-talks", "date": "2013-08-10", "text": RUSSIAN}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    newsevents.open(path).ingest([str(russian)], settings, coder=coder_for(Settings()))
    return path


@pytest.fixture(scope="module")
def server(db) -> str:
    import uvicorn

    from newsevents.serve import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    app_server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium not found (apt-get install chromium, or set NEWSEVENTS_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    expected = "status of 422"  # the bad-filter test asks for it; the page shows the message
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" and expected not in msg.text
            else None)
    outside: list[str] = []
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(server) else None)
    yield page
    context.close()
    assert not errors, errors
    assert not outside, f"requests left the app: {outside}"  # nothing from a CDN


def shot(page, name: str) -> None:
    """The whole page, and the first screen of it (`-screen.png`, the size of docs/dashboard.png)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.screenshot(path=str(SHOTS / f"{name}-screen.png"))


def test_event_table_filters_by_actor(page):
    page.goto("/")
    rows = page.locator("#events-table tbody tr")
    rows.first.wait_for()
    assert re.search(r"of \d+ events", page.locator("#events-count").inner_text())
    total = int(page.locator("#events-count").inner_text().split(" of ")[1].split()[0])
    page.fill("#filters [name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    # a function, not an expression string: Playwright evals a string in the page, which the CSP forbids
    page.wait_for_function("total => !document.querySelector('#events-count').textContent"
                           ".endsWith(`of ${total} events`)", arg=total)
    assert rows.count() > 0
    for i in range(rows.count()):
        source, target = rows.nth(i).locator("td").nth(1).inner_text(), rows.nth(i).locator("td").nth(2).inner_text()
        assert source.startswith("RUS") or target.startswith("RUS"), (source, target)
    page.locator("#db-info").filter(has_text="documents").wait_for()
    shot(page, "events")


def test_sorting_and_bad_filter(page):
    page.goto("/")
    page.locator("#events-table tbody tr").first.wait_for()
    page.click("#events-table th[data-sort=goldstein]")
    page.click("#events-table th[data-sort=goldstein]")  # second click: descending
    page.wait_for_selector("#events-table th.sorted.desc")
    values = [float(v) for v in page.locator("#events-table tbody td.num:nth-child(7)").all_inner_texts() if v]
    assert len(set(values)) > 1, values  # an empty or one-valued column would pass any sort
    assert values == sorted(values, reverse=True)
    page.fill("#filters [name=cameo]", "0x4")
    page.click("#filters button[type=submit]")
    page.locator("#filter-error").filter(has_text="cameo").wait_for()


def test_network(page):
    page.goto("/#network")
    page.locator("#network .node").first.wait_for()
    labels = page.locator("#network .node text").all_text_contents()
    assert {"RUS", "USAGOV"} <= set(labels)
    assert page.locator("#network line.edge").count() >= 3
    shot(page, "network")
    node = page.locator("#network .node").filter(has=page.locator("text", has_text=re.compile("^USAGOV$")))
    node.dispatch_event("click")  # filters the table by that actor
    page.wait_for_url(re.compile("#events$"))
    page.locator("#events-table tbody tr").first.wait_for()
    assert page.input_value("#filters [name=actor]") == "USAGOV"


def test_timeline_for_an_actor(page):
    page.goto("/")
    page.fill("#filters [name=actor]", "RUS")
    page.click("#filters button[type=submit]")
    page.click("#tabs a[data-view=timeline]")
    page.locator("#timeline rect").first.wait_for()
    assert "actor RUS" in page.locator("#timeline-title").inner_text()
    page.select_option("#period", "day")
    page.locator("#timeline-title").filter(has_text="per day").wait_for()
    assert page.locator("#timeline rect").count() >= 1
    shot(page, "timeline")


def test_document_view_highlights(page):
    page.goto("/")
    page.fill("#filters [name=dyad]", "RUSGOV:USAGOV")
    page.click("#filters button[type=submit]")
    link = page.locator("#events-table a.doc-link", has_text="tengrinews-syria-talks").first
    link.wait_for()
    link.click()
    page.locator("#doc-sentences tr.has-events").first.wait_for()
    assert "Syria" in page.locator("#doc-head").inner_text()
    triggers = page.locator("#doc-sentences mark.trigger").all_inner_texts()
    actors = page.locator("#doc-sentences mark.actor").all_inner_texts()
    assert "met" in triggers and any("Lavrov" in a for a in actors) and any("Kerry" in a for a in actors)
    met_row = page.locator("#doc-sentences tr.has-events", has=page.locator("mark.trigger", has_text="met")).first
    assert "RUSGOV → USAGOV" in met_row.locator("td.events").inner_text()
    shot(page, "document")


@pytest.mark.parametrize("doc_id", list(LINKS))
def test_source_link_only_for_web_addresses(page, doc_id):
    page.goto(f"/#document/{doc_id}")
    page.locator("#doc-sentences tr.has-events").first.wait_for()
    hrefs = page.locator("#doc-head a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ([LINKS[doc_id]] if LINKS[doc_id].startswith("https://") else [])


def test_code_a_pasted_text(page):
    page.goto("/#code")
    page.fill("#code-form textarea", "Iran and Russia signed an agreement on nuclear energy cooperation on Friday. "
                                     "Israeli troops attacked Hamas militants in the Gaza Strip.")
    page.fill("#code-form [name=date]", "2013-08-10")
    page.click("#code-form button[type=submit]")
    page.locator("#code-status").filter(has_text=re.compile(r"^\d+ events")).wait_for(timeout=60_000)
    text = page.locator("#code-events").inner_text()
    assert "IRN → RUS" in text and "057" in text
    assert "signed" in page.locator("#code-events mark.trigger").all_inner_texts()
    shot(page, "code")


def test_api_docs_load_from_the_package(page):
    page.goto("/docs")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert page.locator(".swagger-ui .opblock-summary-path", has_text="/api/events").count() >= 1
    shot(page, "docs")


def test_map_draws_the_events_at_their_places(page):
    page.goto("/#map")
    points = page.locator("#map circle.place")
    points.first.wait_for()
    names = set(points.evaluate_all("dots => dots.map(d => d.dataset.name)"))
    assert {"Cairo", "Tehran", "Khartoum", "New York City"} <= names, names
    shaded = set(page.locator("#map path.country.has-events").evaluate_all("s => s.map(p => p.dataset.id)"))
    assert {"364", "818", "840"} <= shaded  # Iran, Egypt, USA (world-atlas ids are ISO 3166 numeric)
    assert page.locator("#map path.country").count() > 150  # the world is drawn, from the package's shapes
    total = points.count()
    shot(page, "map")
    page.select_option("#filters [name=quad]", "4")  # the filters of the other views apply
    page.click("#filters button[type=submit]")
    page.locator("#map-title").filter(has_text=re.compile(r"^\d+ events at \d+ places")).wait_for()
    deadline = time.monotonic() + 20
    while points.count() in (0, total):
        assert time.monotonic() < deadline, "the map did not follow the quad filter"
        time.sleep(0.1)
    assert set(points.evaluate_all("dots => dots.map(d => d.getAttribute('fill'))")) == {"var(--q4)"}
    page.select_option("#map-colour", "goldstein")
    page.locator("#map-legend").filter(has_text="mean Goldstein").wait_for()
    cairo = page.locator("#map circle.place[data-name=Cairo]")
    cairo.dispatch_event("click")
    listed = page.locator("#map-place li")
    listed.first.wait_for()
    assert "Cairo" in page.locator("#map-place h3").inner_text()
    link = page.locator("#map-place a.doc-link").first
    doc_id = link.inner_text()
    link.click()
    page.locator("#doc-sentences tr.has-events").first.wait_for()
    assert page.url.endswith(f"#document/{doc_id}")


def test_russian_events_filter_display_and_search(page):
    page.goto("/")
    rows = page.locator("#events-table tbody tr")
    rows.first.wait_for()
    total = int(page.locator("#events-count").inner_text().split(" of ")[1].split()[0])
    page.select_option("#filters [name=language]", "ru")
    page.click("#filters button[type=submit]")
    page.wait_for_function("total => !document.querySelector('#events-count').textContent"
                           ".endsWith(`of ${total} events`)", arg=total)
    assert rows.count() > 0
    assert "RUSGOV" in page.locator("#events-table tbody").inner_text()
    page.select_option("#filters [name=language]", "")
    page.fill("#filters [name=text]", "Шойгу")
    page.click("#filters button[type=submit]")
    page.wait_for_function("() => /of [0-9]+ events/.test(document.querySelector('#events-count').textContent)"
                           " && document.querySelectorAll('#events-table tbody tr').length < 20")
    rows.first.click()
    page.get_by_text("Шойгу").first.wait_for()  # the Russian sentence shows as written
    shot(page, "russian")

"""The web app in real headless Chromium (Debian chromium + chromium-driver, driven by Selenium): the front
page, a search, a story, a timeline entry followed to its source, the page updating itself after an
article is POSTed, no Content-Security-Policy violations, a phone-sized viewport without sideways
scrolling, and the pages readable with JavaScript off.

Screenshots: ``STORYLINE_SCREENSHOTS=docs pytest tests/test_web_browser.py`` writes docs/web-front.png and
docs/web-story.png (otherwise they go to the test's temporary folder).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (the dev extra)")

import httpx  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

from storyline.web import create_app  # noqa: E402
from web_support import AUTH, REPO, TOKEN, running_server, seed_records, seeded_copy  # noqa: E402

pytestmark = pytest.mark.browser
WAIT = 30.0


def _binaries() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    if not browser or not Path(driver).exists():
        reason = (
            "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return browser, driver


def _chrome(profile: Path, *extra: str) -> Any:
    browser, driver = _binaries()
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--window-size=1200,1000",
        *extra,
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=driver)
    chrome = webdriver.Chrome(options=options, service=service)
    chrome.set_page_load_timeout(WAIT)
    return chrome


def _until(check: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _shots(tmp: Path) -> Path:
    return REPO / "docs" if os.environ.get("STORYLINE_SCREENSHOTS") == "docs" else tmp


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _binaries()
    db = seeded_copy(tmp_path_factory.mktemp("browser") / "s.db")
    with running_server(create_app(str(db), token=TOKEN)) as base:
        yield base


@pytest.fixture(scope="module")
def chrome(tmp_path_factory: pytest.TempPathFactory, server: str) -> Iterator[Any]:
    driver = _chrome(tmp_path_factory.mktemp("profile"))
    try:
        yield driver
    finally:
        driver.quit()


def _csp_violations(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def test_front_page_search_story_and_source(chrome: Any, server: str, tmp_path: Path) -> None:
    chrome.get(server + "/")
    headline = chrome.find_element(By.CSS_SELECTOR, "li.brief a.headline")
    title = headline.text
    assert "Алиев" in title and chrome.find_element(By.CSS_SELECTOR, "p.teaser").text
    chrome.save_screenshot(str(_shots(tmp_path) / "web-front.png"))
    # search for another form of the name
    box = chrome.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("Алиевым")
    box.submit()
    _until(lambda: "/search" in chrome.current_url, "the search page")
    hits = chrome.find_elements(By.CSS_SELECTOR, "ol.hits li")
    assert len(hits) == 5
    # open the story from the front page
    chrome.get(server + "/")
    chrome.find_element(By.CSS_SELECTOR, "li.brief a.headline").click()
    _until(lambda: "/stories/" in chrome.current_url, "the story page")
    assert chrome.find_element(By.CSS_SELECTOR, "section.story h2").text == title
    assert chrome.find_elements(By.CSS_SELECTOR, "svg.timeline g.tl-row")
    assert "Who is involved" in chrome.page_source
    chrome.set_window_size(1200, 2400)
    chrome.save_screenshot(str(_shots(tmp_path) / "web-story.png"))
    chrome.set_window_size(1200, 1000)
    # follow the first timeline entry to the article it cites
    cite = chrome.find_element(By.CSS_SELECTOR, "svg.timeline g.tl-row a")
    href = chrome.execute_script("return arguments[0].getAttribute('href')", cite)
    assert href.startswith("/articles/")
    cite.find_element(By.CSS_SELECTOR, "text.tl-cite").click()
    _until(lambda: "/articles/" in chrome.current_url, "the cited article")
    assert chrome.find_element(By.CSS_SELECTOR, "div.article-text").text.strip()
    assert chrome.find_elements(By.CSS_SELECTOR, "mark.PER")
    assert _csp_violations(chrome) == []


def test_an_open_story_page_updates_after_a_post(chrome: Any, server: str) -> None:
    chrome.get(server + "/")
    chrome.find_element(By.CSS_SELECTOR, "li.brief a.headline").click()
    _until(lambda: "/stories/" in chrome.current_url, "the story page")
    url = chrome.current_url
    before = len(chrome.find_elements(By.CSS_SELECTOR, "section.story > ol > li"))
    chrome.execute_script("window.__not_reloaded = true")
    time.sleep(1.0)  # the event stream is open
    record = seed_records()[0]
    copy = {**record, "id": "copy-of-000", "text": record["text"] + "\nДополнение к материалу."}
    answer = httpx.post(server + "/api/v1/articles", json=copy, headers=AUTH, timeout=120)
    assert answer.status_code == 200 and answer.json()["articles"][0]["story_id"] in url
    _until(
        lambda: len(chrome.find_elements(By.CSS_SELECTOR, "section.story > ol > li")) == before + 1,
        "the story page to show the new article",
    )
    assert chrome.execute_script("return window.__not_reloaded === true")  # updated in place
    assert "Updated" in chrome.find_element(By.ID, "live-note").text and chrome.current_url == url


def test_phone_viewport_and_no_javascript(tmp_path: Path, server: str) -> None:
    phone = _chrome(tmp_path / "phone", "--window-size=390,844", "--blink-settings=scriptEnabled=false")
    try:
        for path in ("/", "/search?q=Путин"):
            phone.get(server + path)
            assert phone.find_elements(By.CSS_SELECTOR, "li.brief, ol.hits li"), path
            width = phone.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1] + 1, (path, width)
        phone.find_element(By.CSS_SELECTOR, "a.home").click()
        phone.find_element(By.CSS_SELECTOR, "li.brief a.headline").click()
        assert phone.find_element(By.CSS_SELECTOR, "svg.timeline")
        assert phone.find_elements(By.CSS_SELECTOR, "section.story > ol > li")
        assert _csp_violations(phone) == []
    finally:
        phone.quit()

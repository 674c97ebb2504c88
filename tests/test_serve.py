"""`build.py serve`: every save shows up in the open page by itself, a broken file says what is wrong,
the server stays on this machine and stops cleanly. Speed is measured in bench/bench_reload.py."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.serve import IDLE_SCAN_S, QUIET_S, SETTLE_AT_MOST_S, Events, Sources, is_loopback

from .browser import CHROMIUM, CHROMIUM_ARGS, free_port
from .conftest import ROOT

LIVE = "() => window.LiveReload && LiveReload.connector && LiveReload.connector.socket && LiveReload.connector.socket.readyState === 1"
ARTICLE = "content/talks-resume.md"
REBUILDS = re.compile(r"^(rebuilt |rebuild failed)", re.M)


def wait_until_serving(process: subprocess.Popen, port: int, log: Path) -> str:
    """Wait (up to 60 s) until `serve` answers on 127.0.0.1:port; its base URL."""
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base, timeout=1)
            return base
        except urllib.error.HTTPError:  # it answers, if only with "no site yet"
            return base
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("serve did not start: " + log.read_text(errors="replace")[-2000:])
            time.sleep(0.1)


class Served:
    """A running `build.py serve` on a project folder, with its log."""

    def __init__(self, project: Path, port: int):
        self.project, self.port, self.log = project, port, project / "serve.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project), "serve",
                                             "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
        self.base = wait_until_serving(self.process, port, self.log)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def rebuilds(self) -> int:
        """Rebuilds finished since the server started (the first build not counted)."""
        return len(REBUILDS.findall(self.output())) - 1

    def wait_for_log(self, pattern: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.output(), re.M):
            assert time.monotonic() < deadline, f"no {pattern!r} in the log:\n{self.output()[-2000:]}"
            time.sleep(0.01)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        print(self.output()[-3000:])  # shown when a test fails


@pytest.fixture
def served(golden_project: Path):
    server = Served(golden_project, free_port())
    yield server
    server.stop()


@contextmanager
def open_page(url: str):
    """A Chromium page at `url`, once its live-reload socket is open (an edit before that reloads nobody)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function(LIVE, timeout=10_000)
        page.evaluate("window.notReloaded = true")  # gone once the page reloads itself
        yield page
        browser.close()


def h1_is(text: str) -> str:
    return f"document.querySelector('h1').innerText === {text!r}"


def retitle(article: Path, title: str) -> None:
    text = article.read_text()
    article.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M))


# The watcher on its own: batches, changes during a rebuild, what it ignores.

class Recorder:
    """Stands in for the builder: watches `roots`, records each rebuild and what the files held then."""

    def __init__(self, roots: list[Path], during=lambda: None, succeed: bool = True):
        self.roots, self.during, self.succeed, self.builds = roots, during, succeed, []

    def watched(self) -> list[Path]:
        return self.roots

    def build(self, changed: list[Path]) -> bool:
        self.builds.append(({p.name: p.read_text() for p in changed if p.exists()}))
        self.during()
        return self.succeed


def next_reload(sources: Sources) -> str | None:
    """What livereload's next ticks bring: the reload path once a batch has settled and been rebuilt."""
    for _ in range(3):
        path, _delay = sources.examine()
        if path is not None:
            return path
        time.sleep(QUIET_S)
    return None


def test_a_burst_of_saves_is_one_rebuild_of_the_last_version(tmp_path: Path):
    (tmp_path / "a.md").write_text("v0")
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    for n in range(1, 6):  # livereload's ticks go on between the saves
        (tmp_path / "a.md").write_text(f"v{n}")
        assert sources.examine() == (None, None)
        time.sleep(0.02)
    assert sources.examine() == ("*", None)  # the first scan that finds nothing new
    assert next_reload(sources) is None
    assert recorder.builds == [{"a.md": "v5"}]


def test_a_file_that_keeps_changing_does_not_hold_rebuilds_back_for_ever(tmp_path: Path):
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    stop = time.monotonic() + 2 * SETTLE_AT_MOST_S
    n = 0
    while time.monotonic() < stop:
        n += 1
        (tmp_path / "log.md").write_text(f"line {n}")
        sources.examine()
        time.sleep(0.02)
    assert recorder.builds  # rebuilt while the writes went on


def test_a_save_during_a_rebuild_is_rebuilt_afterwards_even_within_one_timestamp_tick(tmp_path: Path):
    article = tmp_path / "a.md"
    article.write_text("first")

    def save_again() -> None:  # same size and, as within one clock tick, the same mtime
        stamp = article.stat().st_mtime_ns
        article.write_text("again")
        os.utime(article, ns=(stamp, stamp))

    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    article.write_text("saved")
    recorder.during = save_again
    assert next_reload(sources) == "*"
    recorder.during = lambda: None
    assert next_reload(sources) == "*"
    assert recorder.builds == [{"a.md": "saved"}, {"a.md": "again"}]
    assert next_reload(sources) is None


def test_the_site_folder_and_editor_litter_never_trigger_a_rebuild(golden_project: Path):
    from briefing.config import load_settings
    from briefing.serve import Builder

    builder = Builder(lambda: load_settings(golden_project), load_settings(golden_project))
    recorder = Recorder(builder.watched())
    sources = Sources(recorder)
    for name in ("site/index.html", "site/.build-error.txt", "content/.talks-resume.md.swp",
                 "content/talks-resume.md~", "content/talks-resume.md.new", "content/.#talks-resume.md"):
        (golden_project / name).parent.mkdir(exist_ok=True)
        (golden_project / name).write_text("x")
    assert next_reload(sources) is None
    for name in ("seeds/new.txt", "templates/static/site.css", "pyproject.toml"):
        with open(golden_project / name, "a") as out:
            out.write("\n")
        assert next_reload(sources) is not None, name
    assert len(recorder.builds) == 3


def counted_scans(sources: Sources) -> list[int]:
    """A list that grows by one each time the sources are scanned."""
    scans: list[int] = []
    real = sources.changed
    sources.changed = lambda: scans.append(1) or real()  # type: ignore[method-assign]
    return scans


def test_told_of_changes_an_idle_server_scans_only_when_one_comes_or_once_a_second(tmp_path: Path):
    (tmp_path / "a.md").write_text("v0")
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    sources.events = Events([tmp_path])
    scans = counted_scans(sources)
    time.sleep(0.3)  # (the watching thread has started)
    sources.events.came()
    for _ in range(10):  # half a second of livereload's ticks with nothing changing
        assert sources.examine() == (None, None)
        time.sleep(0.05)
    assert len(scans) <= 1  # (one when a second has passed since the last)
    (tmp_path / "a.md").write_text("v1")
    deadline = time.monotonic() + 5
    while not sources.events._told.is_set() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert next_reload(sources) == "*"
    assert recorder.builds == [{"a.md": "v1"}]


def test_told_of_a_change_the_server_rebuilds_after_one_scan_and_a_quiet_moment(tmp_path: Path):
    """Told by the file system, it needs no second scan to know a batch has settled: a save shows up
    sooner (the next 50 ms tick and a scan of every source, at 1,000 articles a tenth of a second in all)."""
    (tmp_path / "a.md").write_text("v0")
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    told = threading.Event()
    sources.events = Events([tmp_path], told=told.set)
    time.sleep(0.3)  # (the watching thread has started)
    sources.events.came()
    scans = counted_scans(sources)
    (tmp_path / "a.md").write_text("v1")
    assert told.wait(5)  # (the server's loop would look at once)
    assert sources.examine() == (None, None)  # it scans, and waits QUIET_S for more
    (tmp_path / "a.md").write_text("v2")  # more is told: it scans again
    deadline = time.monotonic() + 5
    while not sources.events._told.is_set() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert sources.examine() == (None, None)
    time.sleep(QUIET_S)
    assert sources.examine() == ("*", None)  # nothing more told: rebuilt without a third scan
    assert len(scans) == 2 and recorder.builds == [{"a.md": "v2"}]


def test_without_change_events_every_tick_scans_and_a_change_is_still_seen_within_a_second(tmp_path: Path):
    (tmp_path / "a.md").write_text("v0")
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    sources.events = Events([])  # nothing the file system can watch (watchfiles missing or failing is the same)
    scans = counted_scans(sources)
    for _ in range(3):
        sources.examine()
    assert len(scans) == 3
    silent = Sources(recorder)
    silent.events = Events([tmp_path])
    silent.events._told.set = lambda: None  # told nothing: a change it was not told of (pyproject.toml)
    (tmp_path / "a.md").write_text("v2")
    time.sleep(IDLE_SCAN_S)
    assert next_reload(silent) == "*"
    assert recorder.builds[-1] == {"a.md": "v2"}


def test_a_running_server_keeps_its_folder_and_address_and_says_so(golden_project: Path,
                                                                   capsys: pytest.CaptureFixture):
    from dataclasses import replace

    from briefing.config import load_settings
    from briefing.serve import Builder

    settings = load_settings(golden_project)
    builder = Builder(lambda: replace(load_settings(golden_project), site="elsewhere", port=9999), settings)
    assert builder.build([])
    assert (builder.settings.site, builder.settings.port) == (settings.site, settings.port)
    assert (golden_project / "site/index.html").is_file() and not (golden_project / "elsewhere").exists()
    assert "takes effect when serve restarts" in capsys.readouterr().err


def test_a_lone_stylesheet_change_is_swapped_in_place_and_a_failed_build_reloads_the_page(tmp_path: Path):
    (tmp_path / "site.css").write_text("a {}")
    recorder = Recorder([tmp_path])
    sources = Sources(recorder)
    (tmp_path / "site.css").write_text("a { color: red }")
    assert next_reload(sources) == str(tmp_path / "site.css")
    recorder.succeed = False
    (tmp_path / "site.css").write_text("a { color: blue }")
    assert next_reload(sources) == "*"  # the page reloads and shows the problems


def test_only_loopback_addresses_count_as_this_machine():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0")


def test_a_port_in_use_is_named_with_a_way_out(project: Path, capsys: pytest.CaptureFixture):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(project), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()  # it said so before building anything


# A real `serve` on a copy of the project.

def non_loopback_address() -> str | None:
    """This machine's address on its network (the source of its default route), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1; UDP connect sends nothing
            address = probe.getsockname()[0]
        except OSError:
            address = None
    if address and not address.startswith("127."):
        return address
    found = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return next((a for a in found if not a.startswith("127.") and ":" not in a), None)


def test_it_listens_on_this_machine_only(served: Served):
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback address to try")
    with pytest.raises(OSError):
        socket.create_connection((address, served.port), timeout=2).close()
    urllib.request.urlopen(served.base, timeout=5)  # while 127.0.0.1 answers


def test_ctrl_c_stops_it_even_when_started_by_a_parent_that_ignores_ctrl_c(golden_project: Path):
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # the child inherits an ignored SIGINT
    try:
        server = Served(golden_project, free_port())
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=10) in (0, 130)
    finally:
        server.stop()


def test_ctrl_c_stops_cleanly_and_frees_the_port(served: Served):
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=10) in (0, 130)
    assert "Traceback" not in served.output()
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as every server does
        again.bind(("127.0.0.1", served.port))


@pytest.mark.browser
def test_an_edit_appears_by_itself_and_a_broken_edit_shows_the_error(served: Served, golden_project: Path):
    article = golden_project / ARTICLE
    good = article.read_text()
    with open_page(served.base + "articles/talks-resume/index.html") as page:
        assert page.locator("h1").inner_text() == "Talks Resume"

        retitle(article, "Talks Resume in Geneva")
        page.wait_for_function(h1_is("Talks Resume in Geneva"), timeout=20_000)
        assert page.evaluate("window.notReloaded") is None  # the page reloaded itself

        retitle(article, "[broken")
        overlay = page.locator("#build-error")
        overlay.wait_for(timeout=20_000)
        assert "content/talks-resume.md:2: error:" in overlay.inner_text()  # where the unclosed [ opens
        assert page.locator("h1").inner_text() == "Talks Resume in Geneva"  # the last good site
        assert served.process.poll() is None

        article.write_text(good)
        page.wait_for_function(h1_is("Talks Resume"), timeout=20_000)
        assert page.locator("#build-error").count() == 0


@pytest.mark.browser
def test_an_unknown_actor_and_a_template_error_are_shown_and_fixing_them_restores_the_page(served: Served,
                                                                                           golden_project: Path):
    article = golden_project / ARTICLE
    good = article.read_text()
    template = golden_project / "templates/article.html"
    good_template = template.read_text()
    with open_page(served.base + "articles/talks-resume/index.html") as page:
        article.write_text(good.replace("speaker: jane-roe", "speaker: nobody-we-know", 1))
        page.locator("#build-error").wait_for(timeout=20_000)
        assert re.search(r"content/talks-resume\.md:\d+: error: .*nobody-we-know", page.locator("#build-error").inner_text())
        article.write_text(good)
        page.wait_for_function("!document.getElementById('build-error')", timeout=20_000)

        template.write_text(good_template.replace("</h1>", "</h1>{% if %}", 1))
        page.locator("#build-error").wait_for(timeout=20_000)
        assert re.search(r"article\.html:\d+: error:", page.locator("#build-error").inner_text())
        template.write_text(good_template.replace("</h1>", "</h1><p id=edited>From the template</p>", 1))
        page.locator("#edited").wait_for(timeout=20_000)
        assert page.locator("#build-error").count() == 0


@pytest.mark.browser
def test_a_burst_of_saves_rebuilds_once_or_twice_and_shows_the_last(served: Served, golden_project: Path):
    article = golden_project / ARTICLE
    with open_page(served.base + "articles/talks-resume/index.html") as page:
        before = served.rebuilds()
        for n in range(1, 6):  # five saves within 100 ms
            retitle(article, f"Save {n}")
            time.sleep(0.02)
        page.wait_for_function(h1_is("Save 5"), timeout=20_000)
        time.sleep(1)  # room for a needless third rebuild to show up in the log
        assert 1 <= served.rebuilds() - before <= 2


@pytest.mark.browser
def test_a_save_during_a_rebuild_is_picked_up_afterwards(served: Served, golden_project: Path):
    article = golden_project / ARTICLE
    with open_page(served.base + "articles/talks-resume/index.html") as page:
        retitle(article, "First save")
        served.wait_for_log("; rebuilding$")
        retitle(article, "Second save")
        page.wait_for_function(h1_is("Second save"), timeout=20_000)


@pytest.mark.browser
def test_a_settings_change_is_read_again(served: Served, golden_project: Path):
    pyproject = golden_project / "pyproject.toml"
    with open_page(served.base + "index.html") as page:
        pyproject.write_text(pyproject.read_text().replace('title = "Test briefing"', 'title = "Renamed briefing"'))
        page.wait_for_function("document.querySelector('.brand').innerText === 'Renamed briefing'", timeout=20_000)


@pytest.mark.browser
def test_a_missing_page_reloads_into_the_page_once_it_exists(served: Served, golden_project: Path):
    article = golden_project / ARTICLE
    with open_page(served.base + "articles/talks-resume-copy/index.html") as page:
        assert page.locator("h1").inner_text() != "Talks Resume"  # the site's 404 page
        shutil.copy(article, golden_project / "content/talks-resume-copy.md")
        page.wait_for_function(h1_is("Talks Resume"), timeout=20_000)


@pytest.mark.nlp
@pytest.mark.browser
def test_a_new_seed_is_extracted_and_appears(served: Served, golden_project: Path):
    seed = sorted((ROOT / "seeds").iterdir())[0]
    with open_page(served.base + "articles/index.html") as page:
        links = page.locator("main a").count()
        shutil.copy(seed, golden_project / "seeds" / seed.name)
        page.wait_for_function(f"document.querySelectorAll('main a').length > {links}", timeout=120_000)
    assert len(list((golden_project / "content").glob("*.md"))) == 3


@pytest.mark.browser
def test_a_first_build_that_fails_still_serves_the_problems_until_fixed(golden_project: Path):
    article = golden_project / ARTICLE
    good = article.read_text()
    article.write_text(good.replace("title: Talks Resume", "title: [broken"))
    server = Served(golden_project, free_port())
    try:
        with open_page(server.base) as page:
            assert "content/talks-resume.md:2: error:" in page.locator("#build-error").inner_text()
            article.write_text(good)
            page.locator("main").wait_for(timeout=20_000)  # the briefing's front page
            assert page.locator("#build-error").count() == 0
    finally:
        server.stop()

"""Faults: a build killed mid-write, a full disk, two builds at once. The last good site/ survives
byte for byte, the next build works, and every failure is a message, never a traceback."""
from __future__ import annotations

import errno
import hashlib
import io
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.config import load_settings
from briefing.lock import build_lock
from briefing.pipeline import build
from briefing.problems import BuildError

from .conftest import ROOT

BUILD = [sys.executable, str(ROOT / "build.py")]
# Runs the real command line, but stops dead (sleeps) as it opens its third .html file for writing,
# after touching a marker file, so a test can SIGKILL it in the middle of writing the site.
STOP_WHILE_WRITING = """
import os, sys, time
marker = sys.argv.pop(1)
opened = 0
def hook(event, args):
    global opened
    if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    mode, flags = args[1], args[2]
    writing = (isinstance(mode, str) and any(c in mode for c in "wxa+")) or (
        isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR))
    if writing and os.fsdecode(os.fspath(args[0])).endswith(".html"):
        opened += 1
        if opened == 3:
            os.close(os.open(marker, os.O_CREAT | os.O_WRONLY))
            time.sleep(600)
sys.addaudithook(hook)
sys.path.insert(0, sys.argv.pop(1))
from briefing.cli import main
sys.exit(main(sys.argv[1:]))
"""


def tree(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with each file's sha256: equal trees are byte-identical."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def leftovers(project: Path) -> list[str]:
    """Hidden folders beside site/: staging or retired copies a build left behind (the build cache is meant to stay)."""
    return sorted(p.name for p in project.iterdir()
                  if p.name.startswith(".site") and p.is_dir() and p.name != ".site.cache")


def touch_an_article(project: Path) -> None:
    """Change one content file, so the next build has something to do (an unchanged one writes nothing)."""
    path = project / "content/talks-resume.md"
    path.write_text(path.read_text() + "\nOne more paragraph, added by hand.\n")


def run_build(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, "--root", str(project), *args], capture_output=True, text=True, timeout=timeout)


def quiet(_: str) -> None:
    pass


def wait_for(condition, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_sigkill_while_writing_leaves_the_last_good_site_byte_identical(golden_project: Path, tmp_path: Path):
    assert run_build(golden_project).returncode == 0
    before = tree(golden_project / "site")
    article = golden_project / "content/drones-shipped.md"
    article.write_text(article.read_text().replace("title: ", "title: Revised ", 1))
    marker = tmp_path / "writing"
    victim = subprocess.Popen([sys.executable, "-c", STOP_WHILE_WRITING, str(marker), str(ROOT),
                               "--root", str(golden_project)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: marker.exists() or victim.poll() is not None)
        assert victim.poll() is None, "the build ended before it wrote its third page"
        os.kill(victim.pid, signal.SIGKILL)
    finally:
        victim.kill()
        victim.wait()
    assert leftovers(golden_project), "the build was killed before it made a staging folder"
    assert tree(golden_project / "site") == before
    again = run_build(golden_project)
    assert again.returncode == 0, again.stderr
    assert "Revised " in (golden_project / "site/index.html").read_text()
    assert leftovers(golden_project) == []


def test_a_build_killed_between_the_two_renames_of_the_swap_gets_its_site_back(golden_project: Path):
    settings = load_settings(golden_project)
    build(settings, progress=quiet)
    site = golden_project / "site"
    before = tree(site)
    os.replace(site, golden_project / ".site-old-99999")  # where a SIGKILL mid-swap leaves things
    (golden_project / ".site-abcd_123").mkdir()  # and a half-written staging folder
    (golden_project / ".site-abcd_123/index.html").write_text("half")
    with build_lock(site, say=quiet):
        assert tree(site) == before
    assert leftovers(golden_project) == []


def test_a_full_disk_gives_a_clean_error_and_leaves_site_intact(golden_project: Path, monkeypatch: pytest.MonkeyPatch):
    settings = load_settings(golden_project)
    build(settings, progress=quiet)
    before = tree(golden_project / "site")
    touch_an_article(golden_project)  # so the next build has pages to write
    real_open = io.open

    def full_disk(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wxa") and str(file).endswith("index.html"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", full_disk)
    with pytest.raises(BuildError) as caught:
        build(settings, progress=quiet)
    [problem] = caught.value.problems
    assert str(problem).endswith("index.html: error: could not write: the disk is full (free some space, then build again)")
    monkeypatch.undo()
    assert tree(golden_project / "site") == before
    assert leftovers(golden_project) == []


def _small_files_only(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_real_write_failure_is_a_message_not_a_traceback(golden_project: Path):
    """A real fault, whatever the write step uses: the kernel refuses files over 30 KB (RLIMIT_FSIZE)."""
    assert run_build(golden_project).returncode == 0
    before = tree(golden_project / "site")
    long_body = "\n\n".join(f"Paragraph {n} of a very long article about drones and missiles." for n in range(2000))
    (golden_project / "content/long.md").write_text(f"---\ntitle: Long\n---\n{long_body}\n")
    result = subprocess.run([*BUILD, "--root", str(golden_project)], capture_output=True, text=True, timeout=300,
                            preexec_fn=_small_files_only(30_000))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "error: could not write: File too large" in result.stderr
    assert tree(golden_project / "site") == before
    assert run_build(golden_project).returncode == 0 and leftovers(golden_project) == []


@pytest.fixture
def tiny_disk(tmp_path_factory: pytest.TempPathFactory):
    """A 2 MB tmpfs (needs root); skipped where it cannot be mounted."""
    mount = tmp_path_factory.mktemp("disk")
    if os.geteuid() != 0 or shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_leaves_site_intact(golden_project: Path, tiny_disk: Path):
    project = tiny_disk / "project"
    shutil.copytree(golden_project, project)
    assert run_build(project).returncode == 0
    before = tree(project / "site")
    filler = tiny_disk / "filler"
    with open(filler, "wb", buffering=0) as handle:  # fill the disk, then give back two pages: too little for a site
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - 8192))
    touch_an_article(project)
    result = run_build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: could not write: the disk is full (free some space, then build again)" in result.stderr
    assert tree(project / "site") == before
    filler.unlink()
    assert run_build(project).returncode == 0 and leftovers(project) == []


def test_a_second_build_waits_for_the_first_and_says_so(golden_project: Path, tmp_path: Path):
    build(load_settings(golden_project), progress=quiet)
    before = tree(golden_project / "site")
    (golden_project / "content/drones-shipped.md").write_text(
        (golden_project / "content/drones-shipped.md").read_text().replace("title: ", "title: Later ", 1))
    log = tmp_path / "stderr.txt"
    with build_lock(golden_project / "site", say=quiet), open(log, "w") as stderr:
        second = subprocess.Popen([*BUILD, "--root", str(golden_project)], stdout=subprocess.DEVNULL, stderr=stderr)
        wait_for(lambda: "another build is running" in log.read_text() or second.poll() is not None)
        assert second.poll() is None
        assert f"another build is running (pid {os.getpid()}); waiting for it to finish" in log.read_text()
        assert tree(golden_project / "site") == before
    assert second.wait(timeout=300) == 0, log.read_text()
    assert "Later " in (golden_project / "site/index.html").read_text()


def test_a_lock_held_too_long_is_named_not_waited_on_forever(golden_project: Path):
    site = golden_project / "site"
    with build_lock(site, say=quiet):
        with pytest.raises(BuildError) as caught, build_lock(site, say=quiet, wait=0):
            pass
    assert [str(p) for p in caught.value.problems] == [
        f".site.lock: error: another build is running (pid {os.getpid()}); waited 0 s: try again when it has finished"]


def hold_the_lock(site: Path, seconds: float) -> subprocess.Popen:
    """Another process that holds the build lock of `site` for `seconds` (returned once it has it)."""
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[1]);"
                               "from pathlib import Path; from briefing.lock import build_lock;"
                               "lock = build_lock(Path(sys.argv[2]), say=print); lock.__enter__();"
                               "print('locked', flush=True); time.sleep(float(sys.argv[3]))",
                               str(ROOT), str(site), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_lock_left_by_a_killed_build_does_not_block(golden_project: Path):
    holder = hold_the_lock(golden_project / "site", seconds=600)
    holder.kill()
    holder.wait()
    said: list[str] = []
    build(load_settings(golden_project), progress=said.append)
    assert not [line for line in said if "another build" in line]
    assert (golden_project / "site/index.html").is_file()


def test_two_builds_at_once_give_one_whole_site(golden_project: Path):
    build(load_settings(golden_project), progress=quiet)
    expected = tree(golden_project / "site")
    shutil.rmtree(golden_project / "site")
    builds = [subprocess.Popen([*BUILD, "--root", str(golden_project)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0], results
    assert tree(golden_project / "site") == expected
    assert leftovers(golden_project) == []


def test_extract_waits_for_a_running_build(golden_project: Path):
    """`extract` writes content/ too: it takes the same lock as a build and says it is waiting."""
    holder = hold_the_lock(golden_project / "site", seconds=3)
    try:
        result = run_build(golden_project, "extract")
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert f"another build is running (pid {holder.pid}); waiting for it to finish" in result.stderr

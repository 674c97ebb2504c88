"""The search index in a fixed order: pages renumbered consistently, unknown formats left alone."""
from __future__ import annotations

import gzip
from pathlib import Path

from briefing.searchorder import SIGNATURE, _encode, _renumber, sort_search_index

from .test_faults import tree


def test_a_word_keeps_its_pages_and_positions_when_pages_are_renumbered():
    pages = [[2, [-25, 7], []], [3, [-25, 9], []]]  # pages 2 and 5, delta-coded
    _renumber(pages, {2: 4, 5: 1})
    assert pages == [[1, [-25, 9], []], [3, [-25, 7], []]]  # now pages 1 and 4, still delta-coded


def bundle(folder: Path, version: str) -> Path:
    """A one-page, one-filter index as Pagefind lays it out."""
    def put(path: Path, value) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(SIGNATURE + _encode(value), mtime=0))
    put(folder / "pagefind.en_0000000000.pf_meta",
        [version, [["en_aaaaaaa", 3]], [["a", "z", "en_1111111"]], [["kind", "en_2222222"]], [], ["title"]])
    put(folder / "index/en_1111111.pf_index", [[["word", [[0, [-25, 1], []]], []]]])
    put(folder / "filter/en_2222222.pf_filter", ["kind", [["denial", [0]], ["claim", [0]]]])
    (folder / "pagefind-entry.json").write_text('{"version":"x","languages":{"en":{"hash":"en_0000000000"}}}')
    return folder


def test_an_index_in_a_format_it_was_not_written_for_is_left_exactly_as_it_is(tmp_path: Path):
    folder = bundle(tmp_path, "9.0.0")
    before = tree(folder)
    assert sort_search_index(folder) is False
    assert tree(folder) == before


def test_sorting_an_index_twice_changes_nothing_the_second_time(tmp_path: Path):
    folder = bundle(tmp_path, "1.5.2")
    assert sort_search_index(folder)
    once = tree(folder)
    assert sort_search_index(folder) and tree(folder) == once
    (name,) = [p for p in once if p.startswith("filter/")]
    kind = gzip.decompress((folder / name).read_bytes())[len(SIGNATURE):]
    assert kind.index(b"claim") < kind.index(b"denial")
    assert '"hash":"en_0000000000"' not in (folder / "pagefind-entry.json").read_text()  # the meta was renamed with it

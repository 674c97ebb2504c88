"""Put Pagefind's index in a fixed order, so the same pages always give the same search bytes.

Pagefind (1.5, see its issue 638) numbers pages in the order the file system lists them, which
differs between file systems and machines, and writes each filter's values in the order of a
randomly seeded hash map. Either changes the index files (`index/*.pf_index`,
`filter/*.pf_filter`), the `pagefind.*.pf_meta` that names them by content hash, and
`pagefind-entry.json` that names the meta file. This renumbers the pages by their fragment's
content hash, sorts each filter's values and the filters by name, and names the files with
Pagefind's own rule (SHA-1 of the content), keeping every reference consistent: search reads
the index as before.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

KNOWN = "1.5."  # the Pagefind versions whose format this follows (page numbers delta-coded in each word's list)
SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR in every compressed index file


def sort_search_index(bundle: Path) -> bool:
    """Put the index in `bundle` (site/pagefind) in a fixed order; False (and nothing changed) if its format is unknown."""
    entry = bundle / "pagefind-entry.json"
    try:  # read and reorder everything in memory first, so an unknown format changes nothing
        text = entry.read_text(encoding="utf-8")
        writes: list[tuple[Path, Path, bytes]] = []
        for language, info in json.loads(text)["languages"].items():
            meta_hash = _language(bundle, language, info["hash"], writes)
            text = text.replace(f'"{info["hash"]}"', f'"{meta_hash}"')
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return False  # a Pagefind whose files we do not know: its index still works, in its own order
    for old, _, _ in writes:
        old.unlink()
    for _, new, data in writes:  # compressed here even when unchanged: Pagefind's gzip bytes and ours differ
        new.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
    entry.write_text(text, encoding="utf-8")
    return True


def _language(bundle: Path, language: str, meta_hash: str, writes: list) -> str:
    """Reorder one language's index, adding its files to `writes`; returns the meta file's new hash."""
    meta = _read(bundle / f"pagefind.{meta_hash}.pf_meta")  # [version, pages, chunks, filters, sorts, fields]
    if not str(meta[0]).startswith(KNOWN):
        raise ValueError(f"Pagefind {meta[0]}: an index format this module was not written for")
    number = _page_numbers(meta)
    _chunks(bundle, language, meta[2], number, writes)
    _filters(bundle, language, meta[3], number, writes)
    return _plan(bundle, f"pagefind.{meta_hash}", ".pf_meta", meta,
                 lambda data: f"{language}_{_sha1(data)[:len(language) + 8]}", writes, prefix="pagefind.")


def _page_numbers(meta: list) -> dict[int, int]:
    """Order the pages ([fragment hash, words, ...]) by fragment hash, a hash of each page's own content;
    returns each old page number's new one."""
    order = sorted(range(len(meta[1])), key=lambda page: meta[1][page][0])
    number = {old: new for new, old in enumerate(order)}
    meta[1] = [meta[1][page] for page in order]
    for sort in meta[4]:  # [sort key, pages in that order]
        sort[1] = [number[page] for page in sort[1]]
    return number


def _chunks(bundle: Path, language: str, chunks: list, number: dict[int, int], writes: list) -> None:
    """Renumber the pages in each word index chunk ([from, to, file hash]) and rename it."""
    taken: set[str] = set()
    for chunk in chunks:
        words = _read(bundle / "index" / f"{chunk[2]}.pf_index")
        for word in words[0]:  # [word, pages, variants [[form, pages]]]
            _renumber(word[1], number)
            for variant in word[2]:
                _renumber(variant[1], number)
        chunk[2] = _plan(bundle / "index", chunk[2], ".pf_index", words, _short(language, taken), writes)


def _filters(bundle: Path, language: str, filters: list, number: dict[int, int], writes: list) -> None:
    """Renumber each filter's ([name, file hash]) pages, sort its values and the filters by name, rename them."""
    taken: set[str] = set()
    for pair in filters:
        index = _read(bundle / "filter" / f"{pair[1]}.pf_filter")  # [filter name, [[value, pages]]]
        if index[0] != pair[0]:
            raise ValueError(f"filter file {pair[1]} is not the filter {pair[0]!r}")
        for value in index[1]:
            value[1] = sorted(number[page] for page in value[1])
        index[1].sort(key=lambda value: value[0].encode("utf-8"))  # Rust's String order: by bytes
        pair[1] = _plan(bundle / "filter", pair[1], ".pf_filter", index, _short(language, taken), writes)
    filters.sort(key=lambda pair: pair[0].encode("utf-8"))


def _renumber(pages: list, number: dict[int, int]) -> None:
    """Give a word's pages ([page delta, positions, meta positions]) their new numbers, in order, delta-coded again."""
    at = 0
    for page in pages:
        at += page[0]
        page[0] = number[at]
    pages.sort(key=lambda page: page[0])
    last = 0
    for page in pages:
        page[0], last = page[0] - last, page[0]


def _short(language: str, taken: set[str]):
    """Pagefind's name for an index or filter file: `lang_` and 7 hex digits, more on a collision."""
    def name(data: bytes) -> str:
        digest, size = _sha1(data), 7
        while f"{language}_{digest[:size]}" in taken and size < len(digest):
            size += 1
        taken.add(f"{language}_{digest[:size]}")
        return f"{language}_{digest[:size]}"
    return name


def _plan(folder: Path, old: str, suffix: str, value, name, writes: list, prefix: str = "") -> str:
    """Queue `value` to replace the file `old` under its content name; returns that name."""
    data = _encode(value)
    new = name(data)
    writes.append((folder / f"{old}{suffix}", folder / f"{prefix}{new}{suffix}", data))
    return new


def _sha1(data: bytes) -> str:
    """Pagefind's content hash: SHA-1, each byte in hex without a leading zero (as its Rust code prints it)."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _read(path: Path):
    """Decode one gzipped, signed CBOR index file; refuse anything but one whole item of the kinds Pagefind writes."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path.name}: more than one CBOR item")
    return value


def _decode(data: bytes, at: int):
    """One CBOR item at `at` (integers, byte and text strings, arrays: all Pagefind writes); returns (value, end)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        count = info
    elif info <= 27:
        size = 1 << (info - 24)
        count, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError("indefinite-length CBOR")
    if major == 0:
        return count, at
    if major == 1:
        return -1 - count, at
    if major in (2, 3):
        chunk = data[at:at + count]
        return (chunk.decode("utf-8") if major == 3 else bytes(chunk)), at + count
    if major == 4:
        items = []
        for _ in range(count):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major}")


def _encode(value) -> bytes:
    """CBOR with the shortest heads, as Pagefind's minicbor writes it."""
    out = bytearray()
    _write(value, out)
    return bytes(out)


def _write(value, out: bytearray) -> None:
    """Append one value's CBOR to `out` (one buffer, not a bytes object per item: indexes hold millions)."""
    if isinstance(value, list):
        _head(4, len(value), out)
        for item in value:
            _write(item, out)
    elif isinstance(value, str):
        data = value.encode("utf-8")
        _head(3, len(data), out)
        out += data
    elif isinstance(value, bytes):
        _head(2, len(value), out)
        out += value
    elif value >= 0:
        _head(0, value, out)
    else:
        _head(1, -1 - value, out)


def _head(major: int, count: int, out: bytearray) -> None:
    """A CBOR item head: the major type and its count in the fewest bytes."""
    if count < 24:
        out.append(major << 5 | count)
        return
    size = 1 if count < 0x100 else 2 if count < 0x10000 else 4 if count < 0x100000000 else 8
    out.append(major << 5 | (23 + size.bit_length()))
    out += count.to_bytes(size, "big")

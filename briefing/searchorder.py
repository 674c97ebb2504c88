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
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)  # [version, pages [[fragment hash, words, ...]], chunks [[from, to, hash]], filters, sorts, ...]
    if not str(meta[0]).startswith(KNOWN):
        raise ValueError(f"Pagefind {meta[0]}: an index format this module was not written for")
    order = sorted(range(len(meta[1])), key=lambda page: meta[1][page][0])
    number = {old: new for new, old in enumerate(order)}
    meta[1] = [meta[1][page] for page in order]
    for sort in meta[4]:
        sort[1] = [number[page] for page in sort[1]]
    taken: set[str] = set()
    for chunk in meta[2]:
        words = _read(bundle / "index" / f"{chunk[2]}.pf_index")
        for word in words[0]:  # [word, pages, variants [[form, pages]]]
            _renumber(word[1], number)
            for variant in word[2]:
                _renumber(variant[1], number)
        chunk[2] = _plan(bundle / "index", chunk[2], ".pf_index", words, _short(language, taken), writes)
    taken = set()
    for pair in meta[3]:  # [filter name, file hash]
        index = _read(bundle / "filter" / f"{pair[1]}.pf_filter")  # [filter name, [[value, pages]]]
        if index[0] != pair[0]:
            raise ValueError(f"filter file {pair[1]} is not the filter {pair[0]!r}")
        for value in index[1]:
            value[1] = sorted(number[page] for page in value[1])
        index[1].sort(key=lambda value: value[0].encode("utf-8"))  # Rust's String order: by bytes
        pair[1] = _plan(bundle / "filter", pair[1], ".pf_filter", index, _short(language, taken), writes)
    meta[3].sort(key=lambda pair: pair[0].encode("utf-8"))
    return _plan(bundle, f"pagefind.{meta_hash}", ".pf_meta", meta,
                 lambda data: f"{language}_{_sha1(data)[:len(language) + 8]}", writes, prefix="pagefind.")


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
    """Decode one gzipped, signed CBOR index file; refuse anything that would not encode back to its bytes."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE):]:
        raise ValueError(f"{path.name}: CBOR this module does not round-trip")
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
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    return _head(0, value) if value >= 0 else _head(1, -1 - value)


def _head(major: int, count: int) -> bytes:
    """A CBOR item head: the major type and its count in the fewest bytes."""
    if count < 24:
        return bytes([major << 5 | count])
    size = next(s for s in (1, 2, 4, 8) if count < 1 << (8 * s))
    return bytes([major << 5 | (23 + size.bit_length())]) + count.to_bytes(size, "big")

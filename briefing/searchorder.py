"""Put Pagefind's filter index in a fixed order, so the same pages always give the same search bytes.

Pagefind (up to 1.5.2 at least, its issue 638) writes each filter's values in the order of a
randomly seeded hash map, so two builds of the same site differ in `filter/*.pf_filter`, in
the `pagefind.*.pf_meta` that names those files by content hash, and in
`pagefind-entry.json` that names the meta file. This sorts the values (and the filters), and
names the files with Pagefind's own rule (SHA-1 of the content), keeping every reference
consistent: an index already in this order keeps its file names.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR in every compressed index file


def sort_filter_index(bundle: Path) -> bool:
    """Sort the filter index of every language in `bundle` (site/pagefind); False if its format is unknown."""
    entry = bundle / "pagefind-entry.json"
    try:  # read and check everything first, so an unknown format changes nothing
        text = entry.read_text(encoding="utf-8")
        languages = [(language, info["hash"]) for language, info in json.loads(text)["languages"].items()]
        read = [(language, old, *_read_language(bundle, old)) for language, old in languages]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False  # a Pagefind whose files we do not know: its index still works, unsorted
    for language, old, meta, indexes in read:
        text = text.replace(f'"{old}"', f'"{_sort_language(bundle, language, old, meta, indexes)}"')
    entry.write_text(text, encoding="utf-8")
    return True


def _read_language(bundle: Path, meta_hash: str) -> tuple[list, list]:
    """One language's meta index and its filter indexes, each checked to name the filter the meta says."""
    meta = _read(bundle / f"pagefind.{meta_hash}.pf_meta")
    indexes = [_read(bundle / "filter" / f"{old}.pf_filter") for _, old in meta[3]]  # field 3: [[name, hash]]
    for (name, old), index in zip(meta[3], indexes):
        if index[0] != name or not all(isinstance(value[0], str) for value in index[1]):
            raise ValueError(f"filter file {old} is not the filter {name!r}")
    return meta, indexes


def _sort_language(bundle: Path, language: str, meta_hash: str, meta: list, indexes: list) -> str:
    """Sort one language's filters and their values, write them; returns the meta file's new hash."""
    taken: set[str] = set()
    for pair, index in zip(meta[3], indexes):
        index[1].sort(key=lambda value: value[0].encode("utf-8"))  # Rust's String order: by bytes
        pair[1] = _store(bundle / "filter", pair[1], ".pf_filter", index, _short(language, 7, taken))
    meta[3].sort(key=lambda pair: pair[0].encode("utf-8"))
    return _store(bundle, f"pagefind.{meta_hash}", ".pf_meta", meta,
                  lambda data: f"{language}_{_sha1(data)[:len(language) + 8]}", prefix="pagefind.")


def _short(language: str, length: int, taken: set[str]):
    """Pagefind's name for a filter file: `lang_` and the first hex digits, longer on a collision."""
    def name(data: bytes) -> str:
        digest, size = _sha1(data), length
        while f"{language}_{digest[:size]}" in taken and size < len(digest):
            size += 1
        taken.add(f"{language}_{digest[:size]}")
        return f"{language}_{digest[:size]}"
    return name


def _store(folder: Path, old: str, suffix: str, value, name, prefix: str = "") -> str:
    """Write `value` in place of the file `old` under its content name; returns that name."""
    data = _encode(value)
    new = name(data)
    target = folder / f"{prefix}{new}{suffix}"
    (folder / f"{old}{suffix}").unlink()
    # Compressed here even when the order did not change: Pagefind's gzip and ours differ in bytes
    target.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))
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

"""Split a long list into pages Hugo's way: `folder/index.html`, then `folder/page/2/index.html`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a list: its items, its number, and where every page of the list lives."""

    items: tuple[T, ...]
    number: int  # 1-based
    count: int  # how many pages the list has
    folder: str  # "actors/iran/": page 1 is its index.html
    total: int  # items in the whole list
    first: int  # position (1-based) of this page's first item in the whole list

    @property
    def path(self) -> str:
        """This page's site path."""
        return page_path(self.folder, self.number)

    def link(self, number: int) -> str:
        """The site path of another page of the same list."""
        return page_path(self.folder, number)

    @property
    def previous(self) -> str | None:
        """The newer page's path, None on the first."""
        return self.link(self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        """The older page's path, None on the last."""
        return self.link(self.number + 1) if self.number < self.count else None


def page_path(folder: str, number: int) -> str:
    """`folder/index.html` for page 1, `folder/page/N/index.html` after it."""
    return f"{folder}index.html" if number == 1 else f"{folder}page/{number}/index.html"


def paginate(items: list[T], per_page: int, folder: str) -> list[Pager[T]]:
    """The list cut into pages of `per_page` items; an empty list still has its first page."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    return [Pager(tuple(chunk), n, len(chunks), folder, len(items), (n - 1) * per_page + 1)
            for n, chunk in enumerate(chunks, start=1)]


def name_spans(names: list[str], per_page: int) -> list[str]:
    """What each page of an A-to-Z list holds, as a dictionary's thumb index: "Aa–Al", "Al–Ba"; each end
    is cut to the letters that tell it from the neighbouring page's (the names are sorted, case aside)."""
    chunks = [names[i:i + per_page] for i in range(0, len(names), per_page)]
    spans = []
    for n, chunk in enumerate(chunks):
        before = chunks[n - 1][-1] if n else ""
        after = chunks[n + 1][0] if n + 1 < len(chunks) else ""
        first, last = _cut(chunk[0], before), _cut(chunk[-1], after)
        spans.append(first if first == last else f"{first}–{last}")
    return spans


def _cut(name: str, neighbour: str) -> str:
    same = next((i for i, (a, b) in enumerate(zip(name.casefold(), neighbour.casefold())) if a != b),
                min(len(name), len(neighbour)))
    return name[:same + 1].rstrip() or name[:1]

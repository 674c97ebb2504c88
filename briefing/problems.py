"""Problems found in input: each knows its file and line and prints as `path:line: error: ...`."""
from __future__ import annotations

import errno
import functools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at one line (0 when the whole file is meant)."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class BuildError(Exception):
    """Raised when input has problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def leads_outside(path: Path, *folders: Path) -> Path | None:
    """Where `path` really is (links resolved) when that is inside none of `folders`; None when inside one."""
    target = path.resolve()
    return None if any(target.is_relative_to(folder.resolve()) for folder in folders) else target


def refuse_outside_link(path: Path, root: Path, display: str) -> None:
    """Raise ValueError(Problem) for a symlink that leads out of the project: it is not followed."""
    if path.is_symlink() and (target := leads_outside(path, root, path.parent)):
        raise ValueError(Problem(display, 0, f"is a symlink to {target}, outside the project: "
                                 "not followed (copy the file in instead)", "warning"))


def outside_links(folder: Path, root: Path, shown_from: Path) -> list[Problem]:
    """A warning for every symlink under `folder`, file or folder, that leads out of `root` (none is followed);
    paths are shown relative to `shown_from`."""
    problems = []
    for parent, folders, files in os.walk(folder):  # never descends through a linked folder
        for name in sorted(folders + files):
            path = Path(parent) / name
            shown = path.relative_to(shown_from).as_posix() if path.is_relative_to(shown_from) else str(path)
            try:
                refuse_outside_link(path, root, shown)
            except ValueError as error:
                problems.append(error.args[0])
    return sorted(problems, key=lambda p: p.path)


def write_failure(error: OSError) -> Problem:
    """A failed write (a full disk, no permission) as a problem naming the file, not a traceback."""
    if error.errno == errno.ENOSPC:
        return Problem(str(error.filename or "site"), 0, "could not write: the disk is full (free some space, "
                       "then build again)")
    return Problem(str(error.filename or "site"), 0, f"could not write: {error.strerror or error}")


def os_errors_as_problems(function):
    """Decorate a command so a failing disk or file system ends it with a message, not a traceback."""
    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except OSError as error:
            raise BuildError([write_failure(error)]) from None
    return guarded

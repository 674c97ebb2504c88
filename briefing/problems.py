"""Problems found in input: each knows its file and line and prints as `path:line: error: ...`."""
from __future__ import annotations

import errno
import functools
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


def refuse_outside_link(path: Path, root: Path, display: str) -> None:
    """Raise ValueError(Problem) for a symlink that leads out of the project: it is not followed."""
    if not path.is_symlink():
        return
    target = path.resolve()
    if not (target.is_relative_to(root.resolve()) or target.is_relative_to(path.parent.resolve())):
        raise ValueError(Problem(display, 0, f"is a symlink to {target}, outside the project: "
                                 "not followed (copy the file in instead)", "warning"))


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

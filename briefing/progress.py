"""What a run tells the person at the terminal: a progress bar on a TTY, plain lines elsewhere.

Stages report progress through a plain `Callable[[str], None]` (print works). A `Step` is a
message that also says how far along the work is; the `Reporter` draws it as a bar with the
time left when stderr is a terminal, and prints it as an ordinary line otherwise (CI logs).
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import Callable, TextIO

QUIET, NORMAL, VERBOSE = -1, 0, 1


class Step(str):
    """A progress message that knows its place: str(Step(3, 37, "seeds/a.html")) is
    "[3/37] extracting seeds/a.html"; `done` counts the item starting now, or with `over` the
    item just finished ("[3/37] extracted seeds/a.html", when several are worked on at once)."""

    done: int
    total: int
    item: str
    finished: int

    def __new__(cls, done: int, total: int, item: str, action: str = "extracting", over: bool = False) -> "Step":
        step = super().__new__(cls, f"[{done}/{total}] {action} {item}")
        step.done, step.total, step.item = done, total, item
        step.finished = done if over else done - 1
        return step


class Reporter:
    """The progress callable the CLI hands to build(): levels, a redrawn bar, a final summary."""

    def __init__(self, level: int = NORMAL, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.level = level
        self.stream = stream or sys.stderr
        self.clock = clock
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._bar_shown = False
        self._first_step: float | None = None

    def __call__(self, message: str) -> None:
        """Report one progress message (a Step draws the bar)."""
        if isinstance(message, Step):
            self.step(message)
        else:
            self.info(message)

    def step(self, step: Step) -> None:
        """Seed `step.done` of `step.total` begins: redraw the bar, or print a line."""
        if self.level < NORMAL:
            return
        now = self.clock()
        if step.done == 1 or self._first_step is None:
            self._first_step = now
        # The clock starts as item 1 starts (or, with `over`, finishes): done - 1 items finished since.
        left = time_left(now - self._first_step, step.done - 1, step.total - step.finished + step.done - 1)
        if self.tty:
            self._draw(bar(step, left, shutil.get_terminal_size((80, 20)).columns))
        else:
            self._line(f"{step}" + (f" (about {left} left)" if left else ""))

    def info(self, message: str) -> None:
        """A line for the normal and verbose levels."""
        if self.level >= NORMAL:
            self._line(message)

    def detail(self, message: str) -> None:
        """A line for --verbose only."""
        if self.level >= VERBOSE:
            self._line(message)

    def warn(self, message: str) -> None:
        """A line even --quiet shows (problems and warnings are never hidden)."""
        self._line(message)

    def close(self) -> None:
        """Clear the bar, so the next line starts clean."""
        if self._bar_shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._bar_shown = False

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._bar_shown = True

    def _line(self, message: str) -> None:
        self.close()
        print(message, file=self.stream, flush=True)


def time_left(elapsed: float, finished: int, total: int) -> str | None:
    """ "12 s" or "3 min" left, from the pace so far; None until one item has finished."""
    if finished < 1:
        return None
    seconds = elapsed / finished * (total - finished)
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def bar(step: Step, left: str | None, width: int) -> str:
    """One terminal line: "[#####.....] 3/37 seeds/a.html  ~12 s left", cut to the terminal's width."""
    cells = 20
    filled = cells * step.finished // max(step.total, 1)
    tail = f"  ~{left} left" if left else "  estimating time left"
    head = f"[{'#' * filled}{'.' * (cells - filled)}] {step.done}/{step.total} "
    room = max(width - 1 - len(head) - len(tail), 8)
    item = step.item if len(step.item) <= room else "…" + step.item[-(room - 1):]
    return head + item + tail


def plural(count: int, noun: str) -> str:
    """ "1 article", "37 articles"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"

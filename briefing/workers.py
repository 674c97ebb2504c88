"""Work over several processes: forked children inherit what the parent holds (a loaded spaCy
pipeline, the planned pages), so nothing big is pickled in, and send small results back."""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

_WORK: tuple[Callable, list] | None = None  # the work and its chunks, set before the children are forked


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def useful_processes(setting: int, items: int, per_process: int) -> int:
    """How many processes pay for `items` items: the `processes` setting (0: one per core), at most
    one per `per_process` items, and one where forking is unsafe (no fork, or other threads running)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, min(setting or cores(), items // per_process))


def forked_map(work: Callable[[list], list], chunks: list[list], processes: int) -> Iterator[list]:
    """work(chunk) for every chunk over `processes` forked processes, yielded as each finishes (in this
    process, in order, when processes is 1). A chunk whose process died is worked here instead."""
    if processes <= 1 or len(chunks) <= 1:
        yield from map(work, chunks)
        return
    global _WORK
    _WORK = work, chunks  # the children inherit both: only a chunk's number is sent (pickled)
    left = dict(enumerate(chunks))
    gc.freeze()  # a child's collector never walks (and so never copies) the objects it inherits
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            running = {pool.submit(_run, k): k for k in left}
            try:
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()  # the worker's own exception (an OSError, a bug) is raised here
                        del left[running.pop(future)]
                        yield result
            except GeneratorExit:  # the caller stopped early: start nothing more, let the running chunks end
                pool.shutdown(wait=True, cancel_futures=True)  # (wait=False leaves a thread Python's exit trips on)
                raise
            except BaseException:  # a failure or Ctrl-C: start nothing more
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except BrokenProcessPool:  # a child was killed (out of memory?): finish its work here
        yield from map(work, left.values())
    finally:
        _WORK = None
        gc.unfreeze()


def _run(number: int) -> list:
    """In a forked child: the work the parent set before forking, on one of its chunks."""
    work, chunks = _WORK
    return work(chunks[number])


def chunked(items: list, size: int) -> list[list]:
    """`items` cut into consecutive lists of `size` (the last may be shorter)."""
    return [items[i:i + size] for i in range(0, len(items), size)]

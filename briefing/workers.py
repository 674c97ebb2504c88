"""Work over several processes: forked children inherit what the parent holds (a loaded spaCy
pipeline, the planned pages), so nothing big is pickled in, and send small results back."""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import traceback
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection, Pipe
from multiprocessing.connection import wait as readable
from pathlib import Path

_WORK: tuple[Callable, list] | None = None  # the work and its chunks, set before the children are forked
CHILD = False  # true in a child forked by short_lived
BUILD_COLLECTS_EVERY = 100_000
"""A build collects garbage every this many new objects (pipeline.few_collections), and so does every
child it forks, also when its parent (a server) leaves collecting to its idle moments: rendering
leaves cycles (210,000 objects in a cold build of 400 articles)."""


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def useful_processes(setting: int, items: int, per_process: int) -> int:
    """How many processes pay for `items` items: the `processes` setting (0: one per core), at most
    one per `per_process` items, and one where forking is unsafe (no fork, or other threads running
    but those marked `fork_safe`)."""
    current = threading.current_thread()
    if not hasattr(os, "fork") or any(t is not current and t not in _FORK_SAFE for t in threading.enumerate()):
        return 1
    return max(1, min(setting or cores(), items // per_process))


_FORK_SAFE: weakref.WeakSet = weakref.WeakSet()


def fork_safe(thread: threading.Thread) -> threading.Thread:
    """Mark a thread that does not keep the building process from forking: one that waits outside
    Python (the GIL released) and holds nothing a child uses, such as serve.Events' watcher."""
    _FORK_SAFE.add(thread)
    return thread


def forked_map(work: Callable[[list], list], chunks: list[list], processes: int,
               per_child: int = 0, held_in: Path | None = None, here: int = 0) -> Iterator[list]:
    """work(chunk) for every chunk over `processes` forked processes, yielded as each finishes (in this
    process, in order, when processes is 1). A chunk whose process died is worked here instead.
    `per_child`: each child works that many chunks and exits (`held_in`: the results held in a file
    there till the last child ends; the last `here` chunks worked here once it has: see short_lived)."""
    if processes <= 1 or len(chunks) <= 1:
        yield from map(work, chunks)
        return
    if per_child:
        yield from short_lived(work, chunks, processes, per_child, held_in, here)
        return
    global _WORK
    _WORK = work, chunks  # the children inherit both: only a chunk's number is sent (pickled)
    left = dict(enumerate(chunks))
    gc.freeze()  # a child's collector never walks (and so never copies) the objects it inherits
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            try:
                yield from _share(pool, left)
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


def _share(pool: ProcessPoolExecutor, left: dict) -> Iterator[list]:
    """The chunks' results, as the children finish them (every chunk submitted at once)."""
    running = {pool.submit(_run, number): number for number in left}
    while running:
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            result = future.result()  # the worker's own exception (an OSError, a bug) is raised here
            del left[running.pop(future)]
            yield result


def _run(number: int) -> list:
    """In a forked child: the work the parent set before forking, on one of its chunks."""
    work, chunks = _WORK
    _collect_as_a_build()
    return work(chunks[number])


def short_lived(work: Callable[[list], list], chunks: list[list], processes: int, per_child: int,
                held_in: Path | None = None, here: int = 0) -> Iterator[list]:
    """work(chunk) for every chunk in forked children, `processes` at a time, each working `per_child`
    consecutive chunks and exiting, but the last `here` chunks, worked in this process once the last
    child has ended (work that reads everything, which a child would copy most of this process for);
    results yielded as they come, or, with `held_in` (a folder), after those worked here, held till
    then in a nameless file there.
    What work makes and drops leaves a process's memory in Python's arenas, pinned by the few objects
    that live on: a child's goes when it exits, and this process (which works nothing else) grows
    only by the results it keeps. Holding them on disk, it takes in nothing while children run: it does
    not grow beside them, and every child inherits the same memory (where results came in, a later
    child's own objects went into more of the pages its parent left part free, copying each: at 10,000
    articles a renderer's own pages went from 115 MB to 200). The chunks of a child that died without
    sending them are worked here."""
    todo = list(range(len(chunks) - here))
    running: dict[Connection, list[int]] = {}  # a child's pipe (its pid on it) -> its chunks not yet sent
    held = None if held_in is None else _Held(held_in)
    gc.freeze()  # a child's collector never walks (and so never copies) the objects it inherits
    give_back()
    try:
        while todo or running:
            while todo and len(running) < processes:
                numbers, todo = todo[:per_child], todo[per_child:]
                running[_fork(work, chunks, numbers)] = numbers
            for pipe in readable(list(running)):
                for result in _received(pipe, running, work, chunks):
                    if held is None:
                        yield pickle.loads(result)
                    else:
                        held.add(result)
        yield from map(work, chunks[len(chunks) - here:])
        if held is not None:
            yield from held
    finally:
        for pipe in running:  # stopped early (an error, Ctrl-C, the caller): end the children
            pipe.close()
            _end(pipe.pid, kill=True)
        if held is not None:
            held.close()
        gc.unfreeze()


def give_back() -> None:
    """Hand the memory C's allocator holds free back to the system (glibc's malloc_trim; nothing where
    there is none): what this process freed stays in its resident memory otherwise, and a forked child
    that allocates there copies each page first (2,500 articles: 161 MB -> 139 where rendering starts)."""
    import ctypes

    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass


class _Held:
    """Results as a child pickled them, in a temporary file (with no name: gone with this process)
    until they are taken, in the order they came."""

    def __init__(self, folder: Path):
        self.file, self.sizes = tempfile.TemporaryFile(dir=folder), []

    def add(self, result: bytes) -> None:
        """Hold a pickled result."""
        self.sizes.append(self.file.write(result))

    def __iter__(self) -> Iterator:
        self.file.seek(0)
        for size in self.sizes:
            yield pickle.loads(self.file.read(size))

    def close(self) -> None:
        self.file.close()


def _collect_as_a_build() -> None:
    """In a forked child: collect every BUILD_COLLECTS_EVERY new objects, whatever the parent does."""
    gc.set_threshold(BUILD_COLLECTS_EVERY, *gc.get_threshold()[1:])


def _fork(work: Callable, chunks: list[list], numbers: list[int]) -> Connection:
    """A forked child working the chunks `numbers`, sending ("done", number, result pickled) for each,
    or ("error", number, exception) and stopping; the end of its pipe that this process reads (the
    result comes as bytes: this process takes it in, or holds it as it came)."""
    reading, writing = Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        global CHILD
        code, CHILD = 1, True
        _collect_as_a_build()
        try:
            reading.close()
            for number in numbers:
                try:
                    result = ("done", number, pickle.dumps(work(chunks[number]), protocol=pickle.HIGHEST_PROTOCOL))
                except Exception as error:  # noqa: BLE001 - the parent raises it
                    result = ("error", number, error)
                _send(writing, result)
                if result[0] == "error":
                    break
            writing.close()
            code = 0
        finally:
            os._exit(code)
    writing.close()
    reading.pid = pid  # (a Connection takes attributes: kept with the pipe it belongs to)
    return reading


def _send(pipe: Connection, message: tuple) -> None:
    try:
        pipe.send(message)
    except Exception:  # noqa: BLE001 - an exception that does not pickle: its traceback as text
        pipe.send(("error", message[1], RuntimeError(traceback.format_exc())))


def _received(pipe: Connection, running: dict, work: Callable, chunks: list[list]) -> Iterator[list]:
    """The result a child sent on `pipe` (pickled); when it has ended, the chunks it did not send, worked
    here (and pickled alike)."""
    numbers = running[pipe]
    try:
        kind, number, result = pipe.recv()
    except (EOFError, OSError):
        del running[pipe]
        pipe.close()
        _end(pipe.pid)
        yield from (pickle.dumps(work(chunks[n]), protocol=pickle.HIGHEST_PROTOCOL) for n in numbers)
        return
    if kind == "error":
        raise result
    numbers.remove(number)
    yield result


def _end(pid: int, kill: bool = False) -> None:
    """Wait for a child to exit (killing it first with `kill`)."""
    try:
        if kill:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def chunked(items: list, size: int) -> list[list]:
    """`items` cut into consecutive lists of `size` (the last may be shorter)."""
    return [items[i:i + size] for i in range(0, len(items), size)]

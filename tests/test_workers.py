"""Short-lived forked children: every chunk worked once, each child exiting after its share."""
from __future__ import annotations

import os

import pytest

from briefing import workers

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _square_with_pid(chunk: list[int]) -> list[tuple[int, int, bool]]:
    return [(n * n, os.getpid(), workers.CHILD) for n in chunk]


def test_every_chunk_is_worked_once_by_children_that_exit_after_their_share():
    chunks = workers.chunked(list(range(20)), 2)
    results = [r for part in workers.forked_map(_square_with_pid, chunks, 2, per_child=3) for r in part]
    assert sorted(square for square, _, _ in results) == [n * n for n in range(20)]
    assert all(child for _, _, child in results) and not workers.CHILD
    pids = {pid for _, pid, _ in results}
    assert os.getpid() not in pids and len(pids) == 4  # 10 chunks, 3 to a child


def test_the_chunks_of_a_child_that_died_are_worked_here():
    def work(chunk: list[int]) -> list[int]:
        if workers.CHILD and chunk == [3]:
            os._exit(9)  # killed, say by the kernel out of memory
        return [n + 100 for n in chunk]

    results = sorted(r for part in workers.forked_map(work, [[n] for n in range(6)], 2, per_child=2) for r in part)
    assert results == [100, 101, 102, 103, 104, 105]


def test_an_error_in_a_child_is_raised_here():
    def work(chunk: list[int]) -> list[int]:
        if chunk == [2]:
            raise OSError(28, "No space left on device")
        return chunk

    with pytest.raises(OSError, match="No space left"):
        list(workers.forked_map(work, [[n] for n in range(5)], 2, per_child=1))


def test_results_held_in_a_folder_come_once_the_last_child_has_ended(tmp_path):
    def work(chunk: list[int]) -> list[tuple[int, float]]:
        import time

        if workers.CHILD and chunk == [3]:
            os._exit(9)  # its chunks are worked here, and held alike
        return [(n, time.monotonic()) for n in chunk]

    import time

    taken = []
    for part in workers.forked_map(work, [[n] for n in range(8)], 2, per_child=2, held_in=tmp_path):
        taken += [(n, ended, time.monotonic()) for n, ended in part]
    assert sorted(n for n, _, _ in taken) == list(range(8))
    assert min(at for _, _, at in taken) >= max(ended for _, ended, _ in taken)  # none taken while children ran
    assert list(tmp_path.iterdir()) == []  # the file they were held in has no name


def test_the_last_chunks_asked_here_are_worked_here_once_every_child_has_ended(tmp_path):
    def work(chunk: list[int]) -> list[tuple[int, int, float, float]]:
        import time

        started = time.monotonic()
        time.sleep(0.05)
        return [(chunk[0], os.getpid(), started, time.monotonic())]

    results = [r for part in workers.forked_map(work, [[n] for n in range(6)], 2, per_child=1, held_in=tmp_path, here=2)
               for r in part]
    assert [n for n, _, _, _ in results[:2]] == [4, 5]  # taken before the results held meanwhile
    here = [(start, pid) for n, pid, start, _ in results if n >= 4]
    assert all(pid == os.getpid() for _, pid in here)
    assert min(start for start, _ in here) >= max(end for n, _, _, end in results if n < 4)


def test_another_thread_keeps_work_in_this_process_unless_it_is_marked_fork_safe():
    import threading

    done = threading.Event()
    assert workers.useful_processes(2, 1000, 100) == 2
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    assert workers.useful_processes(2, 1000, 100) == 1  # forking beside it could deadlock a child
    workers.fork_safe(other)
    assert workers.useful_processes(2, 1000, 100) == 2
    done.set()
    other.join()


def test_a_child_collects_garbage_as_a_one_off_build_does_whatever_its_parent_waits_for():
    """A server leaves collecting to its idle moments; its renderers, which leave cycles behind every
    page, still collect every BUILD_COLLECTS_EVERY objects (both ways of forking)."""
    import gc

    def threshold(chunk: list[int]) -> list[int]:
        return [gc.get_threshold()[0] for _ in chunk]

    old = gc.get_threshold()
    gc.set_threshold(1_000_000, *old[1:])
    try:
        short = [t for part in workers.forked_map(threshold, [[1], [2], [3]], 2, per_child=1) for t in part]
        pooled = [t for part in workers.forked_map(threshold, [[1], [2], [3]], 2) for t in part]
    finally:
        gc.set_threshold(*old)
    assert short == pooled == [workers.BUILD_COLLECTS_EVERY] * 3

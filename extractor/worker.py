"""Extraction in one child process of its own, fed over pipes (a one-worker run, from files, URLs or a crawl store).

A run's own process then never loads the models (spaCy, the dictionary: about 170 MB), so it stays small
for the table writers that follow, and a document that crashes the interpreter costs only itself. The
child is a plain `python -m extractor.worker`: no fork server, no resource tracker, no process pool, just
two pipes carrying length-prefixed pickles, paths one way and outcomes the other, in input order. A few
paths are queued ahead so the child never waits. If the child dies, the document it was on becomes an
error record and a fresh child takes the rest; a child that cannot even start (broken language data)
stops the run with its exit status, its own message having gone to standard error. `prestart` starts the
worker before the run's own checks, so its start-up (imports, the dictionary, spaCy) overlaps them.
"""
from __future__ import annotations

import atexit
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Union

from extractor.batch import WORKER_DIED, Outcome, extract_stored, failed, load_models, process_path, set_memory_ceiling
from extractor.ingest.sources import DEFAULT_MAX_BYTES, display_name
from extractor.model import ExtractorError

if TYPE_CHECKING:
    from extractor.crawl.store import StoredDocument

Task = Union[str, "StoredDocument"]  # a file, folder entry or URL; or a document a crawl stored
AHEAD = 4  # tasks queued in the pipe beyond the one being extracted
_HEADER = struct.Struct("<Q")
READY = "ready"
CHECKED = "data-checked"  # the worker's last argument when its parent checks the language data


class WorkerFailed(ExtractorError):
    """The extraction worker could not start (its own message went to standard error)."""

    def __init__(self, code: int) -> None:
        super().__init__("extraction worker", f"exited with status {code} before it was ready", stage="extract")


def _send(fh: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    fh.write(_HEADER.pack(len(data)) + data)
    fh.flush()


def _receive(fh: IO[bytes]) -> Any:
    """The next object, or EOFError when the other side is gone (also mid-frame)."""
    head = fh.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = fh.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class _Child:
    def __init__(self, max_bytes: int, timeout: float, data_checked: bool = False) -> None:
        root = str(Path(__file__).resolve().parents[1])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.args = (max_bytes, timeout)
        checked = [CHECKED] if data_checked else []
        self.proc = subprocess.Popen([sys.executable, "-m", "extractor.worker", str(max_bytes), repr(timeout), *checked],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.to, self.back = self.proc.stdin, self.proc.stdout

    def wait_ready(self) -> None:
        """Block until the child has loaded its models; WorkerFailed if it ended instead."""
        try:
            ready = _receive(self.back)
        except EOFError:
            ready = None
        if ready != READY:
            raise WorkerFailed(self.proc.wait())

    def send(self, task: Task) -> bool:
        try:
            _send(self.to, task)
            return True
        except (BrokenPipeError, OSError):
            return False

    def stop(self) -> None:
        """Close the pipes and end the child (SIGKILL if it has not ended on its own in a moment)."""
        for fh in (self.to, self.back):
            try:
                fh.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


_prestarted: list[_Child] = []


def prestart(max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 600.0, data_checked: bool = False) -> None:
    """Start the worker now, so it loads its models (most of a small run's start-up) while this process still
    checks the language data and the inputs; `isolated_outcomes` with the same limits takes it over, and one
    never taken is ended when this process exits. `data_checked`: this process checks every language data file
    before it sends the worker anything, so the worker does not check them again (about 0.4 s of its start-up)."""
    if not _prestarted:
        _prestarted.append(_Child(max_bytes, timeout, data_checked))
        atexit.register(_end_prestarted)


def _end_prestarted() -> None:
    while _prestarted:
        child = _prestarted.pop()
        child.proc.kill()
        child.stop()


def _child(max_bytes: int, timeout: float) -> _Child:
    """The prestarted worker if it was started with these limits, else a new one; ready either way."""
    child = next((c for c in _prestarted if c.args == (max_bytes, timeout)), None)
    if child is not None:
        _prestarted.remove(child)
    else:
        child = _Child(max_bytes, timeout)
    try:
        child.wait_ready()
    except WorkerFailed:
        child.stop()
        raise
    return child


def _name(task: Task) -> str:
    return display_name(task) if isinstance(task, str) else task.final_url or task.url


def isolated_outcomes(paths: Sequence[Task], max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = 600.0) -> Iterator[Outcome]:
    """Outcomes of `paths` (or stored documents) in input order, extracted by a child process (restarted after
    a crash)."""
    done = 0
    child: _Child | None = None
    try:
        while done < len(paths):
            if child is None:
                child = _child(max_bytes, timeout)
                queued = done
                window: deque[Task] = deque()
            while queued < len(paths) and len(window) <= AHEAD and child.send(paths[queued]):
                window.append(paths[queued])
                queued += 1
            try:
                source, notice, error = _receive(child.back)
            except EOFError:
                child.stop()
                child = None
                yield failed(_name(window[0] if window else paths[done]), "extract", WORKER_DIED)
                done += 1
                continue
            window.popleft()
            done += 1
            yield Outcome(source, notice=notice, error=error)
    finally:
        if child is not None:
            child.proc.kill()
            child.stop()


def main(argv: list[str]) -> int:
    """The child: models loaded, READY sent, then one outcome per task until the run closes the pipe."""
    # one thread for the numerical libraries: the decision model is a few small trees, and a thread pool that
    # meets the worker's memory ceiling can deadlock instead of raising MemoryError
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from extractor.lifeline import tie_to

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the run decides
    tie_to(os.getppid())
    max_bytes, timeout = int(argv[0]), float(argv[1])
    if CHECKED in argv[2:]:
        from extractor.gazetteers import checked_by_parent

        checked_by_parent()
    # the pipe carries frames only: it moves to a descriptor of its own, and descriptor 1 (anything printed, by
    # Python or by a library's C code) becomes standard error
    sys.stdout.flush()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    load_models()
    set_memory_ceiling()
    _send(out, READY)
    while True:
        try:
            task = _receive(inp)
        except EOFError:
            return 0
        if isinstance(task, str):
            res = process_path(task, max_bytes, timeout)
        else:
            res = extract_stored(task, max_bytes)
        _send(out, (res.source, res.notice, res.error))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

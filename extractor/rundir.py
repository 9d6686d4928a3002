"""A run's output folder: one writer at a time, replaced whole, with a record of which phases finished.

- **Lock**: `DIR/.lock` is held with `flock` for the whole run, so a second run (or `--resume`) into the
  same folder fails at once instead of truncating files under the first.
- **Replace whole**: a new run writes into `.DIR.run-XXXX` beside DIR and, when every phase is done,
  swaps it in with one atomic exchange (renameat2 RENAME_EXCHANGE; two renames where that is missing).
  Files in DIR that no run wrote (outputs/README.md, a crawl store) are carried over. An interrupted new
  run stays in its temporary folder and DIR keeps the previous complete run; `--resume` adopts it.
- **Phases**: `DIR/run.json` (written atomically) says which phases finished (extract, tables, report),
  so `--resume` completes exactly what is missing. `--resume` and `--from-store` work in DIR itself.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from extractor.outputs import atomic_writer

LOCK = ".lock"
STATE = "run.json"
PHASES = ("extract", "progress", "tables", "report")
DONE, PENDING, RUNNING, FAILED, SKIPPED = "done", "pending", "running", "failed", "skipped"
# What runs wrote before run.json listed its outputs: replaced, never carried over.
LEGACY_OUTPUTS = frozenset({"notices.jsonl", "errors.jsonl", "obligations.csv", "long.csv", "comparison.csv",
                            "tables.xlsx", "long.parquet", "notices.sqlite", "report.html"})
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _umask() -> int:
    """The process's umask (read by setting it, so set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class FolderError(Exception):
    """The output folder cannot be used (busy, not a folder, not writable): a usage error."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class RunState:
    """Contents of run.json: each phase's status and the files the run wrote."""

    phases: dict[str, str] = field(default_factory=lambda: dict.fromkeys(PHASES, PENDING))
    outputs: list[str] = field(default_factory=list)
    started: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)
    tool: str = ""
    schema_version: str = ""

    @classmethod
    def load(cls, folder: Path) -> RunState | None:
        """The folder's state, or None when it has none (an empty folder or one written by an older version)."""
        try:
            data = json.loads((folder / STATE).read_text(encoding="utf-8"))
            state = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
            state.phases = {p: str(state.phases.get(p, PENDING)) for p in PHASES}
            state.outputs = [str(name) for name in state.outputs]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise FolderError(f"{folder / STATE}: unreadable run state ({exc}); move the folder aside or delete "
                              f"{STATE} to start over") from None
        return state

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _holder(fd: int) -> str:
    """The pid the holder wrote; it writes it just after taking the lock, so an empty file is read again briefly."""
    for _ in range(50):
        holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
        if holder:
            return holder
        time.sleep(0.01)
    return ""


class _Lock:
    """An exclusive, non-blocking flock on DIR/.lock, re-opened if the folder was swapped while we opened it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK
        self.fd: int | None = None

    def acquire(self) -> None:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                os.close(fd)
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise FolderError(f"{self.path.parent}: in use by another run{who}; wait for it to finish "
                                  "or choose another output folder with -o") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                self.fd = fd
                return
            os.close(fd)  # the folder was swapped while we opened it: lock the one now at this path

    def try_acquire(self) -> bool:
        try:
            self.acquire()
        except FolderError:
            return False
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders atomically (Linux renameat2); else move b aside, a into place, the old one to a."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        rc = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
        if rc == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
    except AttributeError:
        pass
    aside = b.with_name(f".{b.name}.old-{os.getpid()}")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT and SIGTERM (delivered on exit) around a step that must not be cut in half."""
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _is_temp(name: str) -> bool:
    """A writer's temporary file (x.tmp, tables.tmp.xlsx): never part of a finished run."""
    return name.endswith(".tmp") or ".tmp." in name


class RunFolder:
    """The output folder of one run. Use as a context manager; `work` is where the run writes.

    `append=True` (--resume, --from-store) writes in the folder itself, adopting a new run that was
    interrupted before it could be swapped in; otherwise a temporary folder beside it is used and
    `commit()` swaps it in.
    """

    def __init__(self, target: Path, append: bool) -> None:
        self.target = target.resolve() if target.is_symlink() else target.absolute()
        self.append = append
        self.work = self.target
        self.state = RunState()
        self.adopted: Path | None = None
        self.swept: list[Path] = []
        self._locks: list[_Lock] = []

    def __enter__(self) -> RunFolder:
        if self.target.exists() and not self.target.is_dir():
            raise FolderError(f"{self.target}: exists and is not a folder")
        try:
            self.target.mkdir(parents=True, exist_ok=True)
            self._lock(self.target)
        except OSError as exc:
            raise FolderError(f"{self.target}: cannot use as the output folder ({exc.strerror or exc})") from None
        try:
            self._prepare()
        except OSError as exc:
            self.close()
            raise FolderError(f"{self.target}: cannot use as the output folder ({exc.strerror or exc})") from None
        except BaseException:
            self.close()
            raise
        return self

    def _prepare(self) -> None:
        """Adopt (append) or sweep (new run) the leftovers of interrupted runs; make the temporary folder."""
        leftovers = self._leftovers()
        if self.append:
            if leftovers:
                self.adopted = leftovers.pop()
                self._adopt(self.adopted)
            self.state = RunState.load(self.target) or RunState(phases={**dict.fromkeys(PHASES, PENDING), "extract": RUNNING})
        for old in leftovers:
            shutil.rmtree(old, ignore_errors=True)
            self.swept.append(old)
        for retired in self.target.parent.glob(f".{self.target.name}.old-*"):
            shutil.rmtree(retired, ignore_errors=True)
        if not self.append:
            self.work = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.run-", dir=self.target.parent))
            os.chmod(self.work, 0o777 & ~_umask())  # mkdtemp makes it 0700; the run's folder follows the umask as mkdir does
            self._lock(self.work)

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the locks; the holder of DIR/.lock removes it (a run that opened it meanwhile re-opens the path)."""
        path = self.target / LOCK
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = None
        for lock in reversed(self._locks):
            if lock.fd is not None and os.fstat(lock.fd).st_ino == current:
                os.unlink(path)
                current = None
            lock.release()
        self._locks.clear()

    def _lock(self, folder: Path) -> None:
        lock = _Lock(folder)
        lock.acquire()
        self._locks.append(lock)

    def _leftovers(self) -> list[Path]:
        """Temporary folders of new runs into this folder that were interrupted (no process holds them), oldest first."""
        found = []
        for path in self.target.parent.glob(f".{self.target.name}.run-*"):
            lock = _Lock(path)
            if path.is_dir() and lock.try_acquire():
                lock.release()
                found.append(path)
        return sorted(found, key=lambda p: p.stat().st_mtime)

    def _adopt(self, leftover: Path) -> None:
        """Swap an interrupted new run in so --resume continues it (the previous run it would have replaced goes)."""
        self._lock(leftover)
        with _signals_held():
            self._carry_over(self.target, leftover, RunState.load(self.target))
            _exchange(leftover, self.target)
            old = self._retire(leftover)
        self._locks.pop(0).release()
        shutil.rmtree(old, ignore_errors=True)

    def _retire(self, folder: Path) -> Path:
        """Rename a replaced run to a name that is never adopted, before it is deleted."""
        old = folder.with_name(f".{self.target.name}.old-{os.getpid()}-{folder.name.rsplit('-', 1)[-1]}")
        os.rename(folder, old)
        return old

    def save(self) -> None:
        """Write run.json atomically into the folder being written."""
        from extractor.model import SCHEMA_VERSION
        from extractor.version import __version__

        self.state.updated = _now()
        self.state.tool = f"notice-extract {__version__}"
        self.state.schema_version = SCHEMA_VERSION
        with atomic_writer(self.work / STATE) as fh:
            json.dump(self.state.to_json(), fh, ensure_ascii=False, indent=1)
            fh.write("\n")

    def set_phase(self, phase: str, status: str, outputs: Iterable[str] = ()) -> None:
        """Record a phase's status (and the files it wrote) in run.json."""
        self.state.phases[phase] = status
        self.state.outputs = list(dict.fromkeys([*self.state.outputs, *outputs]))
        self.save()

    def missing(self, wanted: Iterable[str]) -> list[str]:
        """The phases of `wanted` that have not finished."""
        return [p for p in wanted if self.state.phases.get(p) != DONE]

    def commit(self) -> None:
        """Put a new run in place of the folder in one step, carrying over files no run wrote.

        Ctrl-C and SIGTERM wait until the swap is over and the replaced run renamed out of the way, so files
        being carried over are never stranded and the old run can never be taken for an interrupted new one.
        """
        if self.work == self.target:
            return
        with _signals_held():
            self._carry_over(self.target, self.work, RunState.load(self.target))
            _exchange(self.work, self.target)
            old = self._retire(self.work)
            self.work = self.target
        shutil.rmtree(old, ignore_errors=True)

    def _carry_over(self, old: Path, new: Path, old_state: RunState | None) -> None:
        """Move into `new` what `old` holds that is no run's output (README.md, a crawl store, the user's files)."""
        theirs = set(old_state.outputs) if old_state else set(LEGACY_OUTPUTS)
        ours = {p.name for p in new.iterdir()}
        for entry in old.iterdir():
            name = entry.name
            if name in ours or name in theirs or name in LEGACY_OUTPUTS or name in (LOCK, STATE) or _is_temp(name):
                continue
            os.rename(entry, new / name)

"""Worker processes die with the run that started them, so a `kill -9` of a run leaves no orphans.

With the forkserver start method a worker's parent is the fork server, not the run, and both the
server and the resource tracker live as long as any worker holds their pipes; a worker blocked on its
task queue would hold them for ever. So each worker watches the run's pid itself: a pidfd (Linux 5.3+)
becomes readable the moment the run exits, with polling as the fallback, and PR_SET_PDEATHSIG covers
the death of its direct parent. When the workers go, the fork server and the resource tracker see
their pipes close and exit too.
"""
from __future__ import annotations

import ctypes
import os
import select
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1
_POLL_SECONDS = 0.5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its direct parent exits (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return


def _watch(pid: int, parent: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
        os._exit(1)
    while _alive(pid) and os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def tie_to(pid: int) -> None:
    """End this process as soon as process `pid` (the run) ends, however it ends."""
    _die_with_parent()
    parent = os.getppid()
    threading.Thread(target=_watch, args=(pid, parent), daemon=True, name="lifeline").start()

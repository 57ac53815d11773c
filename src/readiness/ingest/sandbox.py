"""Reading an uploaded file in a child process, so that no file can take the server down.

Parsing runs native code (python-calamine) inside the Streamlit server on bytes that anyone who
can upload may shape. The checks before parsing refuse the files known to be dangerous, each
with its own message; this module is the backstop for the rest. ``load_untrusted`` runs
``load_workbook`` in a child process with an address-space limit, a processor-time limit and a
wall-clock timeout (all in ``Limits``). Whatever happens to the child (killed by a signal, out of
memory, over time, an exception, a reply that is cut short or is not a result) becomes one
problem, ``not_read_safely``, in the user's language: the caller never sees an exception.

Children come from a fork server: the Streamlit server runs many threads, so forking it is
unsafe, and starting a fresh interpreter costs seconds. One server process imports the reader
once (``readiness.ingest.preload``) and forks a child per file in tens of milliseconds. The child
sends its result back pickled through a pipe; the parent unpickles only the classes a result is
made of, so even a child that something took over cannot run code in the server.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import pickle
import resource
import threading
from collections.abc import Callable
from pathlib import Path

from readiness.ingest.loader import LoadResult, failed, load_workbook
from readiness.ingest.sources import Limits
from readiness.model.places import Registry
from readiness.model.problems import Code, error

log = logging.getLogger(__name__)
CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload(["readiness.ingest.preload"])
REAP_SECONDS = 5.0
# What a pickled LoadResult is made of: nothing else is unpickled from a child.
RESULT_CLASSES = {
    "builtins": {"bytearray", "complex", "frozenset", "set", "slice"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "numpy": {"dtype", "ndarray"},
    "numpy._core.multiarray": {"_reconstruct", "scalar"},
    "numpy._core.numeric": {"_frombuffer"},
    "pandas": {
        *("BooleanDtype", "DataFrame", "Float64Dtype", "Index", "Int64Dtype", "NA"),
        *("RangeIndex", "StringDtype", "Timestamp"),
    },
    "pandas._libs.internals": {"_unpickle_block"},
    "pandas._libs.tslibs.timestamps": {"_unpickle_timestamp"},
    "pandas.arrays": {"ArrowStringArray", "BooleanArray", "FloatingArray", "IntegerArray"},
    "pandas.core.indexes.base": {"_new_Index"},
    "pandas.core.internals.managers": {"BlockManager"},
    "pyarrow.lib": {"_restore_array", "py_buffer", "type_for_alias"},
    "readiness.ingest.extract": {"Source"},
    "readiness.ingest.loader": {"LoadResult"},
    "readiness.ingest.recipe": {"ColumnChoice", "Recipe", "TableChoice"},
    "readiness.model.problems": {"Code", "Problem", "Severity"},
}


def load_untrusted(
    content: bytes,
    *,
    filename: str | None = None,
    limits: Limits | None = None,
    places: Registry | None = None,
    **reading,
) -> LoadResult:
    """What ``load_workbook`` makes of ``content``, read in a guarded child process (``reading``:
    its ``recipe``, ``recipes`` and ``vocabulary``).

    Never raises. The calling process only receives the result, so its memory grows by the
    result and not by what reading took. A file that the child cannot read within ``limits``
    (memory, processor time, wall-clock time), or that ends the child in any way, gives a result
    with no data and the one problem ``not_read_safely``.
    """
    limits = limits or Limits()
    reply = run_guarded(_read, (bytes(content), filename, limits, places, reading), limits)
    result = result_in(reply)
    if result is None:
        log.warning("reading a %d-byte upload %r broke its child process", len(content), filename)
        return failed(error(Code.NOT_READ_SAFELY))
    return result


def _read(content: bytes, filename, limits: Limits, places, reading: dict) -> bytes:
    """The child's work: the file read, its result pickled."""
    result = load_workbook(content, filename=filename, limits=limits, places=places, **reading)
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def result_in(reply: bytes | None) -> LoadResult | None:
    """The LoadResult a child sent, or None if what it sent is not one."""
    if reply is None:
        return None
    try:
        result = _ResultUnpickler(io.BytesIO(reply)).load()
    except Exception:  # garbage can fail to unpickle in any way
        log.exception("a reading child sent %d bytes that are not a result", len(reply))
        return None
    return result if isinstance(result, LoadResult) else None


class _ResultUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if name not in RESULT_CLASSES.get(module, ()):
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a result")
        return super().find_class(module, name)


def run_guarded(target: Callable[..., bytes], args: tuple, limits: Limits) -> bytes | None:
    """The bytes ``target(*args)`` returns, computed in a child process within ``limits``;
    None if the child ends without sending them whole in time. Never raises, and leaves no
    child behind: one still running at the deadline is killed and reaped."""
    try:
        reader, writer = CONTEXT.Pipe(duplex=False)
    except OSError:  # no file descriptors left: the file is not read
        log.exception("could not open a pipe to a child process")
        return None
    try:
        child = CONTEXT.Process(target=_guarded, args=(target, args, limits, writer), daemon=True)
        child.start()
    except Exception:  # no fork server, no process: the file is not read
        log.exception("could not start a child process to read a file")
        reader.close()
        return None
    finally:
        writer.close()  # the child has its own copy; ours would keep the pipe open
    reply = None
    try:
        reply = _receive(reader, child, limits)
        return reply
    finally:
        reader.close()
        _reap(child, failed=reply is None)


def _receive(reader, child, limits: Limits) -> bytes | None:
    """What the child sends before the deadline; the child is killed at the deadline, which
    also ends a reply that stalls halfway."""
    watchdog = threading.Timer(limits.wall_seconds, child.kill)
    watchdog.start()
    try:
        if not reader.poll(limits.wall_seconds):
            return None
        return reader.recv_bytes(limits.memory_budget)
    except (EOFError, OSError):  # the child ended without a whole reply, or a reply too long
        return None
    finally:
        watchdog.cancel()


def _reap(child, failed: bool) -> None:
    """Waits for the child to end (killing it at once if it failed, or if it lingers after
    replying), so that no zombie is left."""
    if failed:
        child.kill()
    child.join(REAP_SECONDS)
    if child.is_alive():
        child.kill()
        child.join()
    child.close()


def _guarded(target: Callable[..., bytes], args: tuple, limits: Limits, writer) -> None:
    """The child process: limits set, ``target`` run, its bytes sent. An exception ends the
    child without a reply (and its traceback goes to the child's standard error)."""
    _limit_self(limits)
    reply = target(*args)
    writer.send_bytes(reply)
    writer.close()


def _limit_self(limits: Limits) -> None:
    """Address space: what the process already maps plus the budget (a process that has
    imported pandas and pyarrow maps over a gigabyte it never touches). Processor time: a
    SIGXCPU at the limit, a SIGKILL a second later. No core file when the reader aborts."""
    mapped = _mapped_bytes()
    if mapped is not None:
        _set(resource.RLIMIT_AS, mapped + limits.memory_budget)
    _set(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1)
    _set(resource.RLIMIT_CORE, 0)


def _set(kind: int, soft: int, hard: int | None = None) -> None:
    """Sets a limit, never above the hard limit the process already has."""
    ceiling = resource.getrlimit(kind)[1]
    hard = soft if hard is None else hard
    if ceiling != resource.RLIM_INFINITY:
        soft, hard = min(soft, ceiling), min(hard, ceiling)
    resource.setrlimit(kind, (soft, hard))


def _mapped_bytes() -> int | None:
    """The process's virtual size (VmSize in /proc/self/status), or None where unknown."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return None

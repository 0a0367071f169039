"""Run untrusted work (reading a workbook) in a child process that caps its own memory and CPU
time, under a wall-clock limit, and receive its answer as a stream of frames.

The child is a fresh interpreter started with `-I -S` and only the folders it needs on its
path (no site-packages scan, no .pth files): measured here it starts and imports the reader in
about a quarter of the time of a normal start (docs/ARCHITECTURE.md, "Reading in a sandbox").
In a PyInstaller bundle the child is the program itself, started with `SANDBOX_FLAG`.

Frames are 8-byte lengths followed by pickles; they are unpickled with a whitelist (plain data
and the `datetime` types), so even a reader subverted by its input cannot make this process run
code. Whatever happens in the child — an abort, a panic, running out of memory, a hang — ends as
a `SandboxFailure` here, never as the end of this process.
"""

from __future__ import annotations

import collections
import datetime
import importlib.util
import io
import pickle
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SANDBOX_FLAG = "--sandboxed-child"
MAX_FRAME_BYTES = 1 << 30
_BOOT = (
    "import sys;n=int(sys.argv[1]);sys.path[:0]=sys.argv[2:2+n];a=sys.argv[2+n:];"
    "import importlib;sys.exit(importlib.import_module(a[0]).main(a[1:]))"
)
_DATETIME = frozenset({"date", "datetime", "time", "timedelta", "timezone"})


@dataclass(frozen=True)
class ChildLimits:
    """What the child may use: memory (bytes, address space) and time (seconds, wall clock)."""

    memory_bytes: int
    seconds: float


class SandboxFailure(Exception):
    """The child ended without a complete answer: `kind` is timeout, memory, crash or protocol."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


class Sandbox:
    """One child running `module.main(args)`; iterate `frames()`, then `close()` (or use `with`)."""

    def __init__(self, module: str, args: list[str], limits: ChildLimits) -> None:
        self.limits = limits
        self.timed_out = False
        creation = 0x08000000 if sys.platform == "win32" else 0  # CREATE_NO_WINDOW
        limit_args = [str(limits.memory_bytes), str(int(limits.seconds) + 1)]
        self._process = subprocess.Popen(
            _command(module, [*args, *limit_args]),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            creationflags=creation,
        )
        self._errors: collections.deque[bytes] = collections.deque(maxlen=64)
        assert self._process.stderr is not None
        self._drain = threading.Thread(
            target=_drain, args=(self._process.stderr, self._errors), daemon=True
        )
        self._drain.start()
        self._timer = threading.Timer(limits.seconds, self._time_out)
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def frames(self) -> Iterator[Any]:
        """The child's frames in order; SandboxFailure if it ends before saying it is done."""
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            header = _read_exactly(stdout, 8)
            if header is None:
                raise self._failure()
            (length,) = struct.unpack("<Q", header)
            if length > MAX_FRAME_BYTES:
                self._process.kill()
                raise SandboxFailure("protocol", f"frame of {length} bytes")
            data = _read_exactly(stdout, length)
            if data is None:
                raise self._failure()
            try:
                frame = _Unpickler(io.BytesIO(data)).load()
            except Exception as exc:
                self._process.kill()
                raise SandboxFailure("protocol", str(exc)) from None
            yield frame

    def close(self) -> None:
        """Stop the child if it still runs, and wait for it."""
        self._timer.cancel()
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._drain.join(timeout=5)

    def errors(self) -> str:
        """The end of what the child wrote to stderr."""
        return b"".join(self._errors).decode("utf-8", "replace")[-4000:]

    def _time_out(self) -> None:
        self.timed_out = True
        self._process.kill()

    def _failure(self) -> SandboxFailure:
        code = self._process.wait()
        self._drain.join(timeout=5)
        errors = self.errors()
        if self.timed_out:
            return SandboxFailure("timeout", f"after {self.limits.seconds:.0f} s")
        if any(
            sign in errors
            for sign in (
                "memory allocation of",
                "MemoryError",
                "Cannot allocate memory",
                "bad_alloc",
            )
        ):
            return SandboxFailure("memory", errors.strip().splitlines()[-1] if errors else "")
        return SandboxFailure("crash", f"exit code {code}: {errors.strip()[-300:]}")


def _command(module: str, args: list[str]) -> list[str]:
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the program runs the child itself
        return [sys.executable, SANDBOX_FLAG, module, *args]
    paths = _child_paths()
    return [sys.executable, "-I", "-S", "-c", _BOOT, str(len(paths)), *paths, module, *args]


def _child_paths() -> list[str]:
    """The project's root (for `app`, and `tests` in tests) and the folder of python-calamine."""
    root = Path(__file__).resolve().parents[2]
    found = [str(root)]
    spec = importlib.util.find_spec("python_calamine")
    if spec is not None and spec.origin:
        folder = str(Path(spec.origin).resolve().parents[1])
        if folder not in found:
            found.append(folder)
    return found


def run_child(argv: list[str]) -> int:
    """In a bundle: `program SANDBOX_FLAG module args…` runs `module.main(args)`."""
    module = importlib.import_module(argv[0])
    return int(module.main(argv[1:]))


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    chunks = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _drain(stream: IO[bytes], tail: collections.deque[bytes]) -> None:
    for line in iter(lambda: stream.read(4096), b""):
        tail.append(line)
    stream.close()


class _Unpickler(pickle.Unpickler):
    """Plain data only: lists, tuples, strings, numbers, and the datetime types."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in _DATETIME:
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed from a sandboxed child")

"""Caps a process puts on itself before it touches untrusted input: memory and CPU time.

Linux and other POSIX systems: `setrlimit` (address space, CPU seconds, no core file). Windows: a
job object holding just this process, with a per-process memory and user-time limit, and the
error dialog of a crash switched off so that a crash ends the process at once instead of waiting
for a click nobody will give. Only the standard library is used: this runs in a fresh, small
interpreter (the sandboxed reader) where every import costs start-up time.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

_JOB: list[object] = []  # the job handle stays open for the life of the process


def limit_this_process(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap this process's memory and CPU time; the operating system ends it beyond them."""
    if sys.platform == "win32":
        _limit_windows(memory_bytes, cpu_seconds)
        return
    import resource

    for which, value in (
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_CORE, 0),
    ):
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        # macOS refuses RLIMIT_AS: the time limits still hold there.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, (value, hard))


def _limit_windows(memory_bytes: int, cpu_seconds: int) -> None:
    import ctypes

    extended_limit_information = 9
    limit_process_time = 0x0002
    limit_active_process = 0x0008
    limit_process_memory = 0x0100
    limit_die_on_unhandled_exception = 0x0400
    kernel32 = _kernel32()
    kernel32.SetErrorMode(0x0001 | 0x0002)  # no "stopped working" dialog, no drive prompts
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        raise OSError(ctypes.get_last_error(), "CreateJobObjectW")  # type: ignore[attr-defined]
    limits = _extended_limits_type()()
    basic = limits.BasicLimitInformation
    basic.LimitFlags = (
        limit_process_time
        | limit_active_process
        | limit_process_memory
        | limit_die_on_unhandled_exception
    )
    basic.PerProcessUserTimeLimit = cpu_seconds * 10_000_000  # in 100-nanosecond ticks
    basic.ActiveProcessLimit = 1  # the reader starts no processes of its own
    limits.ProcessMemoryLimit = memory_bytes
    if not kernel32.SetInformationJobObject(
        job, extended_limit_information, ctypes.byref(limits), ctypes.sizeof(limits)
    ):
        raise OSError(ctypes.get_last_error(), "SetInformationJobObject")  # type: ignore[attr-defined]
    # Windows 8 and later allow a process already in a job (a terminal's, an IDE's) to join
    # another: the limits of both apply.
    if not kernel32.AssignProcessToJobObject(job, kernel32.GetCurrentProcess()):
        raise OSError(ctypes.get_last_error(), "AssignProcessToJobObject")  # type: ignore[attr-defined]
    _JOB.append(job)


def _kernel32() -> Any:
    """kernel32 with the job-object functions' argument and result types declared."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = (wintypes.LPVOID, wintypes.LPCWSTR)
    kernel32.SetInformationJobObject.restype = wintypes.BOOL
    kernel32.SetInformationJobObject.argtypes = (
        wintypes.HANDLE,
        ctypes.c_int,
        wintypes.LPVOID,
        wintypes.DWORD,
    )
    kernel32.AssignProcessToJobObject.restype = wintypes.BOOL
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    return kernel32


def _extended_limits_type() -> Any:
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION as a ctypes structure (made only on Windows)."""
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (field, ctypes.c_uint64)
            for field in ("Reads", "Writes", "Others", "ReadBytes", "WriteBytes", "OtherBytes")
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", BasicLimits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    return ExtendedLimits

"""Limits for a process that runs a query from a user: no network, a memory cap, a CPU backstop.

A query from a user runs in a child process (forked from a process that holds
the graph), and the child is confined before it evaluates anything:

- **No network.** A seccomp filter makes ``socket()`` fail for every family
  but ``AF_UNIX`` (and refuses ``io_uring``, which can open sockets without
  that call). Whatever a parser thinks a query says, the engine cannot reach
  another host: a SERVICE clause that got past every check fails with
  "permission denied" instead of fetching. Linux on x86-64 and arm64; elsewhere
  :func:`deny_network` returns False and the checks on the parsed query are
  the only guard.
- **Memory.** The address space may grow by ``max_memory`` bytes beyond what
  the process held when it was forked (``RLIMIT_AS``); a query that needs
  more fails to allocate and the child ends.
- **CPU.** ``RLIMIT_CPU`` a few seconds past the time limit, should the parent
  be gone and unable to stop the child itself.
- **Quiet.** The child's standard error goes to ``/dev/null``: the engine's
  own report of a failed allocation (a Rust backtrace) is no message for a
  user; the parent says what happened.

>>> default_max_memory() > 100 * MB
True
"""
from __future__ import annotations

import ctypes
import faulthandler
import os
import platform
import resource
import struct

MB = 1024 * 1024

#: (AUDIT_ARCH value, socket(), io_uring_setup(), seccomp()) by machine.
_ARCH = {
    "x86_64": (0xC000003E, 41, 425, 317),
    "aarch64": (0xC00000B7, 198, 425, 277),
}
_SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_SPEC_ALLOW = 1, 4
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_EACCES, _EPERM, _AF_UNIX = 13, 1, 1
_LD_ABS, _JEQ, _RET = 0x20, 0x15, 0x06


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def _filter(arch: int, nr_socket: int, nr_io_uring: int) -> bytes:
    """A classic-BPF seccomp program: deny socket() but for AF_UNIX, deny io_uring, allow the rest."""
    return b"".join([
        _insn(_LD_ABS, 0, 0, 4),                  # 0: the calling convention
        _insn(_JEQ, 1, 0, arch),                  # 1: ours → 3
        _insn(_RET, 0, 0, _ERRNO | _EPERM),       # 2: another ABI (e.g. 32-bit calls): refuse
        _insn(_LD_ABS, 0, 0, 0),                  # 3: the system call number
        _insn(_JEQ, 0, 4, nr_socket),             # 4: socket() → 5, else → 9
        _insn(_LD_ABS, 0, 0, 16),                 # 5: its first argument, the address family
        _insn(_JEQ, 0, 1, _AF_UNIX),              # 6: AF_UNIX → 7, else → 8
        _insn(_RET, 0, 0, _ALLOW),                # 7
        _insn(_RET, 0, 0, _ERRNO | _EACCES),      # 8: a network socket: "permission denied"
        _insn(_JEQ, 0, 1, nr_io_uring),           # 9: io_uring_setup() → 10, else → 11
        _insn(_RET, 0, 0, _ERRNO | _EPERM),       # 10
        _insn(_RET, 0, 0, _ALLOW),                # 11
    ])


class _Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def network_can_be_denied() -> bool:
    """True where :func:`deny_network` works (Linux on x86-64 or arm64)."""
    return platform.system() == "Linux" and platform.machine() in _ARCH


def deny_network() -> bool:
    """Forbid this process, and every thread it starts later, to open network sockets.

    Irreversible; meant for a child process that is about to run a query.
    Returns False where the platform has no such filter (nothing changes then).
    """
    if not network_can_be_denied():
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    arch, nr_socket, nr_io_uring, nr_seccomp = _ARCH[platform.machine()]
    program = _filter(arch, nr_socket, nr_io_uring)
    buf = ctypes.create_string_buffer(program, len(program))
    prog = _Prog(len(program) // 8, ctypes.addressof(buf))
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    # SPEC_ALLOW: the kernel would otherwise turn on its speculative-store-bypass mitigation for a
    # filtered process, which made queries a third slower; it guards against reading this process's
    # own memory by side channels, which is not what this filter is for.
    if libc.syscall(nr_seccomp, _SECCOMP_SET_MODE_FILTER, _SECCOMP_FILTER_FLAG_SPEC_ALLOW, ctypes.byref(prog)) == 0:
        return True
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0


def address_space() -> int:
    """Bytes of address space this process holds now (Linux; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(max_memory: int) -> None:
    """Let this process's address space grow by at most ``max_memory`` bytes from now on."""
    held = address_space()
    if not held:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = held + max_memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def limit_cpu(seconds: float | None) -> None:
    """End this process (SIGXCPU) once it has used ``seconds`` of CPU time, rounded up (``None``: no limit
    but the hard one, for a process that ran a query with a limit and now runs one without)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = hard if seconds is None else int(seconds) + 1
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def cpu_time() -> float:
    """Seconds of CPU time this process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def physical_memory() -> int:
    """Bytes of RAM on this machine (0 where unknown)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def default_max_memory(share: float = 0.25) -> int:
    """The memory one query may use unless told otherwise: ``share`` of the RAM, at least 256 MB."""
    return max(int(physical_memory() * share), 256 * MB)


def confine(max_memory: int | None, cpu_seconds: float | None, network: bool) -> None:
    """Apply the limits to this (child) process: memory, CPU time, and no network unless ``network``."""
    faulthandler.disable()  # it writes to a copy of stderr of its own
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    if max_memory:
        limit_memory(max_memory)
    if cpu_seconds:
        limit_cpu(cpu_seconds)
    if not network:
        deny_network()

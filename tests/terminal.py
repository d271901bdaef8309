"""Run a command with one of its streams on a real pseudo-terminal, as a user at a terminal would."""
from __future__ import annotations

import os
import pty
import subprocess


def on_terminal(cmd: list[str], stream: str = "stdout", **popen) -> tuple[int, bytes, bytes]:
    """Run ``cmd`` with ``stream`` (``stdout`` or ``stderr``) on a pseudo-terminal and the other piped.

    Returns the exit code, what the terminal showed, and what went to the pipe.
    """
    master, slave = pty.openpty()
    other = "stderr" if stream == "stdout" else "stdout"
    proc = subprocess.Popen(cmd, **{stream: slave, other: subprocess.PIPE}, **popen)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, err = proc.communicate(timeout=120)
    os.close(master)
    return proc.returncode, seen, out if stream == "stderr" else err

#!/usr/bin/env python3
"""`make serve`: the preview (`mkdocs serve`) on port PORT, or on the next free port when PORT is
in use, with the address printed first; Ctrl-C stops it, however it was started.

Usage: python hooks/serve.py [PORT]   (default 8000)
"""

from __future__ import annotations

import os
import signal
import socket
import sys

HOST = "127.0.0.1"
DEFAULT = 8000
TRIES = 100  # ports looked at, from PORT up


def free_port(start: int, host: str = HOST) -> int | None:
    """The first port from ``start`` that nothing listens on (nor holds) at ``host``; None if none of
    the next TRIES is."""
    for port in range(start, min(start + TRIES, 65536)):
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    return None


def main(argv: list[str]) -> int:
    wanted = argv[0] if argv else str(DEFAULT)
    if not wanted.isascii() or not wanted.isdigit() or not 1 <= int(wanted) <= 65535:
        print(f"make serve: PORT={wanted} is not a port number (1 to 65535): for example, make serve PORT=8001",
              file=sys.stderr)
        return 2
    port = free_port(int(wanted))
    if port is None:
        print(f"make serve: ports {wanted} to {min(int(wanted) + TRIES, 65536) - 1} are all in use: "
              "choose another, for example make serve PORT=9000", file=sys.stderr)
        return 1
    busy = "" if port == int(wanted) else f" (port {wanted} is in use)"
    print(f"Serving the guide at http://{HOST}:{port}/{busy}; Ctrl-C stops it", flush=True)
    # A shell without job control (`make serve &`, an editor's task runner) starts a command with
    # SIGINT ignored, which exec keeps: Python would never raise KeyboardInterrupt, on which MkDocs'
    # server stops, so Ctrl-C would not stop it. The default, kept through exec, lets Python install it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}"])
    return 0  # not reached: mkdocs serve takes over the process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The sandboxed reader's process: cap itself, check and read one workbook, send its frames.

    <python> -I -S -B -c <boot> … app.exchange.reader_child FILE MEMORY SECONDS

Started by `app.exchange.reading` through `app.infra.sandbox`; never imported by the window.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Read the file named in `argv` and write its frames to stdout; 0 unless killed."""
    from app.infra.frames import claim_stdout, send_frame
    from app.infra.process_limits import limit_this_process

    out = claim_stdout()
    path, memory, seconds = Path(argv[0]), int(argv[1]), int(argv[2])
    try:
        limit_this_process(memory, seconds)
    except OSError as exc:  # the wall-clock limit of the parent still holds
        print(f"process limits not applied: {exc}", file=sys.stderr)
    from app.infra.errors import UserError

    try:
        from app.exchange.workbook_frames import workbook_frames

        for frame in workbook_frames(path):
            send_frame(out, frame)
    except BrokenPipeError:  # the parent stopped listening (it had what it needed)
        return 0
    except UserError as exc:
        send_frame(out, ("refused", exc.message))
    except MemoryError:
        print("MemoryError", file=sys.stderr)
        return 3
    except BaseException as exc:
        send_frame(out, ("failed", f"{type(exc).__name__}: {exc}"[:300]))
    return 0

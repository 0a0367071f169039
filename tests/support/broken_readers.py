"""Readers that misbehave on purpose, run in the sandbox in place of the real one (tests only).

abort        os.abort() before anything is sent, as a reader killed by its input would
abort_sheet  announces the workbook and its first sheet, then aborts inside it
hang         never answers (the wall-clock limit must end it)
hog          allocates far beyond its memory cap
unchecked    python-calamine on the file with no check at all (a real reader, really dying)
"""

from __future__ import annotations

import os
import sys
import time


def main(argv: list[str]) -> int:
    """Misbehave as the environment variable GONGJIAN_BROKEN_READER says."""
    from app.infra.frames import claim_stdout, send_frame
    from app.infra.process_limits import limit_this_process

    out = claim_stdout()
    limit_this_process(int(argv[1]), int(argv[2]))
    how = os.environ.get("GONGJIAN_BROKEN_READER", "abort")
    if how == "abort":
        os.abort()
    if how == "abort_sheet":
        send_frame(out, ("book", "xlsx", ["附表3"]))
        send_frame(out, ("reading", "附表3"))
        os.abort()
    if how == "hang":
        while True:
            time.sleep(1)
    if how == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    if how == "unchecked":
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(argv[0])
        send_frame(out, ("book", "xlsx", book.sheet_names))
        for name in book.sheet_names:
            send_frame(out, ("reading", name))
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            send_frame(out, ("sheet", name, False, rows))
        send_frame(out, ("end",))
        return 0
    print(f"unknown misbehaviour {how}", file=sys.stderr)
    return 2

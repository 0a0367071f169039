"""The child's side of the sandbox's channel: one frame is an 8-byte length and a pickle.

Kept apart from `sandbox` so the child imports nothing but `pickle` and `struct` for it.
"""

from __future__ import annotations

import pickle
import struct

TYPE_CHECKING = False  # the sandboxed reader does not import typing
if TYPE_CHECKING:
    from typing import IO, Any


def send_frame(out: IO[bytes], frame: Any) -> None:
    """Write one frame and flush it, so the parent can start on it at once."""
    data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(struct.pack("<Q", len(data)))
    out.write(data)
    out.flush()


def claim_stdout() -> IO[bytes]:
    """The frames' channel (the original stdout); anything else printed goes to stderr."""
    import os
    import sys

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return out

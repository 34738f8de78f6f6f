"""iter_records streams: it reads ahead a bounded amount, whatever the size."""

from __future__ import annotations

import gc
import io

import jibing
from conftest import FIXTURE


class Counting(io.RawIOBase):
    """A binary stream of `copies` copies of a record that counts what is read."""

    def __init__(self, record: bytes, copies: int) -> None:
        self.record = record
        self.left = copies
        self.pending = b""
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "bytearray | memoryview") -> int:  # type: ignore[override]
        while len(self.pending) < len(buffer) and self.left:
            self.pending += self.record + b"\n"
            self.left -= 1
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        self.read_bytes += n
        return n


def test_streaming_holds_a_bounded_number_of_records() -> None:
    record = FIXTURE.read_bytes()
    copies = 3000  # about 20 MB
    source = Counting(record, copies)
    seen = 0
    for data in jibing.iter_records(source):
        seen += 1
        # What was read ahead of the records handed out stays below the
        # reader's buffer (256 KiB) plus a record, however far we are.
        ahead = source.read_bytes - seen * (len(record) + 1)
        assert ahead <= (256 << 10) + 2 * len(record), (seen, ahead)
        if seen % 1000 == 0:
            # The records handed out before are gone: nothing holds them.
            alive = sum(1 for o in gc.get_objects() if isinstance(o, dict) and "extra" in o)
            assert alive <= 2, alive
        del data
    assert seen == copies

"""Recognition rate of the header corpus (tests/fixtures/headers): per table and per column.

    python bench/header_recognition.py [--misses]

Each entry is built into a workbook (title, unit line, header rows with merges, example rows),
read with python-calamine and laid out by the importer; a column is recognised when it is read
as the concept the corpus expects (for `new:` concepts, as the decision in
tests/support/header_corpus.py says). Goal: 100 %; every miss is a bug with a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.header_corpus import entries, evaluate


def main() -> None:
    """Print the rates."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every column missed")
    args = parser.parse_args()
    began = time.perf_counter()
    columns = recognised = tables = whole = 0
    for path in entries():
        results = evaluate(path)
        hits = sum(r.ok for r in results)
        columns += len(results)
        recognised += hits
        tables += 1
        whole += hits == len(results)
        rate = hits / len(results) if results else 1.0
        print(f"{path.stem[:52]:52} {hits:3}/{len(results):<3} {rate:7.1%}")
        if args.misses:
            for r in results:
                if not r.ok:
                    print(
                        f"    {r.index:3} {r.header}: 应为 {r.expected}，读作 {r.read}（{r.why}）"
                    )
    elapsed = time.perf_counter() - began
    print(f"columns recognised: {recognised}/{columns} = {recognised / columns:.1%}")
    print(f"tables read whole:  {whole}/{tables} = {whole / tables:.1%}")
    print(f"({elapsed:.1f} s, workbooks built and read included)")


if __name__ == "__main__":
    main()

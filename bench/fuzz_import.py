"""Fuzz the file checks and the sandboxed reader with mutated workbooks (.xlsx and .xls).

    python bench/fuzz_import.py [--minutes 30] [--out bench/out/fuzz]

atheris (libFuzzer) drives it, with a mutator that knows the formats: an .xlsx is unpacked, one
part's XML is mutated (libFuzzer's byte mutations, or a hostile snippet spliced in), and packed
again (sometimes with odd zip flags or methods); an .xls gets byte mutations or interesting
32-bit values written into its header, sector tables, directory or BIFF records. Seeds: honest
books written by openpyxl and xlsxwriter, the office-suite fixtures, and the crafted set of
tests/support/hostile_books.py.

Each case: `check_file` in this process (must take under 5 s), then — if the check passed — the
sandboxed `read_workbook`. Findings, each saved under --out with a line in findings.txt:
  crash    anything but a UserError from either (a bug of ours), or a message without the name;
  escape   the check passed but the sandbox had to stop the reader (it aborted, ran out of
           memory or time): a kind of file the checks should refuse, with its sheet named;
  slow     a check or a refusal that took 5 s or more.
Figures (cases, findings, slowest case, largest memory) go to stdout and stats.json.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import atheris  # noqa: E402 - after the path is set

with atheris.instrument_imports():
    from app.exchange.file_check import check_file
    from app.exchange.xls_check import check_xls  # noqa: F401 - instrumented for coverage
    from app.exchange.xlsx_check import check_xlsx  # noqa: F401
    from app.exchange.xml_scan import PartScan  # noqa: F401
from app.exchange.reading import read_workbook  # noqa: E402
from app.infra.errors import UserError  # noqa: E402
from tests.support.hostile_books import NS, hostile_xls, hostile_xlsx, sheet_xml, xlsx  # noqa: E402

SNIPPETS = [
    b'<row r="1048576">',
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="AAAAAAA1"/>',
    b"<row>",
    b"<c>",
    b'<c r="A1" r="ZZ9">',
    b"<x:row xmlns:x='" + NS.encode() + b"'>",
    b'count="2147483647"',
    b'uniqueCount="4294967295"',
    b'<dimension ref="A1:XFD1048576"/>',
    b"<!DOCTYPE x [<!ENTITY e 'ee'>]>",
    b"<a>" * 200,
    b"</a>",
    b"<![CDATA[<row>]]>",
    b"<!-- <c r='XFD1'> -->",
    b'<sheet name="s" sheetId="9" r:id="rId1"/>',
    b"&#0;",
    b"\x00",
    b'<c r="A99999999999"/>',
    b"<c r='a1'/>",
    b'<c r = "IV1"/>',
    b'<f t="shared" ref="A1:XFD1048576" si="0">A1</f>',
    b'<mergeCell ref="A1:XFD1048576"/>',
    b"<v>-1e300</v>",
    b'<c r="A1" t="d"><v>9999-99-99</v></c>',
    b'<c r="A1" t="s"><v>4294967295</v></c>',
]
INTERESTING = [0, 1, 0x7F, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFA, 0xFFFFFFFE, 0xFFFFFFFF]


class Stats:
    """What the run has seen so far."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.cases = 0
        self.refused = 0
        self.read = 0
        self.findings: dict[str, int] = {"crash": 0, "escape": 0, "slow": 0}
        self.slowest = (0.0, "")
        self.began = time.time()
        self._last_saved = 0.0

    def note(self, seconds: float, what: str) -> None:
        if seconds > self.slowest[0]:
            self.slowest = (seconds, what)

    def save(self, force: bool = False) -> None:
        if not force and time.time() - self._last_saved < 30:
            return
        self._last_saved = time.time()
        figures = {
            "minutes": round((time.time() - self.began) / 60, 1),
            "cases": self.cases,
            "refused_by_checks": self.refused,
            "read": self.read,
            "findings": self.findings,
            "slowest_seconds": round(self.slowest[0], 2),
            "slowest_case": self.slowest[1],
            "fuzzer_max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "reader_max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        }
        (self.out / "stats.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1))
        print(json.dumps(figures, ensure_ascii=False), flush=True)


STATS: Stats
WORK = Path(tempfile.mkdtemp(prefix="gongjian-fuzz-"))


def test_one(data: bytes) -> None:
    """One case: the checks, then (if they pass) the sandboxed reader."""
    STATS.cases += 1
    suffix = ".xls" if data[:4] == b"\xd0\xcf\x11\xe0" else ".xlsx"
    if STATS.cases % 7 == 0:
        suffix = ".xlsx" if suffix == ".xls" else ".xls"  # the name must not matter
    path = WORK / f"案例{suffix}"
    path.write_bytes(data)
    began = time.perf_counter()
    try:
        check_file(path)
    except UserError as exc:
        seconds = time.perf_counter() - began
        STATS.refused += 1
        STATS.note(seconds, "check refused")
        _expect_named(data, exc, "check")
        if seconds >= 5:
            _finding("slow", data, f"check took {seconds:.1f} s: {exc.message}")
        STATS.save()
        return
    except Exception as exc:
        _finding("crash", data, f"check raised {type(exc).__name__}: {exc}")
        return
    seconds = time.perf_counter() - began
    if seconds >= 5:
        _finding("slow", data, f"check passed after {seconds:.1f} s")
    began = time.perf_counter()
    try:
        read_workbook(path)
        STATS.read += 1
    except UserError as exc:
        _expect_named(data, exc, "read")
        if exc.detail and exc.detail.split(":")[0] in ("timeout", "memory", "crash", "protocol"):
            _finding("escape", data, f"{exc.detail[:200]} | {exc.message}")
    except Exception as exc:
        _finding("crash", data, f"read raised {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - began
    STATS.note(seconds, "sandboxed read")
    STATS.save()


def _expect_named(data: bytes, exc: UserError, stage: str) -> None:
    if "案例" not in exc.message:
        _finding("crash", data, f"{stage} message without the file name: {exc.message}")


def _finding(kind: str, data: bytes, text: str) -> None:
    STATS.findings[kind] += 1
    digest = hashlib.sha1(data).hexdigest()[:12]
    suffix = ".xls" if data[:4] == b"\xd0\xcf\x11\xe0" else ".xlsx"
    (STATS.out / f"{kind}-{digest}{suffix}").write_bytes(data)
    with (STATS.out / "findings.txt").open("a", encoding="utf-8") as log:
        log.write(f"{kind}-{digest}{suffix}\t{text}\n")
    print(f"FINDING {kind} {digest}: {text[:300]}", flush=True)


# ----- the mutator ----------------------------------------------------------------------------
def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    """A format-aware mutation of `data`."""
    chance = random.Random(seed)
    if data[:2] == b"PK":
        try:
            return _mutate_xlsx(data, chance, max_size)
        except Exception:
            pass
    if data[:4] == b"\xd0\xcf\x11\xe0" and chance.random() < 0.6:
        return _mutate_ole(data, chance)
    return atheris.Mutate(data, max_size)


def _mutate_xlsx(data: bytes, chance: random.Random, max_size: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    names = sorted(parts)
    favoured = [
        n for n in names if n.startswith(("xl/worksheets/", "xl/sharedStrings", "xl/workbook"))
    ]
    name = chance.choice(favoured or names)
    roll = chance.random()
    if roll < 0.45:
        parts[name] = atheris.Mutate(parts[name], max(len(parts[name]) * 2, 256))
    elif roll < 0.8:
        body = parts[name]
        at = chance.randrange(len(body) + 1)
        parts[name] = body[:at] + chance.choice(SNIPPETS) * chance.choice((1, 1, 3, 50)) + body[at:]
    elif roll < 0.88:
        parts[f"xl/worksheets/sheet{chance.randrange(2, 9)}.xml"] = parts[name]
    elif roll < 0.92:
        del parts[name]
    method = zipfile.ZIP_STORED if chance.random() < 0.1 else zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for part, body in parts.items():
            archive.writestr(part, body)
    packed = buffer.getvalue()
    if chance.random() < 0.05:
        packed = _odd_zip(packed, chance)
    return packed[:max_size]


def _odd_zip(data: bytes, chance: random.Random) -> bytes:
    """An entry's flags, method or sizes changed in its local or central header."""
    out = bytearray(data)
    signature, fields = chance.choice(
        [(b"PK\x03\x04", (6, 8, 18, 22)), (b"PK\x01\x02", (8, 10, 20, 24, 42))]
    )
    at = out.find(signature)
    if at >= 0:
        field = chance.choice(fields)
        width = 2 if field in (6, 8, 10) else 4
        value = chance.choice(INTERESTING) & (0xFFFF if width == 2 else 0xFFFFFFFF)
        struct.pack_into("<H" if width == 2 else "<I", out, at + field, value)
    return bytes(out)


def _mutate_ole(data: bytes, chance: random.Random) -> bytes:
    """Interesting 32-bit or 16-bit values at 4-aligned places: header, tables, records."""
    out = bytearray(data)
    for _ in range(chance.choice((1, 1, 2, 4))):
        where = chance.random()
        if len(out) < 8:
            break
        if where < 0.3:
            offset = chance.randrange(24, min(512, len(out) - 4), 2)
        else:
            offset = chance.randrange(0, len(out) - 4, 2)
        value = chance.choice(INTERESTING)
        if chance.random() < 0.5:
            struct.pack_into("<H", out, offset, value & 0xFFFF)
        else:
            struct.pack_into("<I", out, offset, value & 0xFFFFFFFF)
    return bytes(out)


# ----- seeds ------------------------------------------------------------------------------------
def seeds(folder: Path) -> None:
    """Write the seed corpus into `folder`."""
    import openpyxl
    import xlsxwriter

    folder.mkdir(parents=True, exist_ok=True)
    headers = ["序号", "项目代码", "项目名称", "总投资（万元）", "计划开工时间", "责任单位"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附表3 重点项目清单"])
    sheet.append(headers)
    for i in range(1, 30):
        sheet.append([i, f"2022-1201-{i:04d}", f"项目{i}", 1000 + i, "2022-08-01", "区发改委"])
    book.create_sheet("说明")["A1"] = "说明文字"
    book.save(folder / "openpyxl.xlsx")
    with xlsxwriter.Workbook(str(folder / "xlsxwriter.xlsx")) as writer:
        sheet = writer.add_worksheet("附表1")
        for r, row in enumerate(
            [headers, *[[i, f"c{i}", f"项目{i}", i * 10, "2022-09-01", "局"] for i in range(20)]]
        ):
            sheet.write_row(r, 0, row)
    for fixture in (ROOT / "tests" / "fixtures" / "exchange").glob("*.xls*"):
        (folder / fixture.name).write_bytes(fixture.read_bytes())
    (folder / "tiny.xlsx").write_bytes(xlsx(sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>')))
    small = {
        k: v
        for k, v in hostile_xlsx().items()
        if k not in ("rows_without_attributes", "many_entries", "same_sheet_listed_many_times")
    }
    for name, build in small.items():
        (folder / f"hostile-{name}.xlsx").write_bytes(build())
    honest = (ROOT / "tests" / "fixtures" / "exchange" / "city_list_basic.xls").read_bytes()
    for name, build in hostile_xls(honest).items():
        (folder / f"hostile-{name}.xls").write_bytes(build())


def main() -> None:
    """Parse the options, write the seeds, fuzz for the given time, print the figures."""
    global STATS
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fuzz")
    parser.add_argument("--seed", type=int, default=1)
    args, rest = parser.parse_known_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = args.out / "corpus"
    seeds(corpus)
    STATS = Stats(args.out)
    import atexit

    atexit.register(STATS.save, True)
    libfuzzer = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={int(args.minutes * 60)}",
        f"-seed={args.seed}",
        "-max_len=2000000",
        "-rss_limit_mb=4096",
        "-timeout=120",
        "-print_final_stats=1",
        *rest,
    ]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    atheris.Setup(libfuzzer, test_one, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

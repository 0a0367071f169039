"""The parts of a zip archive (.xlsx), read without trusting what the archive says about itself.

The entry count comes from the end record before any directory is parsed; each part is inflated
here from its raw bytes, counting what really comes out, because the reader's zip library does
not stop at the declared size the way Python's `zipfile` does.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

TYPE_CHECKING = False  # the sandboxed reader does not import typing
if TYPE_CHECKING:
    from typing import BinaryIO

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_LOCAL = b"PK\x03\x04"
CHUNK = 1 << 20
_METHODS = {
    1: "Shrink",
    6: "Implode",
    9: "Deflate64",
    12: "BZIP2",
    14: "LZMA",
    93: "Zstandard",
    95: "XZ",
    98: "PPMd",
    99: "AES 加密",
}


class ArchiveRefused(Exception):
    """What is wrong with the archive, in Chinese, without the file's name."""


def entry_count(handle: BinaryIO, size: int) -> tuple[int, int]:
    """(entries, central directory bytes) from the end record, before anything else is read."""
    tail_size = min(size, 65536 + 22)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < 22:
        raise ArchiveRefused("不完整或已损坏（找不到压缩包目录，无法解压）")
    entries, directory_size = struct.unpack_from("<HI", tail, at + 10)
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        locator = tail.rfind(_ZIP64_LOCATOR, 0, at)
        if locator < 0:
            raise ArchiveRefused("不完整或已损坏（压缩包目录异常）")
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        if offset > size - 56:
            raise ArchiveRefused("不完整或已损坏（压缩包目录异常）")
        handle.seek(offset)
        record = handle.read(56)
        if not record.startswith(b"PK\x06\x06"):
            raise ArchiveRefused("不完整或已损坏（压缩包目录异常）")
        entries, directory_size = struct.unpack_from("<QQ", record, 32)
    return entries, directory_size


def refusal_of_entry(info: zipfile.ZipInfo) -> str | None:
    """Why a reader must not be given this entry (encrypted, an unusual method), or None."""
    if info.flag_bits & 0x41:  # traditional or strong encryption
        return "设置了打开密码（已加密）"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        method = _METHODS.get(info.compress_type, f"编号 {info.compress_type}")
        return f"使用了本程序不读取的压缩方式（{method}）"
    return None


def inflate(handle: BinaryIO, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """The entry's real content in chunks; ArchiveRefused once more than `limit` bytes come out
    or the local header disagrees with the directory."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or not header.startswith(_LOCAL):
        raise ArchiveRefused(f"已损坏（部件 {info.filename} 的位置不对）")
    flags, method = struct.unpack_from("<HH", header, 6)
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    if flags & 0x41:
        raise ArchiveRefused(f"部件 {info.filename} 设置了打开密码（已加密）")
    if method != info.compress_type:
        raise ArchiveRefused(f"已损坏（部件 {info.filename} 的压缩方式前后不一致）")
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    produced = 0
    inflater = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
    while left > 0:
        raw = handle.read(min(CHUNK, left))
        if not raw:
            raise ArchiveRefused(f"不完整（部件 {info.filename} 被截断）")
        left -= len(raw)
        pending = raw
        while pending:
            if inflater is None:
                out, pending = pending, b""
            else:
                try:
                    # Bounded output per call: a bomb never expands beyond one chunk at a time.
                    out = inflater.decompress(pending, CHUNK)
                except zlib.error as exc:
                    raise ArchiveRefused(f"已损坏（部件 {info.filename} 无法解压）") from exc
                pending = inflater.unconsumed_tail
            produced += len(out)
            if produced > limit:
                raise ArchiveRefused(f"部件 {info.filename} 解压后超过上限")
            if out:
                yield out
            if inflater is not None and inflater.eof:
                break
        if inflater is not None and inflater.eof:
            break
    if produced != info.file_size:
        raise ArchiveRefused(f"已损坏（部件 {info.filename} 解压后的大小与声明不符）")


def open_archive(path: Path) -> zipfile.ZipFile:
    """The archive's directory (call after `entry_count` has bounded it)."""
    return zipfile.ZipFile(path)

"""Gzip a cached page once, although each reader's copy carries its own CSRF token.

The page is cut at its tokens and every piece is deflated on its own, ending on a full flush
so that no piece refers back to another. Serving a copy then only deflates the token (a few
dozen bytes) and stitches the pieces into one ordinary gzip stream.
"""

import struct
import zlib

HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # gzip, deflate, no name, no mtime


def _deflate(data: bytes, final: bool) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH
    )


def compress_pieces(pieces: list[bytes]) -> list[bytes]:
    """Deflate each piece of a page separately; the last one closes the stream."""
    return [_deflate(piece, final=i == len(pieces) - 1) for i, piece in enumerate(pieces)]


def assemble(pieces: list[bytes], deflated: list[bytes], token: bytes) -> bytes:
    """A gzip stream of pieces joined by `token`, from the pieces deflated beforehand."""
    token_deflated = _deflate(token, final=False)
    out, crc, size = [HEADER], 0, 0
    for i, (piece, piece_deflated) in enumerate(zip(pieces, deflated, strict=True)):
        if i:
            out.append(token_deflated)
            crc, size = zlib.crc32(token, crc), size + len(token)
        out.append(piece_deflated)
        crc, size = zlib.crc32(piece, crc), size + len(piece)
    out.append(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return b"".join(out)

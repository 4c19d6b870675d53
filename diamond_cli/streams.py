"""The standard streams as the CLI uses them: faults end in documented exit codes, never in a traceback.

- stdout: when the reader goes away (`| head`), further output vanishes quietly and the exit code
  stays what it would have been (a verdict's, a batch's); any other write failure (ENOSPC, EIO,
  EBADF, a closed descriptor) raises `OutputError`: one line, exit 74.
- stderr: a failure to write there is ignored; the exit code never depends on it.
- Human text is encoded for the terminal's locale with a replacement for what it cannot show;
  JSON is written to `sys.stdout.buffer` as UTF-8 whatever the locale.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

from diamond_cli.errors import OutputError

_STDOUT_NAME = "to standard output"


class _Descriptor(io.RawIOBase):
    """Writes to a file descriptor; `strict` turns failures into OutputError, else they are dropped."""

    def __init__(self, fd: int, strict: bool) -> None:
        super().__init__()
        self.fd = fd
        self.strict = strict
        self.reader_gone = False
        self.failed = False  # a failure was reported once: what is still buffered is dropped

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        try:
            return os.isatty(self.fd)
        except OSError:
            return False

    def write(self, data: object) -> int:
        assert isinstance(data, (bytes, bytearray, memoryview))
        size = len(data)
        if self.reader_gone or self.failed:
            return size
        try:
            return os.write(self.fd, data)
        except BrokenPipeError:
            self.reader_gone = True
        except OSError as exc:
            self.failed = True
            if self.strict:
                raise OutputError(_STDOUT_NAME, exc) from None
        return size


def _wrap(fd: int, strict: bool, current: object) -> io.TextIOWrapper:
    encoding = getattr(current, "encoding", None) or "utf-8"
    tty = _Descriptor(fd, strict).isatty()
    buffered = io.BufferedWriter(_Descriptor(fd, strict))
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", line_buffering=tty or not strict)


def install() -> None:
    """Put guarded streams in place of sys.stdout and sys.stderr (also when Python found them closed)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    sys.stdout = _wrap(1, True, sys.stdout)
    sys.stderr = _wrap(2, False, sys.stderr)


def reader_gone() -> bool:
    """Whether stdout's reader went away (a closed pipe): a batch stops reading then."""
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    return isinstance(raw, _Descriptor) and raw.reader_gone


def finish(code: int) -> int:
    """Flush stdout before exit: a failure found only now still ends in exit 74 with one line."""
    try:
        sys.stdout.flush()
    except OutputError as exc:
        sys.stderr.write(f"diamond: error: {exc}\n")
        return int(exc.exit_code)
    except (OSError, ValueError):
        pass
    return code


def write_utf8(text: str) -> None:
    """Machine output (JSON, YAML) as UTF-8 bytes whatever the locale: a script's parser expects it."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()

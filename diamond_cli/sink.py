"""Where a batch's results go: stdout, or `--output FILE`, written so that faults never leave a lie.

- A regular file (or a new path) is replaced atomically: results go to a temporary file beside it,
  renamed over it only when the batch completes; on an error, Ctrl-C, SIGTERM or SIGHUP the
  temporary file is removed and FILE keeps what it had.
- A symlink is followed: its target is what gets replaced, the link stays a link.
- A character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written to directly:
  replacing it would turn a device node into a regular file.
- The temporary file's name is fixed (`.FILE.diamond-tmp`) and locked while a run writes it, so a
  second run writing the same FILE is refused (exit 75) instead of both saying "written" and the
  last rename silently winning. A leftover of a killed run is taken over, not refused.
- A write that fails (a full disk, an I/O error) is an `OutputError` naming FILE: exit 74.

Every write is one chunk's whole results with Ctrl-C, SIGTERM and SIGHUP held back until it is
done, so an interrupt never leaves half a line behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
from pathlib import Path
from typing import IO

from diamond_cli.errors import OutputBusy, OutputError, UsageError
from diamond_cli.messages import text
from diamond_cli.streams import reader_gone

_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class signals_held:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done (their handlers run right after)."""

    def __enter__(self) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)

    def __exit__(self, *exc: object) -> None:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


class Sink:
    """stdout, or `--output` as the module's docstring says."""

    def __init__(self, path: Path | None, lang: str) -> None:
        self.path = path
        self.lang = lang
        self.target: Path | None = None  # the file replaced: `path`, or what its symlink points to
        self.tmp: Path | None = None
        self.out: IO[bytes] = sys.stdout.buffer
        self.owned: IO[bytes] | None = None  # the file this sink opened (and closes), if any

    @property
    def reader_gone(self) -> bool:
        """stdout's reader went away: nothing more can be delivered, the batch may stop."""
        return self.path is None and reader_gone()

    def open(self) -> None:
        """Find what `--output` names and get ready to write it; called inside the `try` whose
        `finally` calls `abort`, with signals held so that none falls between creating the
        temporary file and noting its name."""
        if self.path is None:
            return
        target = Path(os.path.realpath(self.path))
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as exc:
            raise self._unwritable(exc) from None
        if self.path.is_dir() or (mode is not None and stat.S_ISDIR(mode)):  # `--output .` or `''` too
            raise self._unwritable(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)))
        with signals_held():
            if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
                try:
                    self.out = self.owned = open(target, "wb")  # noqa: SIM115 - closed by commit or abort
                except OSError as exc:
                    raise self._unwritable(exc) from None
                return
            if mode is not None and not stat.S_ISREG(mode):
                raise self._unwritable(OSError(errno.EINVAL, text("batch.output.not_regular", self.lang)))
            self.target = target
            self.tmp = target.with_name(f".{target.name}.diamond-tmp")
            self.out = self.owned = self._locked(self.tmp)

    def _locked(self, tmp: Path) -> IO[bytes]:
        """The temporary file, opened and locked; refused when another run holds it."""
        import fcntl

        while True:
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError as exc:
                self.tmp = None
                raise self._unwritable(exc) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                self.tmp = None
                raise OutputBusy(text("batch.output.busy", self.lang, file=str(self.path))) from None
            try:
                same = os.stat(tmp).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a file that the run holding it renamed away meanwhile
                os.ftruncate(fd, 0)
                return os.fdopen(fd, "wb")
            os.close(fd)

    def _unwritable(self, exc: OSError) -> UsageError:
        reason = exc.strerror or str(exc)
        return UsageError(text("batch.usage.output", self.lang, file=str(self.path), reason=reason))

    def write(self, data: bytes) -> None:
        if not data:
            return
        with signals_held():
            try:
                self.out.write(data)
                self.out.flush()
            except OutputError:
                raise
            except OSError as exc:
                raise OutputError(str(self.path), exc) from None

    def commit(self) -> None:
        """The batch completed: the results become FILE (atomically, for a regular file)."""
        if self.path is None:
            return
        with signals_held():
            try:
                if self.tmp is None:  # a device or a FIFO, written directly
                    self.out.close()
                    return
                os.fsync(self.out.fileno())
                assert self.target is not None
                if self.target.exists():
                    os.chmod(self.tmp, self.target.stat().st_mode & 0o7777)
                else:
                    umask = os.umask(0)
                    os.umask(umask)
                    os.chmod(self.tmp, 0o666 & ~umask)
            except OSError as exc:
                raise OutputError(str(self.path), exc) from None
            try:
                os.replace(self.tmp, self.target)
            except OSError as exc:  # e.g. FILE became a directory meanwhile; abort() removes the temporary file
                raise self._unwritable(exc) from None
            self.tmp = None
            self.out.close()  # the lock goes with it, after the rename

    def abort(self) -> None:
        """Remove the temporary file of a batch that did not complete (a no-op after commit)."""
        with signals_held():
            if self.tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp)
                self.tmp = None
            if self.owned is not None:
                with contextlib.suppress(OSError):
                    self.owned.close()

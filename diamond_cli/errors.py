"""Error types and the exit codes scripts depend on (CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes; README's table is tested against this enum."""

    OK = 0
    NOT_ELIGIBLE = 1
    USAGE = 2
    INVALID_INPUT = 3
    REVIEW = 4
    INCOMPLETE = 5
    INTERNAL = 70
    IO_ERROR = 74  # sysexits' EX_IOERR: the output could not be written
    OUTPUT_BUSY = 75  # sysexits' EX_TEMPFAIL: another run is writing the same --output; try again
    HANGUP = 129  # SIGHUP: the terminal went away
    INTERRUPTED = 130
    TERMINATED = 143  # SIGTERM: a job scheduler stopped the run


class DiamondError(Exception):
    """Base of the errors a user can cause; each ends in one line and a documented exit code."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT


class InputError(DiamondError):
    """A seller record (or a flag) is invalid; `field` is its dotted path, when there is one.

    `nip` holds the offending NIP text of an invalid-NIP error. It is kept out of the message:
    a NIP can identify a person, so it is shown only where the `--nip show` mode allows
    (`revealing`), never by default.
    """

    def __init__(
        self,
        field: str | None,
        problem: str,
        *,
        nip: str | None = None,
        problems: Sequence[InputError] = (),
        missing: bool = False,
    ) -> None:
        self.field = field
        self.problem = problem
        self.nip = nip
        self.missing = missing  # a required field that was not given at all
        # Every problem of the input, this one first; `field` and `problem` are the first's.
        self.problems: tuple[InputError, ...] = tuple(problems) or (self,)
        super().__init__(f"{field}: {problem}" if field else problem)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled by its parts, not its one-line message: invalid records travel to worker processes."""
        return (InputError, (self.field, self.problem), {"nip": self.nip})

    def within(self, prefix: str) -> InputError:
        """The same error with its field nested under `prefix` (for nested values)."""
        inner = f"{prefix}.{self.field}" if self.field else prefix
        return InputError(inner, self.problem, nip=self.nip)

    def revealing(self, nip_mode: str) -> InputError:
        """The error as the privacy mode lets it be shown: the NIP quoted only under `show`."""
        if len(self.problems) > 1:
            shown = [problem.revealing(nip_mode) for problem in self.problems]
            return InputError(shown[0].field, shown[0].problem, problems=shown)
        if self.nip is None or nip_mode != "show":
            return self
        quoted = self.nip if len(self.nip) <= 40 else self.nip[:40] + "…"
        return InputError(self.field, f"{self.problem} ({quoted!r})", missing=self.missing)


class ThresholdsError(DiamondError):
    """The thresholds table is invalid; carries every problem found, each with its location.

    `located` holds the same problems in parts, `(line, column, text)` (line and column None when
    not known; text without the `file:line:column:` prefix), for formats that place them
    themselves, such as GitHub's annotations.
    """

    def __init__(
        self, source: str, problems: list[str], located: list[tuple[int | None, int | None, str]] | None = None
    ) -> None:
        self.source = source
        self.problems = problems
        self.located: list[tuple[int | None, int | None, str]] = (
            located if located is not None else [(None, None, problem) for problem in problems]
        )
        first = problems[0] if problems else "invalid"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class UsageError(DiamondError):
    """A command-line mistake the parser could not catch (e.g. a missing file)."""

    exit_code = ExitCode.USAGE


class MissingExtra(UsageError, ImportError):
    """An optional extra is not installed: a usage error on the command line (exit 2), an
    ImportError to a Python caller."""


class OutputError(DiamondError):
    """Results could not be written (a full disk, an I/O error, a closed descriptor): exit 74.

    Never exit 0 or 70: a script must know that the output it expects is not there.
    """

    exit_code = ExitCode.IO_ERROR

    def __init__(self, where: str, exc: OSError) -> None:
        self.where = where
        super().__init__(f"cannot write {where}: {exc.strerror or exc}")


class OutputBusy(DiamondError):
    """Another run holds the lock of the same `--output` file: exit 75, the file untouched."""

    exit_code = ExitCode.OUTPUT_BUSY

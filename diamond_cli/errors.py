"""Error types and the exit codes scripts depend on (CONTRACT.md)."""

from __future__ import annotations

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
    INTERRUPTED = 130


class DiamondError(Exception):
    """Base of the errors a user can cause; each ends in one line and a documented exit code."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT


class InputError(DiamondError):
    """A seller record (or a flag) is invalid; `field` is its dotted path, when there is one."""

    def __init__(self, field: str | None, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}" if field else problem)

    def within(self, prefix: str) -> InputError:
        """The same error with its field nested under `prefix` (for nested values)."""
        inner = f"{prefix}.{self.field}" if self.field else prefix
        return InputError(inner, self.problem)


class ThresholdsError(DiamondError):
    """The thresholds table is invalid; carries every problem found, each with its location."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0] if problems else "invalid"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class UsageError(DiamondError):
    """A command-line mistake the parser could not catch (e.g. a missing file)."""

    exit_code = ExitCode.USAGE

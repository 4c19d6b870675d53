"""The console script's entry point: the CLI's imports (about 100 ms) run inside the Ctrl-C guard.

An interrupt while typer and the CLI modules load would otherwise print a KeyboardInterrupt
traceback; here it ends like any later one: one line, exit 130. Only this tiny module, `errors`
and `streams` load before the guard. The standard streams are guarded first (see `streams`), so
a full disk, a closed pipe or an odd locale ends in a documented code whatever command runs.
"""

import sys

from diamond_cli import streams
from diamond_cli.errors import ExitCode


def main() -> None:
    """Console-script entry point (and `python -m diamond_cli`)."""
    streams.install()
    code: int = 0
    try:
        from diamond_cli.cli import app

        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("diamond: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    sys.exit(streams.finish(code))

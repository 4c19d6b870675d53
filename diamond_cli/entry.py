"""The console script's entry point: the CLI's imports (about 100 ms) run inside the Ctrl-C guard.

An interrupt while typer and the CLI modules load would otherwise print a KeyboardInterrupt
traceback; here it ends like any later one: one line, exit 130. Only this tiny module and
`errors` load before the guard.
"""

import sys

from diamond_cli.errors import ExitCode


def main() -> None:
    """Console-script entry point (and `python -m diamond_cli`)."""
    try:
        from diamond_cli.cli import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("diamond: interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))

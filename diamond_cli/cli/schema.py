"""`diamond schema`: the JSON Schema of a seller record or of a result."""

# No `from __future__ import annotations`: see common.py.

from enum import StrEnum
from typing import Annotated

import typer

from diamond_cli.cli.common import DebugOption, app, guarded
from diamond_cli.errors import ExitCode
from diamond_cli.streams import write_utf8


class SchemaName(StrEnum):
    input = "input"
    result = "result"


@app.command(
    "schema",
    epilog="Examples:\n\n"
    "  diamond schema input > seller.schema.json\n\n"
    "  diamond check seller.json --format json | check-jsonschema --schemafile <(diamond schema result) -",
)
def schema_command(
    which: Annotated[SchemaName, typer.Argument(help="input: a seller record; result: a check/batch result.")],
    debug: DebugOption = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a seller record or of a result."""

    def body() -> int:
        import json

        from diamond_cli.schema import SCHEMAS

        write_utf8(json.dumps(SCHEMAS[which.value](), indent=2, ensure_ascii=False) + "\n")
        return int(ExitCode.OK)

    guarded(body, debug=debug)

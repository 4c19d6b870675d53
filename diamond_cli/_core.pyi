"""Type stubs of the native core's binding (binding/src/lib.rs)."""

from collections.abc import Iterator
from typing import Any

__version__: str

class InputError(Exception):
    """args: (field, problem, nip)."""

class BreakOff(Exception):
    """args: (message,)."""

class CoreError(Exception): ...

class Engine:
    def __init__(self, spec: dict[str, Any]) -> None: ...
    def verdict(self, record: object, lang: str) -> tuple[str, str, list[str], str | None, list[tuple[Any, ...]]]: ...
    def result_json(
        self, record: object, lang: str, nip_mode: str, nip_key: bytes | None = None, indent: int | None = None
    ) -> bytes: ...
    def text(self, key: str, lang: str, params: dict[str, object]) -> str | None: ...

class Batch:
    format: str
    bytes_read: int
    def __init__(
        self,
        engine: Engine,
        file: str,
        input_format: str | None,
        output: str,
        lang: str,
        nip_mode: str,
        nip_key: bytes | None = None,
        chunk_records: int = 1000,
        max_record_bytes: int = 1048576,
        stdin: object | None = None,
        enrich: object | None = None,
        group_by_nip: bool = False,
        jobs: int = 0,
    ) -> None: ...
    def __iter__(self) -> Iterator[tuple[bytes, tuple[Any, ...]]]: ...
    def __next__(self) -> tuple[bytes, tuple[Any, ...]]: ...

def catalogue_keys() -> list[str]: ...
def csv_header() -> bytes: ...

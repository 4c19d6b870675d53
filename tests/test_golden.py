"""The installed `diamond` still prints, byte for byte, what tests/golden/manifest.json recorded.

Each run of the manifest (batch in every output mode, language and `--nip` mode, the CSV input,
`check` of the examples) is repeated as a real subprocess with the same arguments and the same
environment, and its stdout, stderr and exit code are compared with what `tests/golden/make.py`
stored. A deliberate change of the output is recorded by running make.py again.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
MANIFEST: dict[str, Any] = json.loads((GOLDEN / "manifest.json").read_text(encoding="utf-8"))
RUNS: list[dict[str, Any]] = MANIFEST["runs"]
SHOWN = 300  # characters of a differing line shown on each side
REGENERATE = "if the change is deliberate, record it with `python tests/golden/make.py` and review the diff"


def diamond() -> str:
    beside = Path(sys.executable).with_name("diamond")
    if not beside.exists():
        pytest.fail(f"no `diamond` beside {sys.executable}: pip install -e '.[test]'")
    return str(beside)


def environment() -> dict[str, str]:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "TMPDIR", "SYSTEMROOT") if k in os.environ}
    env.update(MANIFEST["env"])
    return env


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stored inputs, decompressed under the names the runs give them."""
    where = tmp_path_factory.mktemp("golden-inputs")
    for name, spec in MANIFEST["inputs"].items():
        data = gzip.decompress((GOLDEN / spec["stored"]).read_bytes())
        assert len(data) == spec["bytes"], f"{spec['stored']} does not match the manifest: regenerate both"
        (where / name).write_bytes(data)
    return where


def _window(line: bytes, column: int) -> str:
    """About SHOWN characters of `line` around `column`, marked where cut."""
    start = max(0, column - SHOWN // 3)
    text = line[start : start + SHOWN].removesuffix(b"\n").decode("utf-8", "backslashreplace")
    return ("…" if start else "") + text + ("…" if start + SHOWN < len(line) else "")


def _lines(data: bytes) -> list[bytes]:
    """The lines of `data`, each with its newline (a last line without one is still a line)."""
    parts = data.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def first_difference(expected: bytes, actual: bytes) -> str:
    """Where two outputs part: the first differing line's number and both lines, truncated."""
    old, new = _lines(expected), _lines(actual)
    for number, (a, b) in enumerate(zip(old, new, strict=False), 1):
        if a != b:
            column = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            return (
                f"line {number} differs first (at byte {column + 1} of the line)\n"
                f"  expected: {_window(a, column)}\n"
                f"  actual:   {_window(b, column)}"
            )
    if len(old) == len(new):
        return "the outputs are identical"
    shorter, longer, which = (new, old, "expected") if len(new) < len(old) else (old, new, "actual")
    return (
        f"the outputs agree for {len(shorter)} lines, then only the {which} one goes on "
        f"({len(old)} lines expected, {len(new)} printed); its next line: {_window(longer[len(shorter)], 0)}"
    )


@pytest.mark.parametrize("spec", RUNS, ids=[spec["name"] for spec in RUNS])
def test_output_is_unchanged(spec: dict[str, Any], inputs: Path) -> None:
    cwd = inputs if spec["cwd"] == "inputs" else ROOT
    done = subprocess.run(
        [diamond(), *spec["args"]], cwd=cwd, env=environment(), capture_output=True, timeout=300, check=False
    )
    expected = gzip.decompress((GOLDEN / spec["stdout"]).read_bytes())
    command = "diamond " + " ".join(spec["args"])
    if done.stdout != expected:
        pytest.fail(f"{command}: stdout changed; {first_difference(expected, done.stdout)}\n{REGENERATE}")
    stderr = done.stderr.decode("utf-8", "replace")
    assert stderr == spec["stderr"], f"{command}: stderr changed\n{REGENERATE}"
    assert done.returncode == spec["exit"], f"{command}: exit code {done.returncode}, not {spec['exit']}\n{REGENERATE}"


def test_manifest_covers_every_mode() -> None:
    """The golden runs keep covering each output format, language and NIP mode of batch."""
    batch = [spec["args"] for spec in RUNS if spec["args"][0] == "batch"]
    flags = {(args[i], args[i + 1]) for args in batch for i in range(len(args) - 1)}
    assert {("--format", "jsonl"), ("--format", "csv"), ("--lang", "en"), ("--lang", "pl")} <= flags
    assert {("--nip", "hash"), ("--nip", "show")} <= flags  # mask: batch's default
    assert any(args[1].endswith(".csv") for args in batch)
    assert all("--as-of" in spec["args"] for spec in RUNS)
    assert MANIFEST["inputs"]["records.jsonl"]["records"] >= 20_000
    assert any(spec["args"][0] == "check" for spec in RUNS)


def test_first_difference_names_the_line() -> None:
    message = first_difference(b"a\nb\nc\n", b"a\nB\nc\n")
    assert message.startswith("line 2 differs first")
    assert "expected: b" in message
    assert "actual:   B" in message
    assert "then only the actual one goes on" in first_difference(b"a\n", b"a\nb\n")
    assert "then only the expected one goes on" in first_difference(b"a\nb\n", b"a\n")
    assert first_difference(b"a\n", b"a\n") == "the outputs are identical"
    assert first_difference(b"a\n", b"a").startswith("line 1 differs first (at byte 2")  # the newline
    long = b"x" * 10_000
    assert len(first_difference(long + b"1", long + b"2")) < 1000

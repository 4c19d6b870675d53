"""Faults a real run meets, replayed on the installed command: each ends in its documented code.

Full disks, closed pipes and descriptors, odd encodings, `--output` that is a device, a FIFO, a
symlink or busy, signals, and an input that changes while it is read.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from diamond_cli.errors import ExitCode
from tests.conftest import record
from tests.test_subprocess import EXAMPLE, clean_env, diamond

AS_OF = ("--as-of", "2026-11-23")


def shell(script: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`script` in bash, `$D` being the installed command: for redirections a list of args cannot say."""
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        env=clean_env(D=diamond(), **env),
        timeout=120,
        check=False,
    )


@pytest.fixture
def not_eligible(tmp_path: Path) -> Path:
    path = tmp_path / "not-eligible.json"
    path.write_text(json.dumps(record(business_account=False)))
    return path


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    with path.open("w") as out:
        for i in range(6000):
            out.write(json.dumps(record(seller=f"s{i}")) + "\n")
    return path


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_a_full_disk_on_stdout_is_exit_74_with_one_line(fmt: str) -> None:
    done = shell(f'"$D" check {EXAMPLE} --format {fmt} >/dev/full')
    assert done.returncode == ExitCode.IO_ERROR
    assert done.stderr.decode().splitlines() == [
        "diamond: error: cannot write to standard output: No space left on device"
    ]


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_a_closed_stdout_is_exit_74_with_one_line(fmt: str) -> None:
    done = shell(f'"$D" check {EXAMPLE} --format {fmt} >&-')
    assert done.returncode == ExitCode.IO_ERROR
    assert done.stderr.decode().splitlines() == ["diamond: error: cannot write to standard output: Bad file descriptor"]


@pytest.mark.parametrize("fmt", ["human", "json"])
def test_a_reader_that_goes_away_keeps_the_verdicts_code_quietly(fmt: str, not_eligible: Path) -> None:
    done = shell(f'"$D" check {not_eligible} --format {fmt} | head -c0; exit ${{PIPESTATUS[0]}}')
    assert done.returncode == ExitCode.NOT_ELIGIBLE
    assert done.stderr == b""


@pytest.mark.parametrize("stderr", ["2>&-", "2>/dev/full"])
def test_a_broken_stderr_never_changes_the_code(stderr: str, not_eligible: Path) -> None:
    assert shell(f'"$D" check {not_eligible} {stderr} >/dev/null').returncode == ExitCode.NOT_ELIGIBLE
    bad = shell(f'"$D" check --quality nonsense {stderr} >/dev/null')
    assert bad.returncode == ExitCode.INVALID_INPUT


def test_a_batch_on_a_full_disk_is_exit_74(big: Path, tmp_path: Path) -> None:
    for target in (">/dev/full", "--output /dev/full"):
        done = shell(f'"$D" batch {big} {" ".join(AS_OF)} {target}')
        assert done.returncode == ExitCode.IO_ERROR
        assert done.stderr.decode().splitlines()[-1].startswith("diamond: error: cannot write ")
        assert "No space left on device" in done.stderr.decode()


def test_a_batch_whose_reader_goes_away_stops_quietly_with_its_code(big: Path) -> None:
    done = shell(f'"$D" batch {big} {" ".join(AS_OF)} | head -c0; exit ${{PIPESTATUS[0]}}')
    assert done.returncode == ExitCode.OK
    assert "error" not in done.stderr.decode()


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_any_encoding_of_the_terminal_never_crashes(encoding: str) -> None:
    human = shell(f'"$D" check {EXAMPLE} --lang pl', PYTHONIOENCODING=encoding)
    assert human.returncode == ExitCode.OK, human.stderr
    assert "Spe?nienie" in human.stdout.decode(encoding)  # ł cannot be shown: replaced, not a crash
    machine = shell(f'"$D" check {EXAMPLE} --lang pl --format json', PYTHONIOENCODING=encoding)
    assert machine.returncode == ExitCode.OK
    assert "Jakość sprzedaży" in json.loads(machine.stdout.decode("utf-8"))["checks"][2]["message"]


def test_output_to_a_fifo_is_written_directly(big: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "results.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read)
    reader.start()
    done = shell(f'"$D" batch {big} {" ".join(AS_OF)} --output {fifo}')
    reader.join(timeout=60)
    assert done.returncode == ExitCode.OK, done.stderr
    assert received[0].count(b"\n") == 6000
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.fifo"]


def test_output_through_a_symlink_replaces_its_target(big: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)
    done = shell(f'"$D" batch {big} {" ".join(AS_OF)} --output {link}')
    assert done.returncode == ExitCode.OK, done.stderr
    assert link.is_symlink()
    assert target.read_bytes().count(b"\n") == 6000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.jsonl", "real.jsonl"]


def test_a_second_run_writing_the_same_output_is_refused(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    tmp = tmp_path / ".out.jsonl.diamond-tmp"
    first, feed = _fed_batch("--output", str(out))
    half = big.read_bytes()[: big.stat().st_size // 2].rsplit(b"\n", 1)[0] + b"\n"
    try:
        feed(half)
        _wait_for(lambda: tmp.exists() and tmp.stat().st_size > 0)
        second = shell(f'"$D" batch {big} {" ".join(AS_OF)} --output {out}')
        assert second.returncode == ExitCode.OUTPUT_BUSY
        assert second.stderr.decode().splitlines() == [
            f"diamond: error: --output {out}: another diamond batch is writing it; try again when it has finished"
        ]
        feed(None)
        assert first.wait(timeout=120) == ExitCode.OK
    finally:
        _reap(first)
    assert out.read_bytes().count(b"\n") == half.count(b"\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_leftover_of_a_killed_run_is_taken_over(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    (tmp_path / ".out.jsonl.diamond-tmp").write_text("half a line")
    done = shell(f'"$D" batch {big} {" ".join(AS_OF)} --output {out}')
    assert done.returncode == ExitCode.OK, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGHUP, ExitCode.HANGUP), (signal.SIGTERM, ExitCode.TERMINATED)])
def test_a_hangup_or_a_terminate_leaves_output_as_it_was(
    big: Path, tmp_path: Path, signum: signal.Signals, code: ExitCode
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    tmp = tmp_path / ".out.jsonl.diamond-tmp"
    child, feed = _fed_batch("--output", str(out))
    try:
        feed(big.read_bytes()[:100_000].rsplit(b"\n", 1)[0] + b"\n")
        _wait_for(lambda: tmp.exists() and tmp.stat().st_size > 0)
        child.send_signal(signum)
        assert child.wait(timeout=60) == code
    finally:
        _reap(child)
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_an_input_truncated_while_it_is_read_is_exit_3(big: Path, tmp_path: Path) -> None:
    """The batch is held by a full stdout pipe nobody reads; the file is cut meanwhile."""
    source = tmp_path / "in.jsonl"
    source.write_bytes(big.read_bytes())
    child = subprocess.Popen(
        [diamond(), "batch", str(source), *AS_OF, "--chunk", "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        assert child.stdout is not None
        child.stdout.read(100)  # under way: its writes now wait for this reader
        os.truncate(source, source.stat().st_size // 2)
        out, err = child.communicate(timeout=120)
    finally:
        _reap(child)
    assert child.returncode == ExitCode.INVALID_INPUT
    assert f"diamond: error: {source} changed while it was read (size ".encode() in err
    assert out.count(b"\n") < 6000


def _fed_batch(*args: str) -> tuple[subprocess.Popen[bytes], Any]:
    """`diamond batch -` whose input the test writes when it likes: `feed(data)`, `feed(None)` ends it."""
    child = subprocess.Popen(
        [diamond(), "batch", "-", *AS_OF, "--chunk", "10", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )

    def feed(data: bytes | None) -> None:
        assert child.stdin is not None
        if data is None:
            child.stdin.close()
        else:
            child.stdin.write(data)
            child.stdin.flush()

    return child, feed


def _wait_for(condition: object, timeout: float = 60) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the batch did not get under way")
        time.sleep(0.01)


def _reap(child: subprocess.Popen[bytes]) -> None:
    """Whatever the test's outcome, the child is gone and its pipes closed when the test ends."""
    if child.poll() is None:
        child.kill()
    child.wait(timeout=30)
    for stream in (child.stdin, child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def test_a_record_over_the_size_limit_is_an_error_in_its_place(tmp_path: Path) -> None:
    """A huge line is refused where it stands and the batch goes on (that the reader never holds
    it whole is core/tests/io_limits.rs's to show; benchmarks/batch.py --memory shows the RSS)."""
    source = tmp_path / "in.jsonl"
    good = json.dumps(record()).encode() + b"\n"
    with source.open("wb") as out:
        out.write(good)
        out.write(b'{"seller": "' + b"x" * (8 << 20) + b'"}\n')  # 8 MiB: over a 1 MiB limit
        out.write(good)
    done = shell(f'"$D" batch {source} {" ".join(AS_OF)} --max-record-bytes 1048576 --chunk 1')
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith(b"{")]
    assert [r["verdict"] for r in results] == ["eligible", "error", "eligible"]
    assert results[1] == {
        "line": 2,
        "record": 2,
        "verdict": "error",
        "error": "the record is larger than 1048576 bytes (the --max-record-bytes limit)",
    }
    assert done.returncode == ExitCode.INVALID_INPUT

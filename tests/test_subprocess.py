"""The installed `diamond` command in a real process: what a shell script or a terminal sees.

Typer's runner cannot show these: the real exit status, real pipes (no escape codes when stdout
is not a terminal), a real terminal (a pty) for NO_COLOR, and the console-script entry point.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diamond_cli import __version__
from tests.conftest import record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "seller.json"
# SGR parameters that set a colour (foreground, background, 256/true colour, bright).
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def diamond() -> str:
    """The console script installed with this interpreter (the venv's bin), else the one on PATH."""
    beside = Path(sys.executable).with_name("diamond")
    found = str(beside) if beside.exists() else shutil.which("diamond")
    if found is None:
        pytest.fail("the `diamond` command is not installed: pip install -e '.[test]'")
    return found


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "DIAMOND_NIP_KEY")}
    env.update({"LC_ALL": "C.UTF-8", "COLUMNS": "100", "TERM": "xterm-256color"}, **extra)
    return env


def run(*args: str | Path, stdin: bytes | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [diamond(), *map(str, args)],
        input=stdin,
        capture_output=True,
        env=clean_env(**env),
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def run_in_terminal(*args: str | Path, **env: str) -> str:
    """Output of `diamond ARGS` with stdout on a pseudo-terminal, as a user at a terminal sees it."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [diamond(), *map(str, args)], stdout=follower, stderr=follower, env=clean_env(**env), cwd=ROOT
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # Linux: EIO once the process has closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(leader)
    return b"".join(chunks).decode("utf-8")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["check", EXAMPLE], 0),
        (["check", EXAMPLE, "--positive", "1187", "--negative", "12"], 1),
        (["check", "missing.json"], 2),
        (["check", EXAMPLE, "--seller-nip", "7740001455"], 3),
        (["check", EXAMPLE, "--exportable", "30"], 4),
        (["check", EXAMPLE, "--category-growth", "3", "--revenue", "Kids=3000000"], 5),
    ],
)
def test_exit_status(args: list[str | Path], code: int) -> None:
    assert run(*args).returncode == code


def test_reads_stdin() -> None:
    result = run("check", "-", "--format", "json", stdin=json.dumps(record()).encode())
    assert result.returncode == 0
    assert json.loads(result.stdout)["verdict"] == "eligible"
    assert result.stderr == b""


def test_no_escape_codes_when_piped() -> None:
    result = run("check", EXAMPLE)
    assert result.returncode == 0
    assert b"Meets the published criteria" in result.stdout
    assert b"\x1b[" not in result.stdout


def test_colour_always_even_when_piped() -> None:
    assert COLOUR_SGR.search(run("check", EXAMPLE, "--color", "always").stdout.decode())


def test_colour_on_a_terminal() -> None:
    output = run_in_terminal("check", EXAMPLE)
    assert "Meets the published criteria" in output
    assert COLOUR_SGR.search(output)


def test_no_color_is_honoured_on_a_terminal() -> None:
    output = run_in_terminal("check", EXAMPLE, NO_COLOR="1")
    assert "Meets the published criteria" in output
    assert not COLOUR_SGR.search(output)


def test_color_never_on_a_terminal() -> None:
    output = run_in_terminal("check", EXAMPLE, "--color", "never")
    assert "Meets the published criteria" in output
    assert "\x1b[" not in output


def test_python_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diamond_cli", "--version"], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 0
    assert result.stdout.decode() == f"diamond {__version__}\n"


def test_console_script_version() -> None:
    assert run("--version").stdout.decode() == f"diamond {__version__}\n"


# Nine levels of nine aliases each: 9**9 values once expanded.
BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)]
).encode()
BAD_INPUTS = {
    "malformed JSON": b'{"business_account": true,',
    "invalid UTF-8": b'{"seller": "\xff"}',
    "NaN": json.dumps(record(exportable_pct=float("nan"))).encode(),
    "huge number": json.dumps(record()).replace("5000000", "1" + "0" * 5000).encode(),
    "nesting too deep": b"[" * 100_000 + b"]" * 100_000,
    "YAML python tag": b"seller: !!python/object/apply:os.system ['true']\n",
    "YAML alias bomb": BILLION_LAUGHS,
}


@pytest.mark.parametrize("data", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_never_prints_a_traceback(data: bytes) -> None:
    result = run("check", "-", "--format", "json", stdin=data)
    assert result.returncode == 3, result.stderr
    assert b"Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert json.loads(result.stdout)["verdict"] == "error"


@pytest.mark.parametrize("output", ["human", "json"])
def test_a_reader_that_went_away_is_not_an_error(output: str) -> None:
    """`diamond check x | head -1`: the pipe closes early. Stop quietly; never exit 1, which would
    say "not eligible" of an eligible seller (rich's own default for a broken pipe)."""
    reader, writer = os.pipe()
    os.close(reader)  # closed before the first write, so every run meets the broken pipe
    try:
        result = subprocess.run(
            [diamond(), "check", str(EXAMPLE), "--format", output],
            stdout=writer,
            stderr=subprocess.PIPE,
            env=clean_env(PYTHONUNBUFFERED="1"),
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert result.returncode == 0
    assert result.stderr == b""


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="needs Linux /proc to see the read")
def test_ctrl_c_while_reading_stdin() -> None:
    process = subprocess.Popen(
        [diamond(), "check", "-", "--format", "json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        # Interrupt only once it waits for stdin (the start is covered by the test below).
        deadline = time.monotonic() + 30
        while "pipe_read" not in Path(f"/proc/{process.pid}/wchan").read_text():
            assert time.monotonic() < deadline, "diamond never started reading stdin"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert stdout == b""
    assert stderr == b"diamond: interrupted\n"


def test_ctrl_c_while_the_cli_loads() -> None:
    """Ctrl-C during the ~100 ms of imports: one line and exit 130, no KeyboardInterrupt traceback.

    A real signal cannot be aimed at that window reliably, so an import hook raises the
    KeyboardInterrupt that Python would raise there, as typer loads.
    """
    code = (
        "import sys\n"
        "class CtrlC:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, CtrlC())\n"
        "sys.argv = ['diamond', 'check', '-', '--format', 'json']\n"
        "from diamond_cli.entry import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=clean_env(), check=False, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"diamond: interrupted\n")

"""Start-up cost of `diamond check FILE --format json` against `python -c "import typer, yaml"`.

The budget (issue 2) is 1.2x: a check in a shell loop should cost little more than loading the two
libraries it cannot do without. Both commands run interleaved (so a busy neighbour on a shared
machine slows both alike), after a warm-up, and the medians and their ratio are printed. It
reports and always exits 0: timing is too noisy for a pass/fail gate. The wall-clock median is
what a user waits; the minimum and the CPU time (user + system, of the child) are printed beside
it because other processes on a shared machine disturb them less.

Two conditions are measured, because they differ in what is compiled at each start:
- "bytecode cached": both commands run with a private, warm bytecode cache, as after
  `pip install` (which compiles every module it installs). The budget is about this one.
- "environment as is": the caller's environment unchanged. With PYTHONDONTWRITEBYTECODE set and
  an editable install, diamond_cli's modules are compiled from source at every start while
  typer's and yaml's come from the bytecode pip wrote: that handicap is ours alone.

    python benchmarks/startup.py [--rounds 30] [--warmup 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.2
BASELINE = [sys.executable, "-c", "import typer, yaml"]


def diamond_command() -> str:
    """The `diamond` script installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).with_name("diamond")
    if beside.exists():
        return str(beside)
    found = shutil.which("diamond")
    if found is None:
        sys.exit("benchmarks/startup.py: `diamond` is not installed (pip install -e .)")
    return found


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run; a failing run would measure the wrong thing, so it stops us."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(check: list[str], env: dict[str, str], rounds: int, warmup: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, CPU) of each run of the baseline and of the check, run alternately."""
    for _ in range(warmup):
        timed(BASELINE, env)
        timed(check, env)
    times: dict[str, list[tuple[float, float]]] = {"base": [], "check": []}
    for round_ in range(rounds):
        # Alternate which goes first, so neither always runs right after the other.
        order = [("base", BASELINE), ("check", check)]
        for name, command in order if round_ % 2 == 0 else reversed(order):
            times[name].append(timed(command, env))
    return times


def report(title: str, times: dict[str, list[tuple[float, float]]]) -> None:
    rows = {}
    for name in ("base", "check"):
        wall = [t[0] for t in times[name]]
        cpu = [t[1] for t in times[name]]
        rows[name] = (statistics.median(wall), min(wall), statistics.median(cpu))
    base, ours = rows["base"], rows["check"]
    print(f"{title} ({len(times['base'])} runs each)")
    print("                                             wall median   wall min  CPU median")
    for label, (median, low, cpu) in (
        ("python -c 'import typer, yaml'", base),
        ("diamond check seller.json --format json", ours),
    ):
        print(f"  {label:<41} {median * 1000:7.1f} ms {low * 1000:7.1f} ms {cpu * 1000:7.1f} ms")
    ratios = [o / b for o, b in zip(ours, base, strict=True)]
    print(f"  {'ratio (budget ' + str(BUDGET) + ')':<41} {ratios[0]:7.2f}    {ratios[1]:7.2f}    {ratios[2]:7.2f}")
    # Each round's two runs are a second apart, so a neighbour's burst of load hits both: the
    # median of the per-round ratios is the steadiest figure on a shared machine.
    paired = [
        statistics.median(c[i] / b[i] for b, c in zip(times["base"], times["check"], strict=True)) for i in (0, 1)
    ]
    print(f"  {'median of per-round ratios':<41} {paired[0]:7.2f}               {paired[1]:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    check = [diamond_command(), "check", "examples/seller.json", "--format", "json"]

    with tempfile.TemporaryDirectory(prefix="diamond-bench-pycache-") as cache:
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = cache
        times = measure(check, cached, args.rounds, args.warmup)
    report("bytecode cached (as after pip install)", times)

    as_is = dict(os.environ)
    flag = "set" if as_is.get("PYTHONDONTWRITEBYTECODE") else "not set"
    if (ROOT / "diamond_cli" / "__pycache__").exists():
        flag += "; diamond_cli/__pycache__ exists, so its bytecode is used"
    report(f"environment as is (PYTHONDONTWRITEBYTECODE {flag})", measure(check, as_is, args.rounds, args.warmup))


if __name__ == "__main__":
    main()

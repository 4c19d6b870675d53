"""Throughput and memory of `diamond batch`, against the floor of merely decoding the same records.

    python benchmarks/batch.py                          # 300,000 records, 5 rounds: floor, jsonl, csv
    python benchmarks/batch.py --records 100000 --rounds 3 --formats jsonl
    python benchmarks/batch.py --chunks 250,1000,4000   # each --chunk value (hidden option) as its own run
    python benchmarks/batch.py --memory                 # 100,000 and 1,000,000 records once each: peak RSS
    python benchmarks/batch.py --keep /tmp/bench        # keep (and reuse) the generated inputs there
    python benchmarks/batch.py -- --lang pl             # after --: more arguments for diamond batch

The records are those of the golden tests (tests/golden/make.py's `lines()`: every kind of
figure and spelling, about a fifth of them invalid, blank lines between some), as many as asked,
written once to a JSON Lines file. The floor is msgspec decoding every line of that file into
typed structs, in this process: no validation beyond the types, no rules, no output. Its struct
takes every type a valid record may hold, so that it decodes valid records whole (a record the
floor refuses costs it less than a whole one: the share it refuses is printed).

Each round runs the floor and `diamond batch FILE --format F > /dev/null` (a child process) for
each format (and `--chunk` value), in an order that rotates from round to round, so that a
shared machine's drift hits all alike; a run's ratio is its wall time over the floor of its own
round. Printed per run: wall and CPU time (user + system, from wait4), CPU/wall (how many cores
it kept busy), the child's peak RSS (ru_maxrss), its peak thread count and child processes, and
the load average. Then per format the medians of the per-round ratios, against the issue's
targets (jsonl at most 2.5x, goal 1.5x; csv at most 2.0x), and the medians of the per-round CPU
ratios (the batch's CPU time over the floor's; halved, what the wall ratio would be were the work
spread evenly over 2 idle cores, the best a loaded machine can hint at). The batch must start no process:
its children are counted three ways (polled from /proc while it runs; the page faults of any
child it waited for, read from its /proc stat after it exits and before it is reaped; orphans
left to this process, a child subreaper). It reports and always exits 0: timing on a shared
machine is too noisy for a pass/fail gate.

The children run with a private bytecode cache, warmed by a first run over 1,000 records, as
after `pip install` (which compiles every module it installs): with PYTHONDONTWRITEBYTECODE set
and an editable install, diamond_cli would otherwise be compiled from source at every start, a
fixed cost of a few hundred milliseconds that no user of an installed tool pays. `--env-as-is`
runs them in the environment unchanged.

`--memory` runs 100,000 and 1,000,000 records (or the `--records` given) once per format and
prints each run's peak RSS and RSS sampled at 10%, 50% and 90% of its wall time, against the
issue's 64 MiB at 1M records, flat with size.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import importlib.util
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_MAKE = ROOT / "tests" / "golden" / "make.py"
TARGETS = {"jsonl": (2.5, 1.5), "csv": (2.0, None)}  # (at most, goal) times the floor
MEMORY_TARGET_MIB = 64
POLL_S = 0.02


class Ratings(msgspec.Struct, forbid_unknown_fields=True):
    positive: int
    negative: int


class Seller(msgspec.Struct, forbid_unknown_fields=True):
    """The record as typed structs: what "merely decoding" means for the floor. Every type a valid
    record may hold is accepted (labels and NIPs as numbers, shares as text: "99,8")."""

    business_account: bool
    quality: str
    revenue: dict[str, float]
    seller: str | int | None = None
    nip: str | int | None = None
    ratings: Ratings | None = None
    positive_ratings_pct: float | str | None = None
    other_accounts_quality: list[str] = []
    monthly_revenue: list[float] | None = None
    category_growth_pct: float | str | None = None
    category_market_growth_pct: float | str | None = None
    brand_zone_revenue: dict[str, float] | None = None
    suspended: bool = False
    transaction_problems_pct: float | str | None = None
    exportable_pct: float | str | None = None
    new_condition_pct: float | str | None = None


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def write_records(path: Path, count: int) -> None:
    """The golden tests' records (tests/golden/make.py), as many as asked."""
    spec = importlib.util.spec_from_file_location("golden_make", GOLDEN_MAKE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLDEN_MAKE}")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as out:
        for data, _ in make.lines(count):
            out.write(data)
    partial.replace(path)


def records_file(directory: Path, count: int) -> Path:
    """The input of `count` records in `directory`, written unless it is there already."""
    path = directory / f"golden-{count}.jsonl"
    if not path.exists():
        start = time.perf_counter()
        write_records(path, count)
        print(f"  (wrote {path.name} in {time.perf_counter() - start:.0f} s)", flush=True)
    return path


def warm(path: Path) -> None:
    """The file read once, untimed: into the page cache, so that no timed run reads the disk."""
    with path.open("rb", buffering=0) as stream:
        while stream.read(1 << 20):
            pass


@dataclass
class Floor:
    wall: float
    cpu: float
    refused: float  # share of the lines the struct refused (broken JSON or a type it does not take)


def floor(path: Path) -> Floor:
    """Decoding every line into typed structs, in this process (a refused line ends early, as cheaply as possible)."""
    decoder = msgspec.json.Decoder(Seller)
    lines = refused = 0
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream:
        for line in stream:
            lines += 1
            try:
                decoder.decode(line)
            except msgspec.DecodeError:  # ValidationError included
                refused += 1
    return Floor(time.perf_counter() - start, time.process_time() - cpu, refused / max(lines, 1))


@dataclass
class Run:
    wall: float
    cpu: float
    rss_kib: int  # ru_maxrss: the process's peak (its children's, were there any)
    threads: int  # the most threads seen at once
    children: int  # processes it started, the largest of the three counts
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds in, VmRSS KiB)
    code: int = 0

    def rss_at(self, share: float) -> int:
        """VmRSS (KiB) sampled nearest `share` of the wall time."""
        if not self.rss_samples:
            return 0
        moment = share * self.wall
        return min(self.rss_samples, key=lambda s: abs(s[0] - moment))[1]


def become_subreaper() -> bool:
    """Orphans of the processes we start come to us (Linux PR_SET_CHILD_SUBREAPER), so none escapes the count."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


class Watch(threading.Thread):
    """Polls /proc for a process's threads, live children and resident memory until it exits."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.start_time = time.perf_counter()
        self.threads = 0
        self.children: set[int] = set()
        self.samples: list[tuple[float, int]] = []
        self.done = threading.Event()

    def run(self) -> None:
        task = Path(f"/proc/{self.pid}/task")
        status = Path(f"/proc/{self.pid}/status")
        while not self.done.is_set():
            try:
                tids = os.listdir(task)
                self.threads = max(self.threads, len(tids))
                for tid in tids:
                    self.children.update(int(c) for c in (task / tid / "children").read_text().split())
                for row in status.read_text().splitlines():
                    if row.startswith("VmRSS:"):
                        self.samples.append((time.perf_counter() - self.start_time, int(row.split()[1])))
            except (OSError, ValueError):
                pass  # between exit and reaping, or a thread that just ended
            self.done.wait(POLL_S)


def waited_children(pid: int) -> tuple[int, float]:
    """Of an exited, not yet reaped process: page faults and CPU seconds of the children it waited for."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()  # fields[0] is field 3 of proc(5), the state
    cminflt, cutime, cstime = int(fields[11 - 3]), int(fields[16 - 3]), int(fields[17 - 3])
    return cminflt, (cutime + cstime) / os.sysconf("SC_CLK_TCK")


SEEN_ORPHANS: set[int] = set()


def orphans() -> int:
    """Processes left to this one (as subreaper) since the last call: those still running, and
    those that ended (reaped here)."""
    found: set[int] = set()
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(FileNotFoundError):  # a thread (the previous run's poller) just ended
            found.update(int(c) for c in Path(f"/proc/self/task/{tid}/children").read_text().split())
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
        found.add(pid)
    new = found - SEEN_ORPHANS
    SEEN_ORPHANS.update(found)
    return len(new)


def diamond_command() -> str:
    beside = Path(sys.executable).with_name("diamond")
    found = str(beside) if beside.exists() else shutil.which("diamond")
    if found is None:
        raise SystemExit("benchmarks/batch.py: `diamond` is not installed (pip install -e .)")
    return found


# The children's environment: set by main() to a private, warm bytecode cache (as after pip install).
CHILD_ENV: dict[str, str] | None = None


def run_diamond(path: Path, fmt: str, extra: list[str]) -> Run:
    """`diamond batch FILE --format F [extra] > /dev/null`, watched; stderr (the summary) dropped."""
    command = [diamond_command(), "batch", str(path), "--format", fmt, *extra]
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=devnull, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        watch = Watch(child.pid)
        watch.start()
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped: /proc still has it
        wall = time.perf_counter() - start
        watch.done.set()
        watch.join()
        faults, child_cpu = waited_children(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    left = orphans()
    code = child.returncode
    if code not in (0, 3):  # 3: some records invalid, as about a fifth of these are
        raise SystemExit(f"diamond batch exited with {code}: {' '.join(command)}")
    started = max(len(watch.children), left, 1 if faults or child_cpu else 0)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, watch.threads, started, watch.samples, code)


@dataclass(frozen=True)
class Variant:
    fmt: str
    chunk: int | None  # --chunk, None for the default

    @property
    def label(self) -> str:
        return self.fmt if self.chunk is None else f"{self.fmt} --chunk {self.chunk}"

    def args(self, extra: list[str]) -> list[str]:
        return [*(["--chunk", str(self.chunk)] if self.chunk is not None else []), *extra]


def describe(run: Run) -> str:
    return (
        f"{run.wall:6.2f} s wall, cpu {run.cpu:6.2f} s ({run.cpu / run.wall:.2f} cores), "
        f"peak RSS {run.rss_kib / 1024:5.1f} MiB, {run.threads} threads, {run.children} child processes"
    )


def throughput(path: Path, count: int, variants: list[Variant], rounds: int, extra: list[str]) -> None:
    steps: list[Variant | None] = [None, *variants]  # None: the floor
    floors: list[Floor] = []
    runs: dict[Variant, list[tuple[float, float, Run]]] = {v: [] for v in variants}
    width = max(len(v.label) for v in variants)
    warm(path)
    for round_ in range(rounds):
        shift = round_ % len(steps)
        order = steps[shift:] + steps[:shift]
        done: dict[Variant, Run] = {}
        round_floor: Floor | None = None
        for step in order:
            before = load()
            if step is None:
                round_floor = floor(path)
                print(
                    f"  round {round_ + 1} {'floor':<{width}}: {round_floor.wall:6.2f} s wall, "
                    f"cpu {round_floor.cpu:6.2f} s, {count / round_floor.wall:,.0f} rec/s, "
                    f"{round_floor.refused:.1%} of lines refused | load {before}",
                    flush=True,
                )
                continue
            run = run_diamond(path, step.fmt, step.args(extra))
            done[step] = run
            print(f"  round {round_ + 1} {step.label:<{width}}: {describe(run)} | load {before}", flush=True)
        assert round_floor is not None
        floors.append(round_floor)
        for variant, run in done.items():
            runs[variant].append((run.wall / round_floor.wall, run.cpu / round_floor.cpu, run))
        print(
            "    ratios (wall; CPU): "
            + ", ".join(
                f"{v.label} {run.wall / round_floor.wall:.2f}x; {run.cpu / round_floor.cpu:.2f}x"
                for v, run in done.items()
            ),
            flush=True,
        )
    floor_wall = statistics.median(f.wall for f in floors)
    print(
        f"floor (msgspec, typed structs): median {floor_wall:.2f} s, {count / floor_wall:,.0f} rec/s "
        f"(range {min(f.wall for f in floors):.2f}-{max(f.wall for f in floors):.2f} s)"
    )
    for variant, results in runs.items():
        ratios = [r for r, _, _ in results]
        cpu_ratio = statistics.median(c for _, c, _ in results)
        wall = statistics.median(run.wall for _, _, run in results)
        cpu = statistics.median(run.cpu for _, _, run in results)
        most, goal = TARGETS.get(variant.fmt, (None, None))
        target = "" if most is None else f" (target <= {most}x" + (f", goal {goal}x)" if goal else ")")
        verdict = "" if most is None else ("  MET" if statistics.median(ratios) <= most else "  MISSED")
        print(
            f"--format {variant.label:<{width}}: median of per-round ratios {statistics.median(ratios):.2f}x{target}"
            f"{verdict} [range {min(ratios):.2f}-{max(ratios):.2f}x] | median wall {wall:.2f} s, {count / wall:,.0f}"
            f" rec/s | median CPU {cpu:.2f} s ({cpu / wall:.2f} cores; CPU ratio {cpu_ratio:.2f}x, {cpu_ratio / 2:.2f}x"
            f" if spread over 2 cores) | peak RSS {max(run.rss_kib for _, _, run in results) / 1024:.1f} MiB"
            f" | child processes {max(run.children for _, _, run in results)}"
        )


def memory(directory: Path, sizes: list[int], variants: list[Variant], extra: list[str]) -> None:
    peaks: dict[Variant, list[tuple[int, int]]] = {v: [] for v in variants}
    for count in sizes:
        path = records_file(directory, count)
        print(f"{count:,} records ({path.stat().st_size / 2**20:,.0f} MiB)", flush=True)
        warm(path)
        for variant in variants:
            before = load()
            run = run_diamond(path, variant.fmt, variant.args(extra))
            peaks[variant].append((count, run.rss_kib))
            samples = ", ".join(f"{share:.0%} {run.rss_at(share) / 1024:.1f}" for share in (0.1, 0.5, 0.9))
            print(
                f"  {variant.label}: {describe(run)} | RSS MiB at {samples} | {count / run.wall:,.0f} rec/s"
                f" | load {before}",
                flush=True,
            )
    for variant, rows in peaks.items():
        figures = ", ".join(f"{count:,}: {kib / 1024:.1f} MiB" for count, kib in rows)
        growth = rows[-1][1] / rows[0][1] if rows[0][1] else float("nan")
        largest = max(kib for _, kib in rows) / 1024
        verdict = "MET" if largest <= MEMORY_TARGET_MIB else "MISSED"
        print(
            f"--format {variant.label}: peak RSS {figures} (x{growth:.2f} from the smallest to the largest; "
            f"target <= {MEMORY_TARGET_MIB} MiB, flat) {verdict}"
        )


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, action="append", help="records (default 300000; --memory: 100000 1M)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default: 5)")
    parser.add_argument("--formats", default="jsonl,csv", help="comma-separated output formats (default: jsonl,csv)")
    parser.add_argument("--chunks", default="", help="comma-separated --chunk values to run (default: the default)")
    parser.add_argument("--memory", action="store_true", help="peak RSS at 100k and 1M records, once each")
    parser.add_argument("--keep", type=Path, help="a directory to keep the inputs in, and reuse them from")
    parser.add_argument(
        "--env-as-is",
        action="store_true",
        help="run diamond in this environment unchanged (default: a private, warm bytecode cache)",
    )
    options = parser.parse_args(own)
    chunks: list[int | None] = [int(c) for c in options.chunks.split(",") if c] or [None]
    variants = [Variant(fmt, chunk) for fmt in options.formats.split(",") for chunk in chunks]
    subreaper = become_subreaper()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    print(
        f"cpus: {os.cpu_count()}, load average: {load()}, python {sys.version.split()[0]}, "
        f"diamond: {diamond_command()}{'' if subreaper else ' (not a subreaper: orphans not counted)'}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="diamond-bench-") as tmp:
        directory = options.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        if not options.env_as_is:
            global CHILD_ENV
            CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
            warm = records_file(directory, 1000)
            for variant in variants:
                run_diamond(warm, variant.fmt, variant.args(extra))  # compiles and caches the bytecode
        env = "environment as is" if options.env_as_is else "bytecode cached (a private, warm cache)"
        print(
            f"diamond runs with: {env}; PYTHONDONTWRITEBYTECODE here: {os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}"
        )
        if options.memory:
            memory(directory, options.records or [100_000, 1_000_000], variants, extra)
            return
        for count in options.records or [300_000]:
            path = records_file(directory, count)
            print(
                f"{count:,} records (golden generator, {path.stat().st_size / 2**20:,.0f} MiB), "
                f"{options.rounds} round(s), extra arguments: {extra or 'none'}",
                flush=True,
            )
            throughput(path, count, variants, options.rounds, extra)


if __name__ == "__main__":
    main()

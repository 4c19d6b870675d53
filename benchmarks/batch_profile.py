"""Where `diamond batch`'s time goes: the native core alone, the Python loop around it, and a
sampled profile of the whole command by stage.

    python benchmarks/batch_profile.py                      # 300,000 golden records, jsonl and csv
    python benchmarks/batch_profile.py --records 100000 --formats jsonl --keep /tmp/bench
    python benchmarks/batch_profile.py --perf               # also `perf record` of diamond batch, by stage

In this process (the records of benchmarks/batch.py, in the same file), for each output format:

- the core alone: `diamond_cli.pipeline.Batch` iterated, its output dropped; the time inside
  `next()` (reading, decoding, rules, sentences, encoding: the core, the GIL released) and the
  time between calls (the Python loop), wall and CPU (all threads) with CPU/wall as the cores used;
- the same with each chunk written to /dev/null (`os.write`, as the CLI's sink does);
- the start-up of `diamond batch` over a one-record file (the fixed cost in each run's wall time).

With `--perf`, `perf record` samples `diamond batch FILE --format F > /dev/null` (every thread)
and the samples are summed by stage, from the symbol they fall in: reading (the core's input
readers, the kernel's reads), decoding (JSON and the record's fields), rules (and their exact
arithmetic), sentences and encoding (messages, result encoders, NIP masking), memory (malloc,
free, memmove/memcpy, the kernel's zeroing of fresh pages), the thread pool (rayon's waiting),
Python (the interpreter: start-up, the loop, writing), the kernel's writes and the rest; and by
thread (the main thread, the others). It reports and always exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import diamond_command, floor, load, records_file, warm  # the sibling benchmark's inputs and floor

from diamond_cli.cli.common import load_version, parse_as_of
from diamond_cli.pipeline import Batch, Engine

# (stage, pattern on "dso symbol"), first match wins.
STAGES: list[tuple[str, str]] = [
    ("thread pool (rayon wait)", r"rayon|crossbeam|sched_yield|futex|std::thread|parking"),
    ("reading", r"diamond_core::io::|memchr|flate2|miniz|ksys_read|vfs_read|filemap_|copy_page_to_iter|_copy_to_iter"),
    ("decoding (JSON, fields)", r"diamond_core::json::|diamond_core::record|diamond_core::value|from_utf8"),
    (
        "rules",
        r"diamond_core::rules|diamond_core::number|diamond_core::figures|diamond_core::check|div_rem|__divti3|"
        r"__udivti3|num_bigint|diamond_core::table",
    ),
    (
        "sentences + encoding",
        r"diamond_core::messages|diamond_core::result|diamond_core::nip|diamond_core::batch|sha2|hmac",
    ),
    (
        "memory (alloc, copy, page zeroing)",
        r"malloc|free|realloc|memmove|memcpy|memset|clear_page|page_fault|"
        r"handle_mm_fault|do_anonymous_page|alloc::|drop_in_place|__mm|folio|pte_|lru|memcg|mmap|munmap|unmap",
    ),
    ("Python (start-up, loop, writes)", r"libpython|python3|_PyPegen|_Py|Py[A-Z]|pyo3"),
    ("kernel writes", r"ksys_write|vfs_write|null"),
    ("memcmp/strings (libc)", r"memcmp|strlen|strcmp"),
    ("other core", r"_core\.abi3"),
    ("other kernel", r"\[kernel"),
]


def in_process(path: Path, fmt: str, write: bool, chunk: int) -> dict[str, float]:
    """Iterates a core Batch over `path`: wall and CPU inside next() and outside, in seconds."""
    version, ref = load_version(None, parse_as_of(None))
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    engine = Engine(version, ref)
    batch = Batch(engine, str(path), None, fmt, "en", "mask", None, chunk, 1 << 20)
    setup = time.perf_counter() - start_wall
    inside_wall = inside_cpu = 0.0
    out = os.open(os.devnull, os.O_WRONLY)
    size = 0
    chunks = iter(batch)
    try:
        while True:
            w, c = time.perf_counter(), time.process_time()
            try:
                data, _summary = next(chunks)
            except StopIteration:
                inside_wall += time.perf_counter() - w
                inside_cpu += time.process_time() - c
                break
            inside_wall += time.perf_counter() - w
            inside_cpu += time.process_time() - c
            size += len(data)
            if write:
                os.write(out, data)
    finally:
        os.close(out)
    wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    return {
        "wall": wall,
        "cpu": cpu,
        "setup": setup,
        "inside_wall": inside_wall,
        "inside_cpu": inside_cpu,
        "outside_wall": wall - setup - inside_wall,
        "outside_cpu": cpu - inside_cpu,
        "mib": size / 2**20,
    }


def startup(directory: Path, fmt: str, env: dict[str, str] | None, rounds: int = 7) -> float:
    """Median wall seconds of `diamond batch` over a one-record file (after one run not counted)."""
    one = directory / "one.jsonl"
    one.write_text('{"business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}}\n')
    times = []
    for _ in range(rounds + 1):
        start = time.perf_counter()
        subprocess.run(
            [diamond_command(), "batch", str(one), "--format", fmt],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def perf_profile(path: Path, fmt: str, directory: Path) -> None:
    perf = shutil.which("perf")
    if perf is None:
        print("  perf: not installed")
        return
    data = directory / f"perf-{fmt}.data"
    command = [diamond_command(), "batch", str(path), "--format", fmt]
    before = load()
    with open(os.devnull, "wb") as devnull:
        recorded = subprocess.run(
            [perf, "record", "-F", "1999", "-o", str(data), "--", *command],
            stdout=devnull,
            stderr=subprocess.PIPE,
            check=False,
        )
    if recorded.returncode not in (0, 3):
        print(f"  perf record failed: {recorded.stderr.decode(errors='replace')[-300:]}")
        return
    report = subprocess.run(
        [perf, "report", "-i", str(data), "--no-children", "--stdio", "-F", "overhead,sample,pid,dso,sym"],
        capture_output=True,
        text=True,
        check=False,
    )
    stages: Counter[str] = Counter()
    by_thread: Counter[tuple[int, str]] = Counter()
    threads: Counter[str] = Counter()
    symbols: Counter[str] = Counter()
    main_tid = None
    total = 0
    for row in report.stdout.splitlines():
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        match = re.match(r"\s*([\d.]+)%\s+(\d+)\s+(\d+):\S*\s+(\S+)\s+\[.\]\s+(.*)$", row)
        if match is None:
            continue
        samples, tid, dso, symbol = int(match[2]), int(match[3]), match[4], match[5].strip()
        total += samples
        main_tid = tid if main_tid is None else min(main_tid, tid)
        threads[str(tid)] += samples
        where = f"{dso} {symbol}"
        stage = next((name for name, pattern in STAGES if re.search(pattern, where)), "other")
        stages[stage] += samples
        by_thread[(tid, stage)] += samples
        symbols[f"{dso} {symbol}"[:110]] += samples
    if not total:
        print("  perf: no samples (perf report printed nothing usable)")
        return
    print(f"  perf record -F 1999, {total:,} samples over all threads (load {before}), share of all samples:")
    print(f"    {'stage':<36} {'all':>6} {'main':>6} {'others':>6}")
    for stage, samples in stages.most_common():
        main = sum(n for (tid, name), n in by_thread.items() if name == stage and tid == main_tid)
        print(f"    {stage:<36} {samples / total:6.1%} {main / total:6.1%} {(samples - main) / total:6.1%}")
    print("  by thread (the main thread reads, hands chunks out and runs Python; the others evaluate):")
    for tid, samples in sorted(threads.items(), key=lambda kv: int(kv[0])):
        label = "main" if int(tid) == main_tid else "other"
        print(f"    tid {tid} ({label}) {samples / total:6.1%}")
    print("  the 15 heaviest symbols:")
    for symbol, samples in symbols.most_common(15):
        print(f"    {samples / total:6.1%}  {symbol}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--formats", default="jsonl,csv")
    parser.add_argument("--chunk", type=int, default=1000, help="records per chunk (as --chunk; default 1000)")
    parser.add_argument("--perf", action="store_true", help="also sample diamond batch with perf record")
    parser.add_argument("--keep", type=Path, help="a directory to keep the inputs in, and reuse them from")
    options = parser.parse_args()
    print(f"cpus: {os.cpu_count()}, load average: {load()}")
    with tempfile.TemporaryDirectory(prefix="diamond-profile-") as tmp:
        directory = options.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        path = records_file(directory, options.records)
        warm(path)
        base = floor(path)
        print(f"{options.records:,} records; msgspec floor {base.wall:.2f} s (load {load()})")
        for fmt in options.formats.split(","):
            print(f"--format {fmt}:")
            cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            cached["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
            print(
                f"  diamond batch start-up (one record, median of 7): bytecode cached "
                f"{startup(directory, fmt, cached):.3f} s, environment as is {startup(directory, fmt, None):.3f} s "
                f"(load {load()})"
            )
            for write in (False, True):
                before = load()
                r = in_process(path, fmt, write, options.chunk)
                print(
                    f"  in process, output {'written to /dev/null' if write else 'dropped':<22}: "
                    f"{r['wall']:.2f} s wall ({r['wall'] / base.wall:.2f}x the floor), cpu {r['cpu']:.2f} s "
                    f"({r['cpu'] / r['wall']:.2f} cores) | engine + open {r['setup'] * 1000:.0f} ms | inside next() "
                    f"{r['inside_wall']:.2f} s wall, cpu {r['inside_cpu']:.2f} s "
                    f"({r['inside_cpu'] / max(r['inside_wall'], 1e-9):.2f} cores) | Python loop "
                    f"{r['outside_wall']:.2f} s wall, cpu {r['outside_cpu']:.2f} s | {r['mib']:.0f} MiB out | "
                    f"load {before}",
                    flush=True,
                )
            if options.perf:
                perf_profile(path, fmt, directory)


if __name__ == "__main__":
    main()

"""Throughput and memory of `diamond batch`, against the floor of merely decoding the same records.

    python benchmarks/batch.py                          # 100k and 1M records
    python benchmarks/batch.py 300000                   # any sizes (or --records 300000)
    python benchmarks/batch.py --records 300000 --rounds 3 --formats jsonl,csv --input golden
    python benchmarks/batch.py 100000 -- --jobs 1       # after --: more arguments for diamond batch

For each size: varied records are written to a temporary JSON Lines file, either this script's
own (`--input simple`, the default: about 3% of them invalid in some way) or those of the golden
tests (`--input golden`: tests/golden/make.py's `lines()`, every kind of figure, about a fifth
invalid). The floor is msgspec decoding every line into typed structs (no validation, no rules,
no output). Then, in each of `--rounds` rounds and for each of `--formats`, the floor is timed
again (best of 3) right before `diamond batch FILE --format F > /dev/null` runs as a child
process, so that a shared machine's drift hits both alike; the ratio of that round is the
child's wall time over that floor. Printed: each run, then per format the median of the
per-round ratios (the issue's target is at most 2.5), records/s, and the child's peak RSS
(ru_maxrss from wait4: the largest of the process and its worker processes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

GOLDEN_MAKE = Path(__file__).resolve().parent.parent / "tests" / "golden" / "make.py"

# Names as people write them: canonical, other case, `and` for `&`, Polish aliases of the shipped table.
CATEGORIES = [
    "Kids",
    "Electronics",
    "Fashion",
    "Garden",
    "health and beauty",
    "Automotive",
    "Sport & Leisure",
    "SUPERMARKET",
    "Books & Media",
    "Home Decoration & Office",
]
GRADES = ["SUPER_PLUS", "SUPER", "GOOD", "NEUTRAL", "NEEDS_IMPROVEMENT", "UNACCEPTABLE", "Dobry", "good"]
NIPS = ["7740001454", "5260250274", "1234563218", None]


class Ratings(msgspec.Struct, forbid_unknown_fields=True):
    positive: int
    negative: int


class Seller(msgspec.Struct, forbid_unknown_fields=True):
    """The record as typed structs: what "merely decoding" means for the floor."""

    business_account: bool
    quality: str
    revenue: dict[str, float]
    seller: str | None = None
    nip: str | None = None
    ratings: Ratings | None = None
    positive_ratings_pct: float | str | None = None
    other_accounts_quality: list[str] = []
    monthly_revenue: list[float] | None = None
    category_growth_pct: float | None = None
    category_market_growth_pct: float | None = None
    brand_zone_revenue: dict[str, float] | None = None
    suspended: bool = False
    transaction_problems_pct: float | None = None
    exportable_pct: float | None = None
    new_condition_pct: float | None = None


def make_record(rng: random.Random, i: int) -> dict[str, object]:
    cats = rng.sample(CATEGORIES, rng.randint(1, 4))
    scale = rng.choice([10_000, 300_000, 2_000_000, 5_000_000, 9_000_000])
    record: dict[str, object] = {
        "seller": f"shop-{i}",
        "business_account": rng.random() > 0.05,
        "quality": rng.choice(GRADES),
        "revenue": {c: round(rng.uniform(0.1, 1.5) * scale, rng.choice([0, 2])) for c in cats},
    }
    nip = rng.choice(NIPS)
    if nip:
        record["nip"] = nip
    if rng.random() < 0.8:
        positive = rng.randint(0, 20_000)
        record["ratings"] = {"positive": positive, "negative": rng.randint(0, max(1, positive // 50))}
    else:
        record["positive_ratings_pct"] = rng.choice([99.5, "99,8", 98.7, 100])
    if rng.random() < 0.7:
        record["other_accounts_quality"] = rng.sample(GRADES, rng.randint(0, 3))
    if rng.random() < 0.85:
        months = 24 if rng.random() < 0.3 else 12
        base = scale / 12
        record["monthly_revenue"] = [round(base * rng.uniform(0.7, 1.4), 2) for _ in range(months)]
    if rng.random() < 0.3:
        record["category_growth_pct"] = round(rng.uniform(-20, 40), 1)
        record["category_market_growth_pct"] = round(rng.uniform(-10, 20), 1)
    if rng.random() < 0.1:
        record["brand_zone_revenue"] = {cats[0]: round(scale * rng.uniform(0.05, 0.3))}
    for name in ("transaction_problems_pct", "exportable_pct", "new_condition_pct"):
        if rng.random() < 0.7:
            record[name] = round(rng.uniform(0, 100 if name != "transaction_problems_pct" else 5), 2)
    if rng.random() < 0.1:
        record["suspended"] = rng.random() < 0.3
    return record


def make_line(rng: random.Random, i: int) -> str:
    record = make_record(rng, i)
    broken = rng.random()
    if broken < 0.01:
        record["revenue"] = {"Kidz": 1}  # unknown category
    elif broken < 0.02:
        record["exportable_pct"] = 140  # out of range
    elif broken < 0.03:
        return json.dumps(record)[:-5]  # cut short: not JSON
    return json.dumps(record, ensure_ascii=False)


def write_file(path: Path, count: int) -> None:
    rng = random.Random(count)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(make_line(rng, i) + "\n")


def write_golden_file(path: Path, count: int) -> None:
    """The golden tests' records (tests/golden/make.py), as many as asked."""
    spec = importlib.util.spec_from_file_location("golden_make", GOLDEN_MAKE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLDEN_MAKE}")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    with path.open("wb") as out:
        for data, _ in make.lines(count):
            out.write(data)


def floor(path: Path) -> float:
    """Seconds to decode every line into typed structs (invalid lines skipped, as cheaply as possible)."""
    decoder = msgspec.json.Decoder(Seller)
    start = time.perf_counter()
    with path.open("rb") as lines:
        for line in lines:
            try:
                decoder.decode(line)
            except msgspec.ValidationError:
                pass
            except msgspec.DecodeError:
                pass
    return time.perf_counter() - start


def run_diamond(path: Path, extra: list[str], fmt: str = "jsonl") -> tuple[float, int, float]:
    """Wall seconds, peak RSS in KiB, and CPU seconds of `diamond batch FILE --format F > /dev/null`."""
    beside = Path(sys.executable).with_name("diamond")
    command = str(beside) if beside.exists() else shutil.which("diamond") or "diamond"
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen(
            [command, "batch", str(path), "--format", fmt, *extra], stdout=devnull, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 3):
        raise SystemExit(f"diamond batch exited with {code}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="records per input (default: 100000 1000000)")
    parser.add_argument("--records", type=int, action="append", default=[], help="a size, as the positional ones")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds per size (default: 1)")
    parser.add_argument("--formats", default="jsonl", help="comma-separated output formats (default: jsonl)")
    parser.add_argument("--input", choices=["simple", "golden"], default="simple", help="whose records (see above)")
    options = parser.parse_args(own)
    sizes = options.sizes + options.records or [100_000, 1_000_000]
    formats = options.formats.split(",")
    print(f"cpus: {os.cpu_count()}, load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            path = Path(tmp) / f"sellers-{count}.jsonl"
            (write_golden_file if options.input == "golden" else write_file)(path, count)
            size_mib = path.stat().st_size / 2**20
            print(f"{count:,} records ({options.input}, {size_mib:,.0f} MiB), {options.rounds} round(s)")
            runs: dict[str, list[tuple[float, float, int, float]]] = {fmt: [] for fmt in formats}
            for round_ in range(options.rounds):
                # Alternate the order of the formats, so neither always follows the other.
                for fmt in formats if round_ % 2 == 0 else formats[::-1]:
                    floor_s = min(floor(path) for _ in range(3))
                    wall, rss_kib, cpu = run_diamond(path, extra, fmt)
                    runs[fmt].append((wall / floor_s, wall, rss_kib, cpu))
                    print(
                        f"  round {round_ + 1} {fmt:<5}: msgspec floor {count / floor_s:>10,.0f} rec/s "
                        f"({floor_s:.2f} s) | diamond batch {count / wall:>8,.0f} rec/s ({wall:.2f} s, cpu {cpu:.1f} s)"
                        f" | ratio {wall / floor_s:,.1f}x | peak RSS {rss_kib / 1024:,.0f} MiB"
                    )
            for fmt, results in runs.items():
                ratio = statistics.median(r[0] for r in results)
                wall = statistics.median(r[1] for r in results)
                print(
                    f"  --format {fmt:<5}: median of per-round ratios {ratio:,.1f}x | median {count / wall:,.0f} rec/s"
                    f" | peak RSS {max(r[2] for r in results) / 1024:,.0f} MiB"
                    f" | median CPU {statistics.median(r[3] for r in results):.1f} s"
                )
            path.unlink()


if __name__ == "__main__":
    main()

"""Instructions a batch spends per record, counted by valgrind's callgrind: a repeatable figure
(the same binary and input give the same count whatever else the machine is doing), for
comparing two versions of the core where wall times on a shared machine drift by 1.5x.

    python benchmarks/instructions.py                       # 20,000 golden records, jsonl and csv
    python benchmarks/instructions.py --records 5000 --formats jsonl --keep /tmp/bench

For each format it counts `diamond batch FILE --format F > /dev/null` over the first N records
of benchmarks/batch.py's input, and over its first record alone (the start-up: Python, imports,
the table), and prints (count(N) - count(1)) / (N - 1): what one more record costs, on every
thread (callgrind runs them one at a time). Library copies (`rep movsb`) count one instruction a
byte, so copying weighs more here than in wall time. Needs valgrind; reports and exits 0.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import diamond_command, records_file  # the sibling benchmark's input


def instructions(path: Path, fmt: str, workdir: Path) -> int:
    """Every instruction of one `diamond batch` run, all threads."""
    out = workdir / f"callgrind.{fmt}.{path.stem}"
    command = [diamond_command(), "batch", str(path), "--format", fmt]
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    summary = re.search(r"^summary: (\d+)", out.read_text(errors="replace"), re.MULTILINE)
    if summary is None:
        raise SystemExit(f"callgrind wrote no summary to {out}")
    return int(summary.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--formats", default="jsonl,csv")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated inputs there")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: nothing counted")
        return
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        source = records_file(workdir, max(args.records, 1_000))
        lines = source.read_bytes().splitlines(keepends=True)
        inputs = {}
        for count in (1, args.records):
            path = workdir / f"first-{count}.jsonl"
            path.write_bytes(b"".join(lines[:count]))
            inputs[count] = path
        for fmt in args.formats.split(","):
            one = instructions(inputs[1], fmt, workdir)
            many = instructions(inputs[args.records], fmt, workdir)
            per_record = (many - one) / (args.records - 1)
            print(
                f"--format {fmt}: {per_record:,.0f} instructions a record"
                f" ({many:,} for {args.records:,}, start-up {one:,})"
            )


if __name__ == "__main__":
    main()

"""The batch readers' golden data: inputs of every shape, and what Python's readers yield for them.

Run from the repository root with the reference Python (diamond_cli installed):

    /work/main/.venv/bin/python core/tests/data/io/make_golden.py

For each case it writes `cases/<name>.in` (the input's bytes) and `cases/<name>.out`: the
format chosen (`format <name>`), then one line per record in order, then the break-off if any:

    J <line> <record> <hex of the JSON bytes>
    V <line> <record> <the fields, canonical (see `canon`)>
    E <line> <record> <hex of the error text>
    C <line> <record> <hex of the error text> <hex of the row's nip or -> <hex of its account or ->
    B <hex of the break-off message>

`cases/<name>.name` holds the file name the format is chosen by (`-` for stdin), and
`cases/<name>.fmt` the `--input-format`, when given. Python's own gzip wording in a break-off
("Not a gzipped file (b'ju')", ...) is replaced by ours (see `OUR_GZIP_WORDS`), and so is the
csv module's advice to open the file "in universal-newline mode" (`CSV_OURS`): deliberate changes
of the Rust core.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from diamond_cli.batch import CellError, choose_format, open_input, read_records

from diamond_cli.errors import InputError

HERE = Path(__file__).parent
CASES = HERE / "cases"

OUR_GZIP_WORDS = [
    (
        "Compressed file ended before the end-of-stream marker was reached",
        "it ends before the end of the compressed data",
    ),
    ("Not a gzipped file", "what follows the compressed data is not gzip data"),
    ("CRC check failed", "the unpacked data does not match its checksum"),
    ("Incorrect length of data produced", "the unpacked data does not match its checksum"),
    ("Error -3 while decompressing data", "the compressed data is corrupt"),
    ("Unknown compression method", "a gzip header is invalid"),
]
GZIP_PREFIX = "the gzip data is damaged or cut short ("
# Python's csv module tells users to change how the program opens the file: ours says what is wrong.
CSV_THEIRS = "new-line character seen in unquoted field - do you need to open the file in universal-newline mode?"
CSV_OURS = "a carriage return (CR) inside an unquoted cell: end lines with LF or CRLF, or quote the cell"


def ours(message: str) -> str:
    message = message.replace(CSV_THEIRS, CSV_OURS)
    if not message.startswith(GZIP_PREFIX):
        return message
    for theirs, mine in OUR_GZIP_WORDS:
        if theirs in message:
            return f"{GZIP_PREFIX}{mine})"
    raise SystemExit(f"no wording of ours for {message!r}")


def canon(value: Any) -> str:
    """Fields as text both sides can write: numbers as Decimal's (sign, digits, exponent)."""
    if isinstance(value, bool):
        return "T" if value else "F"
    if value is None:
        return "N"
    if isinstance(value, (int, Decimal)):
        sign, digits, exponent = Decimal(value).as_tuple()
        return f"d{sign}:{''.join(map(str, digits))}:{exponent}"
    if isinstance(value, str):
        return "s" + value.encode().hex()
    if isinstance(value, list):
        return "[" + ",".join(canon(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(k.encode().hex() + ":" + canon(v) for k, v in value.items()) + "}"
    raise TypeError(type(value))


def hexed(text: str | None) -> str:
    return "-" if text is None else text.encode().hex()


def run(data: bytes, name: str, chosen: str | None) -> list[str]:
    out: list[str] = []
    try:
        stream = open_input(name if name != "-" else "-", io.BytesIO(data)) if name == "-" else None
        if stream is None:
            path = CASES / "tmp" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            stream = open_input(str(path), sys.stdin.buffer)
        fmt, readable = choose_format(name, stream, chosen)
        out.append(f"format {fmt}")
        for raw in read_records(readable, fmt):
            head = f"{raw.line} {raw.record}"
            payload = raw.payload
            if isinstance(payload, CellError):
                out.append(
                    f"C {head} {hexed(str(payload))} {hexed(payload.row.get('nip'))} {hexed(payload.row.get('account'))}"
                )
            elif isinstance(payload, InputError):
                out.append(f"E {head} {hexed(ours(str(payload)))}")
            elif isinstance(payload, dict):
                out.append(f"V {head} {canon(payload)}")
            else:
                out.append(f"J {head} {bytes(payload).hex()}")
    except InputError as exc:
        out.append(f"B {hexed(ours(str(exc)))}")
    return out


def jl(*records: Any) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode()


SELLER = {"seller": "a", "business_account": True, "quality": "GOOD", "revenue": {"Kids": 1000}}
PRETTY = json.dumps(SELLER, indent=2).encode()
GZ = gzip.compress(jl(SELLER, {"seller": "b"}, SELLER))
GZ_ARRAY = gzip.compress(json.dumps([SELLER, {"seller": "b"}, SELLER]).encode())


def corrupt_middle(packed: bytes) -> bytes:
    data = bytearray(packed)
    data[12] ^= 0xFF
    return bytes(data)


def bad_crc(packed: bytes) -> bytes:
    data = bytearray(packed)
    data[-8] ^= 0xFF
    return bytes(data)


CSV_HEAD = "seller,nip,account,business_account,quality,revenue.Kids,ratings.positive,ratings.negative\n"

# (name, input, file name, --input-format)
CASES_LIST: list[tuple[str, bytes, str, str | None]] = [
    # JSON Lines
    ("jsonl_basic", jl(SELLER, "", "   ", "\t\x0b\x0c", {"seller": "b"}, "{not json") + b"[1]", "-", "jsonl"),
    ("jsonl_bom", b"\xef\xbb\xbf" + jl(SELLER, SELLER), "-", "jsonl"),
    ("jsonl_bom_blank_first", b"\xef\xbb\xbf\n" + jl(SELLER), "-", "jsonl"),
    ("jsonl_second_bom", b"\xef\xbb\xbf\xef\xbb\xbf" + jl(SELLER), "-", "jsonl"),
    ("jsonl_bom_on_line_2", b"\n\xef\xbb\xbf" + jl(SELLER), "-", "jsonl"),
    ("jsonl_crlf", jl(SELLER).replace(b"\n", b"\r\n") * 2 + b"\r\n", "-", "jsonl"),
    ("jsonl_no_final_newline", jl(SELLER) + json.dumps(SELLER).encode(), "-", "jsonl"),
    ("jsonl_bad_utf8", b'{"seller": "\xff"}\n\xfe\xff\n' + jl(SELLER), "-", "jsonl"),
    ("jsonl_empty", b"", "-", "jsonl"),
    ("jsonl_blank_only", b"\n \n\r\n", "-", "jsonl"),
    ("jsonl_cr_alone", b'{"a": 1}\r{"b": 2}\r', "-", "jsonl"),
    ("jsonl_by_name", jl(SELLER), "sellers.NDJSON", None),
    # sniffing
    ("sniff_array", b"\n\n" + json.dumps([SELLER, SELLER]).encode(), "-", None),
    ("sniff_pretty_objects", b"\n" + PRETTY + json.dumps(SELLER).encode(), "-", None),
    ("sniff_jsonl", b"\n" + jl(SELLER, SELLER), "-", None),
    ("sniff_bom_array", b"\xef\xbb\xbf [1, 2]", "-", None),
    ("sniff_number", b"5\n6\n", "-", None),
    ("sniff_empty", b"", "-", None),
    ("sniff_blank", b"\n\n  ", "-", None),
    ("sniff_open_object_no_newline", b'{"a": 1', "-", None),
    ("sniff_bad_first_line", b'{"a": 1, }\n{"b": 2}\n', "-", None),
    ("sniff_huge_float", b'{"a": 1e999}\n{"b": 2}\n', "-", None),
    ("sniff_lone_surrogate", b'{"a": "\\ud800"}\n{"b": 2}\n', "-", None),
    ("sniff_by_extension_json", jl(SELLER, SELLER), "x.JSON", None),
    ("sniff_by_extension_csv_gz", gzip.compress(b"seller\na\n"), "x.csv.gz", None),
    ("sniff_gzip_stdin", gzip.compress(b"\n" + PRETTY + PRETTY), "-", None),
    # JSON arrays and objects one after another
    (
        "array_streamed",
        b'\xef\xbb\xbf[\n  {"a": "x,]}\\"", "b": [1, {"c": 2}]},\n\n  {"d": 1}, 5,\n  {"bad": }\n]\n',
        "-",
        "json",
    ),
    ("array_backslash_newline", b'[{"seller": "a\\\n"},\n{"seller": "b"},\n{"seller": "c"}]', "-", "json"),
    ("array_not_array", b"5", "-", "json"),
    ("array_empty_element", b"[1,,2]", "-", "json"),
    ("array_leading_comma", b"[,1]", "-", "json"),
    ("array_trailing_comma", b"[1,2,]", "-", "json"),
    ("array_not_closed", b"[1", "-", "json"),
    ("array_not_closed_after_comma", b'[{"a": 1},\n{"b": 2},\n', "-", "json"),
    ("array_cut_inside_element", b'[{"a": 1},\n{"b": [2, 3', "-", "json"),
    ("array_text_after", b"[1] x", "-", "json"),
    ("array_empty", b"[]\n\n", "-", "json"),
    ("array_nothing", b"", "-", "json"),
    ("array_blank", b" \n\t\r\n", "-", "json"),
    ("array_nested_brackets_in_strings", b'[{"a": "[[{{", "b": "]]}}\\\\"}, {"c": "\\"]"}]', "-", "json"),
    ("array_unclosed_string", b'[{"a": "x], 1]', "-", "json"),
    ("array_close_brace_at_depth_1", b"[1}, 2]", "-", "json"),
    ("array_crlf", b'[\r\n{"a": 1},\r\n{"b": 2}\r\n]\r\n', "-", "json"),
    ("objects_pretty", PRETTY + b"\n" + PRETTY + b"\n\n" + PRETTY, "-", "json"),
    ("objects_not_object", b'{"a": 1} 5', "-", "json"),
    ("objects_not_closed", b'{"a": 1}\n{"b": 2\n{"c": 3}\n', "-", "json"),
    ("objects_unclosed_string", b'{"a": 1}\n{"a": "x}\n', "-", "json"),
    ("objects_stray_bracket", b'{"a": ]}\n', "-", "json"),
    ("objects_bad_utf8", b'{"a": "\xff"}\n{"b": 1}', "-", "json"),
    # gzip
    ("gzip_jsonl", GZ, "sellers.jsonl.gz", None),
    ("gzip_array", GZ_ARRAY, "sellers.json.gz", None),
    ("gzip_cut_short", GZ[:-10], "sellers.jsonl.gz", None),
    ("gzip_cut_in_member", GZ + GZ[:15], "sellers.jsonl.gz", None),
    ("gzip_junk_after", GZ + b"junk", "sellers.jsonl.gz", None),
    ("gzip_junk_after_array", GZ_ARRAY + b"junk", "sellers.json.gz", None),
    ("gzip_one_junk_byte", GZ + b"j", "sellers.jsonl.gz", None),
    ("gzip_zero_padding", GZ + b"\0" * 7, "sellers.jsonl.gz", None),
    ("gzip_two_members", GZ + GZ, "sellers.jsonl.gz", None),
    ("gzip_magic_alone", b"\x1f\x8b", "-", None),
    ("gzip_empty", gzip.compress(b""), "-", None),
    ("gzip_bad_crc", bad_crc(GZ), "sellers.jsonl.gz", None),
    ("gzip_corrupt", corrupt_middle(GZ), "sellers.jsonl.gz", None),
    ("gzip_bad_method", b"\x1f\x8b\x07" + GZ[3:], "sellers.jsonl.gz", None),
    # CSV
    (
        "csv_comma",
        (CSV_HEAD + 'a,7740001454,acc,true,GOOD,1 234,5,10,0\nb,,,false,GOOD,"1 000,50",1e3,0\n').encode(),
        "-",
        "csv",
    ),
    (
        "csv_semicolon",
        "seller;business_account;quality;revenue.Kids;revenue.Dom i ogród;positive_ratings_pct;monthly_revenue\n"
        'a;tak;GOOD;1 234,56;0,5;99,5;"1;2; 3 ,4;;"\n'.encode(),
        "sellers.csv",
        None,
    ),
    (
        "csv_cell_errors",
        b"seller;revenue.Kids;business_account;quality\n\na;12x;true;GOOD\nb;1;maybe;GOOD\nc;1;true;GOOD;extra\n",
        "-",
        "csv",
    ),
    (
        "csv_cell_error_keeps_ids",
        (CSV_HEAD + "a,7740001454,main acc,maybe,GOOD,1,1,0\nb, ,  ,true,GOOD,x,1,0\n").encode(),
        "-",
        "csv",
    ),
    (
        "csv_counts",
        b'seller,ratings.positive,ratings.negative\na,1e3,1.5\nb,1e999999999,-0\nc,1e15,999999999999999\nd,150;00,0\ne,"1,0",0.0e5\n',
        "-",
        "csv",
    ),
    ("csv_blank_before_header", b"\n  \nseller,quality\n\na,GOOD\n", "-", "csv"),
    ("csv_cr_alone", b"seller,quality\ra,GOOD\rb,GOOD\r", "-", "csv"),
    ("csv_cr_alone_quoted_header", b'"seller",quality\ra,GOOD\r', "-", "csv"),
    ("csv_duplicate_columns", b"\nquality,revenue.Kids,revenue.Kids,Quality,quality\nGOOD,1,2,x,BAD\n", "-", "csv"),
    ("csv_duplicate_empty_columns", b"a,,\n1,2,3\n", "-", "csv"),
    ("csv_quoted_newlines", b'seller,quality\n"two\nlines",GOOD\nnext,GOOD\n"three\r\n\r\nlines",GOOD\n', "-", "csv"),
    ("csv_bom", b"\xef\xbb\xbfseller,quality\na,GOOD\n", "-", "csv"),
    # Since issue 13 the core reads these two as Windows-1250 (their first bytes are not UTF-8):
    # their .out files say what it reads, edited by hand; Python read them as bad UTF-8.
    ("csv_bad_utf8", b'seller,quality\n\xff,GOOD\nb,GOOD\n"c\n\xfe",GOOD\n', "-", "csv"),
    ("csv_bad_utf8_header", b"seller,qu\xffality\na,GOOD\n", "-", "csv"),
    ("csv_unclosed_quote", b'seller,quality\na,GOOD\n"b,GOOD\nc,GOOD\n', "-", "csv"),
    ("csv_quote_then_text", b'seller,quality\n"a"x,GOOD,more\nb,GOOD\n', "-", "csv"),
    ("csv_cr_inside_row", b"seller,quality\na\rb,GOOD\nc,GOOD\r\n", "-", "csv"),
    ("csv_blank_rows", b"seller,quality\n,\n \t, \nx,\n\n", "-", "csv"),
    ("csv_header_only", b"seller,quality\n", "-", "csv"),
    ("csv_empty", b"", "-", "csv"),
    ("csv_blank_only", b"\n\n  \n", "-", "csv"),
    ("csv_fewer_cells", b"seller,quality,business_account\na,GOOD\n", "-", "csv"),
    (
        "csv_unknown_and_odd_columns",
        b"seller,revenu.Kids,revenue.,Revenue.Kids, ratings.positive ,x\na,1,2,3,4,5\n",
        "-",
        "csv",
    ),
    ("csv_whole_map_column", b"seller,revenue.Kids,revenue\na,1,2\n", "-", "csv"),
    (
        "csv_lists",
        b'seller;other_accounts_quality;monthly_revenue\na;"GOOD; SUPER;;";"1;x"\nb;GOOD;"1,5;2"\n',
        "-",
        "csv",
    ),
    (
        "csv_bools",
        'seller,suspended,main,brand_zone\na,TAK,Nie,yes\nb,1,0,NO\nc,ye\u017f,ta\u212a,it\'s\nd,"a\u00a0b",x,y\n'.encode(),
        "-",
        "csv",
    ),
    ("csv_header_malformed", b'"seller"x,quality\na,GOOD\n', "-", "csv"),
    ("csv_header_unclosed", b'"seller,quality\na,GOOD\n', "-", "csv"),
    ("csv_delimiter_in_quotes", b'"a;b;c",d\n1,2\n', "-", "csv"),
    ("csv_semicolon_quote_error", b'a;b\n"x"y;2\n', "-", "csv"),
    ("csv_nul", b"seller,quality\na\x00b,GOOD\n", "-", "csv"),
    ("csv_unicode_spaces", "seller,quality\n\u3000a\u2003,\x1cGOOD\x1f\n\u00a0,\u2028\n".encode(), "-", "csv"),
    ("csv_no_final_newline", b"seller,quality\na,GOOD", "-", "csv"),
    (
        "csv_numbers",
        b'seller,positive_ratings_pct,category_growth_pct,exportable_pct,new_condition_pct,transaction_problems_pct\na,+.50,007.,1_000,-1.5E+03,1.2.3\nb,1 000 000,"1,5",1e-999999,0,-\n',
        "-",
        "csv",
    ),
]


def main() -> None:
    if CASES.exists():
        shutil.rmtree(CASES)
    CASES.mkdir()
    for name, data, file, chosen in CASES_LIST:
        (CASES / f"{name}.in").write_bytes(data)
        (CASES / f"{name}.name").write_text(file + "\n")
        if chosen is not None:
            (CASES / f"{name}.fmt").write_text(chosen + "\n")
        (CASES / f"{name}.out").write_text("\n".join(run(data, file, chosen)) + "\n")
    shutil.rmtree(CASES / "tmp", ignore_errors=True)
    print(f"{len(CASES_LIST)} cases written to {CASES}")


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------- grouping by NIP
#
# `group/<name>.in` (JSON Lines or CSV, by `group/<name>.fmt`) is read by `read_records` and fed
# to Python's `Grouper`; `group/<name>.out` lists its order of results:
#
#     R <line> <record> <hex of the row's error>
#     S <line> <record> <hex of the NIP> <hex of the accounts as JSON> <the merged fields, canonical>
#     X <line> <record> <hex of the NIP> <hex of the accounts as JSON> <the problems, canonical>
#
# The merged fields are `Company.fields()` (validated values: grades by name, ratings as an
# object); the problems are `[key, params]` pairs.

NIP_A = "7740001454"
NIP_B = "5260250274"
GROUP = HERE / "group"


def account(nip: str | None, name: Any, *, main: Any = False, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "nip": nip,
        "account": name,
        "main": main,
        "quality": "GOOD",
        "revenue": {"Kids": 1000000},
        "ratings": {"positive": 100, "negative": 0},
    }
    row.update(changes)
    return {k: v for k, v in row.items() if v is not ...}


def plain(value: Any) -> Any:
    from diamond_cli.models import Grade, Ratings

    if isinstance(value, Grade):
        return value.name
    if isinstance(value, Ratings):
        return {"positive": value.positive, "negative": value.negative}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


MONTHS = [100000 + 1000 * i for i in range(12)]
GROUP_CASES: list[tuple[str, bytes, str]] = [
    (
        "merges",
        jl(
            account(
                NIP_A,
                "main-a",
                main=True,
                business_account=True,
                ratings={"positive": 1000, "negative": 5},
                monthly_revenue=MONTHS,
                revenue={"Kids": 2500000},
                seller="Shop A",
            ),
            account(
                NIP_B,
                "solo",
                main=True,
                business_account=True,
                ratings={"positive": 10, "negative": 0},
                revenue={"Fashion": 10.5},
            ),
            account(
                NIP_A,
                "brand",
                quality="NEUTRAL",
                brand_zone=True,
                ratings={"positive": 1000, "negative": 4},
                monthly_revenue=MONTHS,
                revenue={"Kids": 2000000, "Fashion": 1.25},
                seller=12345,
            ),
        ),
        "jsonl",
    ),
    (
        "brand_zone_and_suspension",
        jl(
            account(NIP_A, "m", main=True, business_account=True, revenue={"Kids": 100000}, suspended=False),
            account(NIP_A, "bz", brand_zone=True, revenue={"Kids": 600000}, suspended=True),
            account(NIP_B, "m", main=True, revenue={}, brand_zone=True),
        ),
        "jsonl",
    ),
    ("two_main", jl(account(NIP_A, "x", main=True), account(NIP_A, "y", main=True)), "jsonl"),
    ("no_main", jl(account(NIP_A, "x"), account(NIP_A, "y")), "jsonl"),
    (
        "pct_twice",
        jl(
            account(NIP_A, "x", main=True, ratings=None, positive_ratings_pct=99.5),
            account(NIP_A, "y", ratings=None, positive_ratings_pct=99),
        ),
        "jsonl",
    ),
    (
        "pct_and_counts",
        jl(
            account(NIP_A, "x", main=True, ratings=..., positive_ratings_pct=99.5),
            account(NIP_A, "y"),
            account(NIP_A, "z", ratings=..., positive_ratings_pct=98),
        ),
        "jsonl",
    ),
    ("pct_once", jl(account(NIP_A, "x", main=True, ratings=..., positive_ratings_pct=99.5)), "jsonl"),
    (
        "differs",
        jl(
            account(NIP_A, "x", main=True, exportable_pct=60, business_account=True),
            account(NIP_A, "y", exportable_pct=60.0, business_account=False),
            account(NIP_A, "z", exportable_pct=40, new_condition_pct=50),
        ),
        "jsonl",
    ),
    (
        "months_differ",
        jl(account(NIP_A, "x", main=True, monthly_revenue=[1] * 12), account(NIP_A, "y", monthly_revenue=[1] * 24)),
        "jsonl",
    ),
    (
        "invalid_rows_in_order",
        jl(
            account(NIP_A, "x", main=True, business_account=True),
            {"account": "nonip", "main": True, "quality": "GOOD"},
            account(NIP_B, "y", main=True, business_account=True),
            account(NIP_A, "z", other_accounts_quality=["GOOD"]),
            account(NIP_A, True, brand_zone_revenue={"Kids": 1}),
            account(NIP_A, 7, main="yes"),
            account(NIP_A, None, brand_zone=None),
            account(NIP_A, 1.5),
            account(NIP_A, ["a"]),
            account(NIP_A, "q", quality=None),
            account(NIP_A, "r", quality=...),
            "{not json",
        ),
        "jsonl",
    ),
    (
        "bad_nips",
        jl(
            account("7740001455", "x", main=True),
            account(" PL 774-000-14-54 ", "y", main=True),
            account(7740001454, "z"),
            account(True, "t"),
            account("0000000000", "u"),
            account(None, "v"),
            account("abc", "w"),
        ),
        "jsonl",
    ),
    ("labels_default_to_lines", jl(account(NIP_A, ..., main=True), account(NIP_A, None)), "jsonl"),
    (
        "csv_bad_cells",
        b"nip,account,main,business_account,quality,revenue.Kids\n"
        b"7740001454,d1,maybe,true,GOOD,1\n7740001454,d2,true,true,GOOD,1\n"
        b"5260250274,,true,true,GOOD,12x\n5260250274,e2,true,true,GOOD,3\n,e3,true,true,GOOD,x\n",
        "csv",
    ),
]


def run_group(data: bytes, fmt: str) -> list[str]:
    import datetime as dt

    from diamond_cli.batch import Evaluator, Settings
    from diamond_cli.grouping import GroupConflict, Grouper

    from diamond_cli.models import TableRef
    from diamond_cli.thresholds import load_table

    table = load_table().in_force(dt.date(2026, 11, 23))
    evaluator = Evaluator(Settings(table, TableRef("t", "t", None, "t"), "en", "mask", None, "jsonl"))
    grouper = Grouper(evaluator)
    for raw in read_records(io.BufferedReader(io.BytesIO(data)), fmt):  # type: ignore[arg-type]
        grouper.add(raw)
    out = []
    for entry in grouper.order:
        if isinstance(entry, tuple):
            result = json.loads(entry[0])
            out.append(f"R {result['line']} {result['record']} {hexed(result['error'])}")
            continue
        company = grouper.companies[entry]
        head = f"{company.line} {company.record} {hexed(entry)} {hexed(json.dumps(company.accounts))}"
        try:
            fields = company.fields()
        except GroupConflict as exc:
            out.append(f"X {head} {canon(plain([[key, params] for key, params in exc.problems]))}")
        else:
            out.append(f"S {head} {canon(plain(fields))}")
    return out


def main_group() -> None:
    if GROUP.exists():
        shutil.rmtree(GROUP)
    GROUP.mkdir()
    for name, data, fmt in GROUP_CASES:
        (GROUP / f"{name}.in").write_bytes(data)
        (GROUP / f"{name}.fmt").write_text(fmt + "\n")
        (GROUP / f"{name}.out").write_text("\n".join(run_group(data, fmt)) + "\n")
    print(f"{len(GROUP_CASES)} grouping cases written to {GROUP}")


if __name__ == "__main__":
    main_group()

"""Golden outputs: what the installed `diamond` prints today for many varied inputs.

    python tests/golden/make.py           # regenerate every input and expected output

It writes, deterministically (a fixed seed, `--as-of` on every run, a fixed `DIAMOND_NIP_KEY`,
a fixed environment, gzip without a timestamp):

- `inputs/records.jsonl.gz`: seller records, one a line, valid ones of every kind and invalid
  ones of every kind (broken JSON, bad UTF-8 bytes, duplicated keys, blank lines, ...);
- `inputs/records.csv.gz`: the same records, those CSV can express, as a `;`-separated CSV with
  decimal commas, as Polish spreadsheets write them;
- `expected/<run>.out.gz`: the stdout of each run of `manifest.json` (batch in each output mode
  and language, each `--nip` mode, the CSV read back; `diamond check` of every file under
  `examples/` that it accepts, human view and JSON);
- `manifest.json`: each run's arguments, environment, stderr, exit code and stdout digest.

`tests/test_golden.py` runs the same commands and compares byte for byte. After a deliberate
change of the output, run this script again and read the diff of the decompressed files
(`git diff --text` after `zcat`, or `diff <(zcat a.gz) <(zcat b.gz)`): it shows exactly what
changed. `benchmarks/batch.py` imports `lines()` from here to make its inputs.
"""

from __future__ import annotations

import argparse
import copy
import csv
import gzip
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SEED = 20261201
COUNT = 20_000  # records (blank lines come on top)
# The `--nip hash|show` runs read records whose variants differ in the NIP alone (the rest is what
# the mask runs check): enough of them to need worker processes, few enough to stay small.
NIP_COUNT = 10_000
AS_OF = "2026-06-30"
# Everything the runs see besides PATH, HOME and TMPDIR: no locale, colour or width leaks in.
ENV = {
    "LC_ALL": "C.UTF-8",
    "PYTHONUTF8": "1",
    "COLUMNS": "100",
    "LINES": "50",
    "TERM": "dumb",
    "DIAMOND_NIP_KEY": "golden-key-do-not-use",
}

# ---------------------------------------------------------------- the shipped table, as of 2026
# (company, conditional, brand) thresholds, copied here so that the inputs stay put when the table
# changes: only the expected outputs should change then.
THRESHOLDS: dict[str, tuple[int, int, int]] = {
    "Automotive": (3_500_000, 1_750_000, 550_000),
    "Books & Media": (3_500_000, 1_750_000, 550_000),
    "Collectibles & Art": (2_200_000, 1_100_000, 550_000),
    "Electronics": (8_000_000, 6_000_000, 4_500_000),
    "Fashion": (3_200_000, 800_000, 350_000),
    "Health & Beauty": (5_000_000, 2_500_000, 2_000_000),
    "Home Decoration & Office": (6_000_000, 3_000_000, 1_500_000),
    "Industry": (7_000_000, 3_500_000, 1_800_000),
    "Bathroom & Heating": (8_000_000, 4_000_000, 1_800_000),
    "Tools & Accessories": (7_000_000, 3_500_000, 1_800_000),
    "Building & Accessories": (8_000_000, 4_000_000, 1_800_000),
    "Garden": (7_500_000, 3_750_000, 830_000),
    "Kids": (4_500_000, 2_250_000, 590_000),
    "Sport & Leisure": (7_000_000, 3_500_000, 2_000_000),
    "Supermarket": (7_300_000, 3_650_000, 1_000_000),
}
# How records spell each category: the canonical name first, then other cases, `and` for `&`,
# odd spacing and the Polish aliases.
SPELLINGS: dict[str, list[str]] = {
    "Automotive": ["Automotive", "automotive", "Motoryzacja", "MOTORYZACJA"],
    "Books & Media": ["Books & Media", "books and media", "Books&Media", "Kultura i rozrywka"],
    "Collectibles & Art": ["Collectibles & Art", "collectibles and art", "Kolekcje i sztuka"],
    "Electronics": ["Electronics", "ELECTRONICS", "Elektronika", "elektronika"],
    "Fashion": ["Fashion", "fashion", "Moda", "MODA"],
    "Health & Beauty": ["Health & Beauty", "health and beauty", "Health  &  Beauty", "Zdrowie i uroda"],
    "Home Decoration & Office": ["Home Decoration & Office", "home decoration and office", "Dom i biuro"],
    "Industry": ["Industry", "industry", "Przemysł", "PRZEMYSŁ"],
    "Bathroom & Heating": ["Bathroom & Heating", "Bathroom and Heating", "Łazienka i ogrzewanie"],
    "Tools & Accessories": ["Tools & Accessories", "tools&accessories", "Narzędzia i akcesoria"],
    "Building & Accessories": ["Building & Accessories", "building and accessories", "Budownictwo i akcesoria"],
    "Garden": ["Garden", "GARDEN", "Ogród", "ogród"],
    "Kids": ["Kids", "kids", "KIDS", "Dziecko", "dziecko"],
    "Sport & Leisure": ["Sport & Leisure", "Sport and Leisure", "sport&leisure", "Sport i turystyka"],
    "Supermarket": ["Supermarket", "SUPERMARKET", "supermarket"],
}
CATEGORIES = list(THRESHOLDS)
BAD_CATEGORIES = ["Kidz", "Elektronik", "Toys", "Fashon", "Ogrod", "", " ", "Kids & Toys", "Health & Beuty"]
# Pairs whose thresholds are all equal: only the table's order breaks their tie.
SAME_THRESHOLDS = [("Automotive", "Books & Media"), ("Industry", "Tools & Accessories"),
                   ("Bathroom & Heating", "Building & Accessories")]  # fmt: skip

GRADES = ["SUPER_PLUS", "SUPER", "GOOD", "NEUTRAL", "NEEDS_IMPROVEMENT", "UNACCEPTABLE"]
# At least GOOD, then below it: codes in any case with `-`/space for `_`, and the Polish names.
GOOD_GRADES = ["SUPER_PLUS", "SUPER", "GOOD", "good", "Good", " GOOD ", "super plus", "Super-Plus", "super_plus",
               "Super+", "super+", "Super", "Dobry", "DOBRY", "dobry"]  # fmt: skip
LOW_GRADES = ["NEUTRAL", "NEEDS_IMPROVEMENT", "UNACCEPTABLE", "needs improvement", "Needs-Improvement",
              "unacceptable", "neutral", "Neutralny", "NEUTRALNY", "Wymaga poprawy", "WYMAGA POPRAWY",
              "Nieakceptowalny", "nieakceptowalny"]  # fmt: skip
GRADE_SPELLINGS = GOOD_GRADES + LOW_GRADES
# Not grades: the `-` for `_` applies to the codes, not to the Polish names.
BAD_GRADES: list[Any] = ["wymaga-poprawy", "Super_Plus+", "GREAT", "Dobra", "good!", "", "  ", "SUPER PLUS+",
                         "Super++", "NEEDS__IMPROVEMENT", "bardzo dobry", "GOOD.", 3, None, True, ["GOOD"],
                         {"grade": "GOOD"}]  # fmt: skip

SELLER_LABELS: list[Any] = [
    "Sklep Łódź", "Żółta Gęś sp. z o.o.", "ŚWIĘTOKRZYSKIE-ĄĘĆŁŃÓŚŹŻ", "zażółć gęślą jaźń",
    'Sklep "Pod Lipą"', "O'Reilly & Sons", "back\\slash", "tab\there", "new\nline", "cr\rlf",
    "bell\u0007", "nul\u0000byte", "del\u007f", "esc\u001b[31mred", "\u2028line sep", "zero\u200bwidth",
    "rtl \u202eabc", "combining e\u0301", "🛒 Mega-Sklep 💎", "👨‍👩‍👧 family", "中文商店", "  padded  ",
    "", "x" * 300, "semi;colon", "comma,shop", "<b>html</b>", "{json}", "emoji only 🦄🦄🦄",
]  # fmt: skip
INT_SELLERS: list[Any] = [0, 7, 123456789, 987654321012, -42, 10**18, 10**30]
BAD_SELLERS: list[Any] = [1.5, True, None, ["shop"], {"name": "shop"}]


def nip_check_digit(digits: str) -> int:
    return sum(w * int(d) for w, d in zip((6, 5, 7, 2, 3, 4, 5, 6, 7), digits, strict=True)) % 11


def make_nips(rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    """Valid NIPs, and 9-digit stems whose check digit would be 10 (never valid)."""
    valid: list[str] = ["7740001454", "5260250274", "1234563218"]
    ten: list[str] = []
    while len(valid) < count or len(ten) < 8:
        stem = f"{rng.randrange(10**8, 10**9)}"
        check = nip_check_digit(stem)
        if check == 10:
            ten.append(stem)
        elif len(valid) < count:
            valid.append(stem + str(check))
    return valid, ten[:8]


def spell_nip(rng: random.Random, nip: str) -> Any:
    """A valid NIP as people write it."""
    style = rng.randrange(12)
    if style == 0:
        return f"PL{nip}"
    if style == 1:
        return f"pl {nip}"
    if style == 2:
        return f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
    if style == 3:
        return f"{nip[:3]}-{nip[3:5]}-{nip[5:7]}-{nip[7:]}"
    if style == 4:
        return f"{nip[:3]} {nip[3:6]} {nip[6:8]} {nip[8:]}"
    if style == 5:
        return f"  PL {nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]} "
    if style == 6 and nip[0] != "0":
        return int(nip)
    if style == 7:
        return nip[:5] + "\u00a0" + nip[5:]
    if style == 8:
        return "Pl" + nip
    return nip


def bad_nip(rng: random.Random, nip: str, ten: list[str]) -> Any:
    wrong_digit = nip[:9] + str((int(nip[9]) + rng.randrange(1, 10)) % 10)
    return rng.choice(
        [
            wrong_digit,
            f"PL{wrong_digit}",
            rng.choice(ten) + str(rng.randrange(10)),  # a remainder of 10 is never valid
            "0000000000",
            "PL0000000000",
            0,
            nip[:9],
            nip + "0",
            int(nip[:9]),
            int(nip) * 10,
            -int(nip),
            f"{nip[:3]}.{nip[3:6]}.{nip[6:]}",
            "PL",
            "",
            "NIP " + nip,
            "DE" + nip,
            nip[:4] + "O" + nip[5:],
            "".join(chr(0xFF10 + int(d)) for d in nip),  # full-width digits
            float(nip),
            True,
            [nip],
        ]
    )


# ---------------------------------------------------------------- JSON text


class Raw(str):
    """JSON text written as is: numbers Python would not spell that way, broken values."""


class Pairs(list[tuple[str, Any]]):
    """An object as its (key, value) pairs: it may repeat a key."""


def dump(value: Any, compact: bool, ascii_only: bool) -> str:
    comma, colon = (",", ":") if compact else (", ", ": ")
    if isinstance(value, Raw):
        return str(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=ascii_only)
    if isinstance(value, (dict, Pairs)):
        items = value.items() if isinstance(value, dict) else value
        inner = comma.join(
            json.dumps(k, ensure_ascii=ascii_only) + colon + dump(v, compact, ascii_only) for k, v in items
        )
        return "{" + inner + "}"
    if isinstance(value, list):
        return "[" + comma.join(dump(v, compact, ascii_only) for v in value) + "]"
    raise TypeError(type(value))


# ---------------------------------------------------------------- records

Record = dict[str, Any]


class Maker:
    """Varied seller records from one seeded generator; every choice is drawn from `self.rng`."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nips, self.ten = make_nips(self.rng, 40)

    # ------------------------------------------------ figures

    def amount(self, category: str) -> Any:
        """A 12-month revenue near the category's thresholds, or a round figure."""
        rng = self.rng
        company, conditional, brand = THRESHOLDS[category]
        limit = rng.choice([company, company, conditional, brand])
        pick = rng.randrange(14)
        if pick == 0:
            return limit
        if pick == 1:
            return limit - 1
        if pick == 2:
            return float(f"{limit - 1}.99")
        if pick == 3:
            return limit + 1
        if pick == 4:
            return 0
        if pick == 5:
            return float(limit)  # 4500000.0
        if pick == 6:
            return Raw(f"{limit}.000")
        if pick == 7:
            return Raw(f"{limit - 1}.999999999999")  # 12 decimal places: the most allowed
        return round(company * rng.choice([0.1, 0.25, 0.5, 0.8, 0.95, 1.05, 1.2, 1.5, 2, 3]))

    def revenue(self, main: str, good: bool = False) -> Record:
        rng = self.rng
        spelled = rng.choice(SPELLINGS[main])
        company = THRESHOLDS[main][0]
        amount = rng.choice([company, company + 1, company * 2, float(company)]) if good else self.amount(main)
        result: Record = {spelled: amount}
        others = rng.sample([c for c in CATEGORIES if c != main], rng.choice([0, 0, 1, 1, 2, 3]))
        for other in others:
            result[rng.choice(SPELLINGS[other])] = rng.randrange(0, 10) * 100_000
        if rng.random() < 0.12:  # a tie with another category
            if rng.random() < 0.3:
                pair = rng.choice(SAME_THRESHOLDS)
                result = {rng.choice(SPELLINGS[pair[0]]): 0, rng.choice(SPELLINGS[pair[1]]): 0}
                rival = pair[1]
                value = rng.choice([0, 1_000_000, 3_500_000, 8_000_000])
                result = dict.fromkeys(result, value)
            else:
                rival = rng.choice([c for c in CATEGORIES if c != main and c not in others])
                result[rng.choice(SPELLINGS[rival])] = result[spelled]
            items = list(result.items())
            rng.shuffle(items)
            result = dict(items)
        if rng.random() < 0.02:
            result = dict.fromkeys(result, 0)  # all zero: a tie like any other
        return result

    def months(self, good: bool = False) -> list[Any]:
        rng = self.rng
        count = 24 if rng.random() < 0.35 else 12
        base = rng.choice([0, 1000, 25_000, 100_000, 400_000, 750_000])
        shape = rng.choice([1, 4, 7, 8]) if good else rng.randrange(10)
        if shape == 0:
            return [base] * count  # flat: not growing
        if shape == 1:
            step = rng.choice([1, 500, 5000])
            return [base + step * i for i in range(count)]
        if shape == 2:
            step = rng.choice([1, 500, 5000])
            return [max(0, base + step * (count - i)) for i in range(count)]
        if shape == 3:
            return [0] * count
        if shape == 4 and count == 24:
            return [0] * 12 + [base + 1] * 12  # previous year zero, this year not
        if shape == 5 and count == 24:
            return [500_000] * 12 + [499_999] * 12
        if shape == 6:
            return [base * rng.choice([0, 1, 2]) for _ in range(count)]
        if shape == 7:
            return [round(base * (1 + 0.3 * ((i % 12) in (10, 11))) + i, 2) for i in range(count)]
        if shape == 8:
            if rng.random() < 0.2:  # the largest amounts, and 19 significant digits: sums beyond a double's precision
                return [
                    rng.choice([10**15 - 1, Raw("999999.999999999999"), Raw("0.000000000001")]) for _ in range(count)
                ]
            return [float(f"{base + i}.5") for i in range(count)]
        return [rng.choice([base, base + 10_000, base + 20_000]) for _ in range(count)]

    def grade(self) -> str:
        return self.rng.choice(GRADE_SPELLINGS)

    def pct(self, near: float) -> Any:
        """A percentage near a limit, as a number or as Allegro's API writes it."""
        rng = self.rng
        text = f"{near}"
        return rng.choice(
            [
                near,
                int(near) if near == int(near) else near,
                text.replace(".", ","),
                f" {text} ",
                near - 0.01,
                near + 0.01,
                Raw(f"{float(near):.8f}"),
                round(near - 0.000001, 6),
                0,
                100,
                rng.randrange(0, 101),
                rng.randrange(0, 1001) / 10,
                f"{rng.randrange(0, 100)},{rng.randrange(0, 10)}",
            ]
        )

    def ratings(self, record: Record, good: bool = False) -> None:
        rng = self.rng
        style = rng.randrange(10)
        passing = [(2400, 12), (1188, 12), (99, 1), (9900, 100), (100, 0), (54321, 123)]
        counts = rng.choice(passing)
        if not good:
            counts = rng.choice(
                [
                    (2400, 12),
                    (1188, 12),
                    (1187, 12),
                    (99, 1),
                    (98, 1),
                    (19799, 200),  # 98.995%: fails
                    (9900, 100),
                    (0, 0),
                    (100, 0),
                    (0, 5),
                    (10**9, 10**7),
                    (10**15 - 1, 10**13),
                    (rng.randrange(0, 50_000), rng.randrange(0, 300)),
                ]
            )
        if style < 7:
            record["ratings"] = {"positive": counts[0], "negative": counts[1]}
        if style >= 5:
            record["positive_ratings_pct"] = rng.choice(
                [99, 99.0, "99,8", "99.8", " 99,8 ", 98.995, "98,995", 99.5, 100, 0, "100", 98.9, 98.99999999,
                 Raw("99.000"), "99,0", 98.999999999999, Raw("9.9e1"), Raw("9.8995E+1"), Raw("99.50")]
            )  # fmt: skip

    def record(self, label: Any, good: bool) -> Record:
        """A valid record (some choices may still make an input error, as real data would); a
        `good` one meets every required criterion, so that each variant's one change shows."""
        rng = self.rng
        main = rng.choice(CATEGORIES)
        record: Record = {"seller": label}
        if rng.random() < 0.75:
            nip = rng.choice(self.nips)
            record["nip"] = spell_nip(rng, nip)
        record["business_account"] = good or rng.random() > 0.05
        self.ratings(record, good)
        record["quality"] = rng.choice(GOOD_GRADES) if good else self.grade()
        if rng.random() < 0.7:
            grades = [*GOOD_GRADES, "NEUTRAL", "Neutralny", "neutral"] if good else GRADE_SPELLINGS
            record["other_accounts_quality"] = [rng.choice(grades) for _ in range(rng.choice([0, 1, 1, 2, 3, 5]))]
        record["revenue"] = self.revenue(main, good)
        if good or rng.random() < 0.8:
            record["monthly_revenue"] = self.months(good)
        if rng.random() < 0.35:
            growth = rng.choice([(14, 9), (9, 9), (9.5, 9.49), (-5, -10), (-10, -5), (0, 0), (1000, 0), ("14,5", "9,5"),
                                 (14, None), (None, 9), (" 3.5 ", "3,4"), (-100, -100)])  # fmt: skip
            for name, value in zip(("category_growth_pct", "category_market_growth_pct"), growth, strict=True):
                if value is not None:
                    record[name] = value
        if rng.random() < 0.15:
            company, _, brand = THRESHOLDS[main]
            value = rng.choice([brand, brand - 1, brand + 1, brand // 2, 0, company])
            brand_zone: Record = {rng.choice(SPELLINGS[main]): value}
            if rng.random() < 0.3:
                other = rng.choice(CATEGORIES)
                if other != main:
                    brand_zone[rng.choice(SPELLINGS[other])] = rng.choice([value, 100_000, 2_000_000])
            record["brand_zone_revenue"] = brand_zone
        if rng.random() < 0.25:
            record["suspended"] = not good and rng.random() < 0.4
        for name, limit in (("transaction_problems_pct", 2.0), ("exportable_pct", 50), ("new_condition_pct", 50)):
            if good and rng.random() < 0.7:
                record[name] = rng.choice([0.8, 1.5, 65, 98]) if name == "transaction_problems_pct" else 100
                record[name] = rng.choice([0.8, 1.5, 2]) if name == "transaction_problems_pct" else record[name]
            elif rng.random() < 0.7:
                record[name] = self.pct(limit) if rng.random() < 0.6 else self.pct(rng.choice([0.8, 65, 98]))
        if rng.random() < 0.05:
            del record["seller"]
        return record

    # ------------------------------------------------ variants: one change each, valid or not

    def variant(self, base: Record) -> Record | Pairs | Raw:
        rng = self.rng
        record = copy.deepcopy(base)
        change = rng.choice(self.CHANGES)
        result = change(self, record)
        return record if result is None else result

    def nip_variant(self, base: Record) -> Record:
        rng = self.rng
        record = copy.deepcopy(base)
        roll = rng.random()
        if roll < 0.55:
            record["nip"] = spell_nip(rng, rng.choice(self.nips))
        elif roll < 0.9:
            record["nip"] = bad_nip(rng, rng.choice(self.nips), self.ten)
        elif roll < 0.95:
            record.pop("nip", None)
        else:
            record["nip"] = rng.choice([spell_nip(rng, rng.choice(self.nips)), bad_nip(rng, self.nips[0], self.ten)])
            rng.choice([Maker._bad_value, Maker._wrong_type, Maker._typo, Maker._missing])(self, record)
        return record

    def _valid_revenue(self, record: Record) -> None:
        record["revenue"] = self.revenue(self.rng.choice(CATEGORIES))

    def _valid_ratings(self, record: Record) -> None:
        record.pop("ratings", None)
        record.pop("positive_ratings_pct", None)
        self.ratings(record)

    def _valid_grade(self, record: Record) -> None:
        key = self.rng.choice(["quality", "other_accounts_quality"])
        if key == "quality":
            record["quality"] = self.grade()
        else:
            record["other_accounts_quality"] = [self.grade() for _ in range(self.rng.randrange(4))]

    def _valid_months(self, record: Record) -> None:
        record["monthly_revenue"] = self.months()

    def _drop_optional(self, record: Record) -> None:
        optional = [k for k in record if k not in ("business_account", "quality", "revenue", "ratings")]
        if optional:
            del record[self.rng.choice(optional)]

    def _flip(self, record: Record) -> None:
        key = self.rng.choice(["business_account", "suspended"])
        record[key] = not record.get(key, False)

    def _seller(self, record: Record) -> None:
        rng = self.rng
        record["seller"] = rng.choice(SELLER_LABELS + INT_SELLERS)

    def _nip(self, record: Record) -> None:
        record["nip"] = spell_nip(self.rng, self.rng.choice(self.nips))

    def _near_limits(self, record: Record) -> None:
        rng = self.rng
        name, limit = rng.choice([("transaction_problems_pct", 2.0), ("exportable_pct", 50), ("new_condition_pct", 50)])
        record[name] = rng.choice([limit, limit + 0.01, limit - 0.01, Raw(f"{float(limit)}0000000001"),
                                   Raw(f"{int(limit) - 1}.999999999999"), f"{limit}".replace(".", ",")])  # fmt: skip

    def _brand(self, record: Record) -> None:
        rng = self.rng
        main = rng.choice(CATEGORIES)
        brand = THRESHOLDS[main][2]
        record["brand_zone_revenue"] = {rng.choice(SPELLINGS[main]): rng.choice([brand, brand - 1, brand * 2])}
        record["revenue"] = {rng.choice(SPELLINGS[main]): rng.choice([brand, THRESHOLDS[main][1] - 1, 0])}

    def _conditional(self, record: Record) -> None:
        rng = self.rng
        main = rng.choice(CATEGORIES)
        company, conditional, _ = THRESHOLDS[main]
        record["revenue"] = {rng.choice(SPELLINGS[main]): rng.choice([conditional, company - 1, conditional - 1])}
        growth = rng.choice([(14, 9), (9, 9), (None, None), (14, None), ("9,01", "9"), (-1, -1.5)])
        for name, value in zip(("category_growth_pct", "category_market_growth_pct"), growth, strict=True):
            if value is None:
                record.pop(name, None)
            else:
                record[name] = value

    def _shuffle(self, record: Record) -> None:
        items = list(record.items())
        self.rng.shuffle(items)
        record.clear()
        record.update(items)

    def _knock_out(self, record: Record) -> None:
        """Make one required rule fail, or be unknown, or one discretionary point flag."""
        rng = self.rng
        pick = rng.randrange(9)
        if pick == 0:
            record["business_account"] = False
        elif pick == 1:
            counts = rng.choice([(1187, 12), (19799, 200), (0, 0), (98, 1)])
            record["ratings"] = {"positive": counts[0], "negative": counts[1]}
        elif pick == 2:
            record["quality"] = rng.choice(LOW_GRADES)
        elif pick == 3:
            record["other_accounts_quality"] = ["GOOD", rng.choice(LOW_GRADES[1:3] + LOW_GRADES[9:])]
        elif pick == 4:
            record["monthly_revenue"] = rng.choice([[500_000] * 12 + [499_999] * 12, [100] * 12, [0] * 12])
        elif pick == 5:
            record.pop("monthly_revenue", None)
        elif pick == 6:
            record["suspended"] = True
        else:
            name, value = rng.choice([("transaction_problems_pct", 2.01), ("exportable_pct", 49.99),
                                      ("new_condition_pct", "49,999999"), ("exportable_pct", 30)])  # fmt: skip
            record[name] = value

    # invalid ones

    def _typo(self, record: Record) -> None:
        rng = self.rng
        wrong = rng.choice(["revenu", "Revenue", "quallity", "bussiness_account", "business-account",
                            "monthly_revenues", "monthly", "nip ", "Seller", "exportable", "new_condition",
                            "category_growth", "brand_zone", "account", "main", "suspend", "transaction_problems",
                            "positive_ratings", "ratings_pct", "other_accounts", "ocena", "przychód"])  # fmt: skip
        record[wrong] = record.get(wrong.strip().lower(), 1)

    def _nested_typo(self, record: Record) -> None:
        rng = self.rng
        record["ratings"] = rng.choice(
            [{"positve": 10, "negative": 0}, {"positive": 10, "negatives": 1}, {"positive": 10},
             {"negative": 1}, {"positive": 10, "negative": 0, "neutral": 3}, {}]
        )  # fmt: skip

    def _wrong_type(self, record: Record) -> None:
        rng = self.rng
        name, value = rng.choice(
            [
                ("business_account", "true"),
                ("business_account", 1),
                ("business_account", None),
                ("business_account", "tak"),
                ("suspended", "no"),
                ("suspended", 0),
                ("quality", rng.choice(BAD_GRADES)),
                ("other_accounts_quality", "GOOD"),
                ("other_accounts_quality", ["GOOD", rng.choice(BAD_GRADES)]),
                ("other_accounts_quality", None),
                ("revenue", [1, 2]),
                ("revenue", "Kids=5000000"),
                ("revenue", {"Kids": "5000000"}),
                ("revenue", {"Kids": "5 000 000,00"}),
                ("revenue", {"Kids": None}),
                ("revenue", {"Kids": True}),
                ("revenue", {"Kids": [1]}),
                ("ratings", [2400, 12]),
                ("ratings", "2400/12"),
                ("ratings", {"positive": "2400", "negative": 12}),
                ("ratings", {"positive": 10.5, "negative": 0}),
                ("ratings", {"positive": Raw("10.0"), "negative": Raw("1e1")}),  # whole numbers, written otherwise
                ("ratings", {"positive": 2**63, "negative": 0}),  # beyond 64-bit integers
                ("ratings", {"positive": 2**64 + 1, "negative": 2**63 - 1}),
                ("ratings", {"positive": True, "negative": 0}),
                ("monthly_revenue", {"jan": 1}),
                ("monthly_revenue", "1,2,3,4,5,6,7,8,9,10,11,12"),
                ("monthly_revenue", [*range(11), "11"]),
                ("monthly_revenue", [*range(11), None]),
                ("monthly_revenue", [*range(11), [1]]),
                ("positive_ratings_pct", True),
                ("positive_ratings_pct", [99]),
                ("transaction_problems_pct", {"pct": 1}),
                ("exportable_pct", False),
                ("brand_zone_revenue", 600000),
                ("brand_zone_revenue", ["Kids"]),
                ("category_growth_pct", "fast"),
                ("seller", rng.choice(BAD_SELLERS)),
                ("nip", bad_nip(rng, rng.choice(self.nips), self.ten)),
                ("nip", bad_nip(rng, rng.choice(self.nips), self.ten)),
                ("nip", bad_nip(rng, rng.choice(self.nips), self.ten)),
            ]
        )
        record[name] = value

    def _bad_value(self, record: Record) -> None:
        rng = self.rng
        name, value = rng.choice(
            [
                ("revenue", {}),
                ("revenue", {rng.choice(BAD_CATEGORIES): 1_000_000}),
                ("revenue", {"Kids": 1, "Dziecko": 2}),  # one category twice, by its alias
                ("revenue", {"Kids": -1}),
                ("revenue", {"Kids": -0.01}),
                ("revenue", {"Kids": Raw("-0.0")}),
                ("revenue", {"Kids": Raw("1e15")}),
                ("revenue", {"Kids": 10**15}),
                ("revenue", {"Kids": 10**15 - 1}),
                ("revenue", {"Kids": Raw("999999999999999.999999999999")}),
                ("revenue", {"Kids": Raw("1e400")}),
                ("revenue", {"Kids": Raw("1E-400")}),
                ("revenue", {"Kids": Raw("9" * 5000)}),
                ("revenue", {"Kids": Raw("0.0000000000001")}),
                ("revenue", {"Kids": Raw("1.0000000000000")}),
                ("revenue", {"Kids": Raw("NaN")}),
                ("revenue", {"Kids": Raw("Infinity")}),
                ("revenue", {"Kids": Raw("-Infinity")}),
                ("monthly_revenue", [400_000] * 11),
                ("monthly_revenue", [400_000] * 13),
                ("monthly_revenue", [400_000] * 23),
                ("monthly_revenue", []),
                ("monthly_revenue", [*[400_000] * 11, -1]),
                ("monthly_revenue", [*[400_000] * 11, Raw("1e16")]),
                ("monthly_revenue", [*[400_000] * 11, Raw("0.1234567890123")]),
                ("ratings", {"positive": -1, "negative": 0}),
                ("ratings", {"positive": 10, "negative": -3}),
                ("ratings", {"positive": 10**16, "negative": 0}),
                ("positive_ratings_pct", 101),
                ("positive_ratings_pct", -0.1),
                ("positive_ratings_pct", "5e1"),
                ("positive_ratings_pct", "9_9"),
                ("positive_ratings_pct", "99,8%"),
                ("positive_ratings_pct", "NaN"),
                ("positive_ratings_pct", ""),
                ("positive_ratings_pct", "99,,8"),
                ("positive_ratings_pct", "1.000,5"),
                ("transaction_problems_pct", 100.01),
                ("transaction_problems_pct", -1),
                ("exportable_pct", "abc"),
                ("exportable_pct", Raw("1e2")),
                ("new_condition_pct", "  "),
                ("new_condition_pct", Raw("50.0000000000001")),
                ("category_growth_pct", Raw("1e999999999")),
                ("category_market_growth_pct", "-"),
                ("category_growth_pct", -1e20),
                ("brand_zone_revenue", {}),
                ("brand_zone_revenue", {"Kidz": 600_000}),
                ("brand_zone_revenue", {"Kids": -600_000}),
                ("other_accounts_quality", [rng.choice(BAD_GRADES)]),
                ("quality", rng.choice(BAD_GRADES)),
            ]
        )
        record[name] = value

    def _missing(self, record: Record) -> None:
        rng = self.rng
        for name in rng.choice([["business_account"], ["quality"], ["revenue"], ["ratings", "positive_ratings_pct"]]):
            record.pop(name, None)

    def _duplicated(self, record: Record) -> Pairs:
        rng = self.rng
        pairs = Pairs(record.items())
        where = rng.randrange(3)
        if where == 0:
            key, value = rng.choice(pairs)
            pairs.insert(rng.randrange(len(pairs) + 1), (key, value))
        elif where == 1:
            pairs.append(("revenue", Pairs([("Kids", 1), ("Kids", 1)])))
        else:
            pairs.append(("ratings", Pairs([("positive", 1), ("negative", 0), ("positive", 2)])))
        return pairs

    def _not_an_object(self, record: Record) -> Raw:
        return Raw(self.rng.choice(["[]", "[{}]", "42", '"seller"', "null", "true", "{}", "[1,2,3]", "-0", "1e5"]))

    CHANGES: ClassVar[list[Callable[[Maker, Record], Any]]] = [
        _valid_revenue, _valid_revenue, _valid_ratings, _valid_ratings, _valid_grade, _valid_months, _valid_months,
        _drop_optional, _flip, _seller, _seller, _nip, _near_limits, _near_limits, _brand, _conditional,
        _conditional, _shuffle, _knock_out, _knock_out, _knock_out, _knock_out, _knock_out, _knock_out,
        _valid_revenue, _valid_ratings, _near_limits, _brand, _seller, _nip, _valid_grade, _valid_months, _flip,
        _typo, _nested_typo, _wrong_type, _wrong_type, _bad_value, _bad_value, _bad_value, _missing, _duplicated,
        _not_an_object,
    ]  # fmt: skip


def broken_line(rng: random.Random, text: str) -> bytes:
    """A line that is not one JSON value: cut short, bad syntax, bad UTF-8 bytes, two on a line."""
    pick = rng.randrange(16)
    data = text.encode()
    if pick == 0:
        return data[: max(1, len(data) // 2)]
    if pick == 1:
        return data[:-1] + b",}"
    if pick == 2:
        return data.replace(b'"', b"'")
    if pick == 3:
        return data.replace(b'"quality"', b"quality", 1) if b'"quality"' in data else b"{quality: 1}"
    if pick == 4:
        return data + b" " + data
    if pick == 5:
        return data.replace(b",", b"", 1)
    if pick == 6:
        return b'{"seller": "bad \xff byte", "business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}}'
    if pick == 7:
        return b'{"seller": "cut \xc5", "business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}}'
    if pick == 8:
        return b'{"seller": "overlong \xc0\xaf", "business_account": true}'
    if pick == 9:
        return b'{"seller": "surrogate \xed\xa0\x80"}'
    if pick == 10:
        return b'{"seller": "lone \\ud800", "business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}}'
    if pick == 11:
        return b'{"seller": "raw\tcontrol", "business_account": true, "quality": "GOOD", "revenue": {"Kids": 1}}'
    if pick == 12:
        return b"[" * 5000 + b"]" * 5000
    if pick == 13:
        return b'{"business_account": true, "quality": "GOOD", "revenue": {"Kids": NaN}}'
    if pick == 14:
        return b"// a comment " + data
    return b"}" if rng.random() < 0.5 else b'{"seller": "a pretty-printed record starts here",'


def lines(count: int, seed: int = SEED, nips_only: bool = False) -> Iterator[tuple[bytes, Any]]:
    """(line, record) pairs: `count` records as JSON Lines, with blank lines between some.

    `line` has its line end; `record` is the value written (a dict, Pairs or Raw), or None for
    broken text and blank lines. Families of records (a base and variants of it, each with one
    change) keep outputs alike within a few kilobytes, which keeps the compressed files small.
    With `nips_only`, the variants differ from their base in the NIP alone (or the NIP and one
    other error): what the `--nip` modes change.
    """
    maker = Maker(seed)
    rng = maker.rng
    written = 0
    family = 0
    while written < count:
        family += 1
        label: Any = rng.choice(SELLER_LABELS) if rng.random() < 0.15 else f"shop-{family}"
        if rng.random() < 0.04:
            label = rng.choice(INT_SELLERS)
        base = maker.record(label, good=rng.random() < 0.5)
        members: list[Any] = [base]
        for _ in range(rng.choice([5, 8, 11, 14, 17, 20])):
            members.append(maker.nip_variant(base) if nips_only else maker.variant(base))
        for value in members:
            if written >= count:
                break
            compact = rng.random() < 0.5
            text = dump(value, compact=compact, ascii_only=rng.random() < 0.2)
            roll = rng.random()
            if roll < 0.012:
                data, value = broken_line(rng, text), None
            else:
                data = text.encode()
                if roll < 0.02:
                    data = b"  " + data + b"\t"
            end = b"\r\n" if rng.random() < 0.03 else b"\n"
            if written == 0:
                data = b"\xef\xbb\xbf" + data  # a byte-order mark starts the file
            yield data + end, value
            written += 1
            if rng.random() < 0.01:
                yield rng.choice([b"\n", b"   \n", b"\t\n", b"\r\n"]), None


# ---------------------------------------------------------------- CSV

SCALAR_COLUMNS = ["seller", "nip", "business_account", "ratings.positive", "ratings.negative", "positive_ratings_pct",
                  "quality", "other_accounts_quality"]  # fmt: skip
LATER_COLUMNS = ["monthly_revenue", "category_growth_pct", "category_market_growth_pct", "suspended",
                 "transaction_problems_pct", "exportable_pct", "new_condition_pct"]  # fmt: skip
BOOL_SPELLINGS = {True: ["true", "TRUE", "tak", "Tak", "yes", "1"], False: ["false", "nie", "NIE", "no", "0"]}


def csv_number(rng: random.Random, value: Any, group: bool = True) -> str | None:
    """A number as a Polish spreadsheet writes it: a decimal comma, maybe spaces between thousands."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Raw, str)):
        return None
    if isinstance(value, str) and not isinstance(value, Raw):
        return value  # a percentage written as text ("99,8"): already as a spreadsheet has it
    text = str(value) if not isinstance(value, float) else repr(value)
    if "e" in text.lower() or "n" in text.lower() or len(text) > 40:
        return text  # 1e400, NaN, Infinity, 5000 digits: as they are
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = digits.partition(".")
    if group and rng.random() < 0.5 and len(whole) > 3:
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = " ".join([whole, *groups])
    return sign + whole + ("," + fraction if dot else "")


def csv_cells(rng: random.Random, record: Any) -> dict[str, str] | None:
    """The record's cells by column, or None where CSV cannot say it."""
    if not isinstance(record, dict):
        return None
    cells: dict[str, str] = {}
    for name, value in record.items():
        if name in ("seller", "nip", "quality"):
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                return None
            if isinstance(value, str) and ("\x00" in value or "\r" in value):
                return None  # the csv module refuses NUL; a lone CR would end the line
            cells[name] = str(value)
        elif name in ("business_account", "suspended"):
            if not isinstance(value, bool):
                return None
            cells[name] = rng.choice(BOOL_SPELLINGS[value])
        elif name == "ratings":
            if not isinstance(value, dict) or set(value) - {"positive", "negative"}:
                return None
            for key, count in value.items():
                cell = csv_number(rng, count)
                if cell is None:
                    return None
                cells[f"ratings.{key}"] = cell
        elif name in ("revenue", "brand_zone_revenue"):
            if not isinstance(value, dict) or not value:
                return None
            for key, amount in value.items():
                cell = csv_number(rng, amount)
                if cell is None or not key.strip() or key != key.strip():
                    return None
                cells[f"{name}.{key}"] = cell
        elif name == "monthly_revenue":
            if not isinstance(value, list) or not value:
                return None
            parts = [csv_number(rng, v, group=False) for v in value]
            if any(p is None for p in parts):
                return None
            cells[name] = ";".join(p for p in parts if p is not None)
        elif name == "other_accounts_quality":
            if not isinstance(value, list) or not all(isinstance(g, str) and g.strip() and ";" not in g for g in value):
                return None
            cells[name] = ";".join(g.strip() for g in value)
        elif name in LATER_COLUMNS or name == "positive_ratings_pct":
            cell = csv_number(rng, value)
            if cell is None:
                return None
            cells[name] = cell
        else:
            return None  # an unknown field would be an unknown column: an error of the whole file
    return cells


def write_csv(path: Path, records: list[Any], seed: int) -> int:
    """The records CSV can express, `;`-separated, and a few rows only CSV can get wrong."""
    rng = random.Random(seed)
    rows = [cells for cells in (csv_cells(rng, record) for record in records) if cells is not None]
    maps = sorted({name for cells in rows for name in cells if name.startswith(("revenue.", "brand_zone_revenue."))})
    order = SCALAR_COLUMNS + maps + LATER_COLUMNS
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(order)
    count = 0
    for cells in rows:
        line = [cells.get(name, "") for name in order]
        roll = rng.random()
        if roll < 0.004:
            line[rng.randrange(len(line))] = rng.choice(["12x", "1.234,56", "tak?", "--1", "1,2,3", "0x10"])
        elif roll < 0.006:
            line.append("extra")
        writer.writerow(line)
        count += 1
        if rng.random() < 0.005:
            out.write(rng.choice(["\n", ";;;\n", "  \n"]))  # blank lines
        if rng.random() < 0.002:
            out.write('x;"malformed"quote;\n')
            count += 1
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    return count


# ---------------------------------------------------------------- runs


def batch_runs() -> list[dict[str, Any]]:
    common = ["--as-of", AS_OF]
    runs = [
        ("jsonl-en", ["records.jsonl", "--format", "jsonl", "--lang", "en"]),
        ("jsonl-pl", ["records.jsonl", "--format", "jsonl", "--lang", "pl"]),
        ("jsonl-hash", ["nips.jsonl", "--format", "jsonl", "--lang", "en", "--nip", "hash"]),
        ("jsonl-show", ["nips.jsonl", "--format", "jsonl", "--lang", "en", "--nip", "show"]),
        ("csv-en", ["records.jsonl", "--format", "csv", "--lang", "en"]),
        ("csv-pl", ["records.jsonl", "--format", "csv", "--lang", "pl"]),
        ("csv-input", ["records.csv", "--format", "jsonl", "--lang", "en"]),
    ]
    return [{"name": name, "cwd": "inputs", "args": ["batch", *args, *common]} for name, args in runs]


def check_runs(diamond: str) -> list[dict[str, Any]]:
    """`diamond check` of every file under examples/ that it accepts (a verdict, not an error)."""
    runs = []
    for path in sorted((ROOT / "examples").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(ROOT).as_posix()
        probe = run(diamond, ["check", rel, "--format", "json", "--as-of", AS_OF], ROOT)
        if probe[2] not in (0, 1, 4, 5):
            continue
        stem = rel.removeprefix("examples/").replace("/", "_")
        for name, args in (
            (f"check-{stem}-en", ["check", rel, "--lang", "en", "--color", "never"]),
            (f"check-{stem}-pl", ["check", rel, "--lang", "pl", "--color", "never"]),
            (f"check-{stem}-json", ["check", rel, "--format", "json"]),
        ):
            runs.append({"name": name, "cwd": "repo", "args": [*args, "--as-of", AS_OF]})
    return runs


def environment() -> dict[str, str]:
    env = {k: os.environ[k] for k in ("PATH", "HOME", "TMPDIR", "SYSTEMROOT") if k in os.environ}
    env.update(ENV)
    return env


def run(diamond: str, args: list[str], cwd: Path) -> tuple[bytes, str, int]:
    done = subprocess.run([diamond, *args], cwd=cwd, env=environment(), capture_output=True, timeout=600, check=False)
    return done.stdout, done.stderr.decode("utf-8", "replace"), done.returncode


def gzipped(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as out:
        out.write(data)
    return buffer.getvalue()


def write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def changed_lines(path: Path, new: bytes) -> str:
    """How the stored output at `path` compares with `new`, for the regeneration's report."""
    if not path.exists():
        return "new"
    old = gzip.decompress(path.read_bytes())
    if old == new:
        return "unchanged"
    before, after = old.split(b"\n"), new.split(b"\n")
    differ = sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))
    first = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False), 1) if a != b), min(len(before), len(after))
    )
    return f"CHANGED: {differ:,} line(s) differ, the first at line {first:,}"


def diamond_command() -> str:
    beside = Path(sys.executable).with_name("diamond")
    if not beside.exists():
        sys.exit(f"make.py: no `diamond` beside {sys.executable}: pip install -e '.[test]' first")
    return str(beside)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=COUNT, help="records (default %(default)s)")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write (default: beside this script)")
    options = parser.parse_args()
    diamond = diamond_command()
    manifest: dict[str, Any] = {
        "note": "Written by tests/golden/make.py; regenerate it, do not edit. Compared by tests/test_golden.py.",
        "as_of": AS_OF,
        "env": ENV,
        "inputs": {},
        "runs": [],
    }
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        inputs = Path(tmp)
        jsonl = inputs / "records.jsonl"
        records: list[Any] = []
        with jsonl.open("wb") as out:
            for data, record in lines(options.count):
                out.write(data)
                records.append(record)
        rows = write_csv(inputs / "records.csv", records, SEED + 1)
        nips = inputs / "nips.jsonl"
        with nips.open("wb") as out:
            for data, _ in lines(NIP_COUNT, SEED + 2, nips_only=True):
                out.write(data)
        for path, count in ((jsonl, options.count), (inputs / "records.csv", rows), (nips, NIP_COUNT)):
            data = path.read_bytes()
            write_if_changed(options.out / "inputs" / (path.name + ".gz"), gzipped(data))
            manifest["inputs"][path.name] = {
                "stored": f"inputs/{path.name}.gz",
                "records": count,
                "bytes": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        for spec in batch_runs() + check_runs(diamond):
            cwd = inputs if spec["cwd"] == "inputs" else ROOT
            stdout, stderr, code = run(diamond, spec["args"], cwd)
            stored = f"expected/{spec['name']}.out.gz"
            change = changed_lines(options.out / stored, stdout)
            write_if_changed(options.out / stored, gzipped(stdout))
            spec.update(
                stdout=stored,
                stdout_bytes=len(stdout),
                stdout_lines=stdout.count(b"\n"),
                stdout_sha256=hashlib.sha256(stdout).hexdigest(),
                stderr=stderr,
                exit=code,
            )
            manifest["runs"].append(spec)
            print(
                f"{spec['name']:<24} exit {code}  {len(stdout):>11,} bytes  {spec['stdout_lines']:>7,} lines  {change}"
            )
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    write_if_changed(options.out / "manifest.json", text.encode())
    stored = sorted((options.out / "inputs").glob("*.gz")) + sorted((options.out / "expected").glob("*.gz"))
    names = {Path(spec["stdout"]).name for spec in manifest["runs"]}
    for path in stored:  # outputs of runs that no longer exist
        if path.parent.name == "expected" and path.name not in names:
            path.unlink()
    total = sum(p.stat().st_size for p in stored if p.exists())
    print(f"stored: {total / 2**20:.2f} MiB compressed under {options.out}")


if __name__ == "__main__":
    main()

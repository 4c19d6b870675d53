"""NIP (Polish tax number) validation, hand-written to keep start-up light.

python-stdnum's `stdnum.pl.nip` is the reference implementation; the tests use it as an oracle.
"""

from __future__ import annotations

from operator import mul

_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_ZERO_CODES = ord("0") * sum(_WEIGHTS)  # the weighted sum of the digits' ASCII codes, less this, is theirs


def compact_nip(value: str) -> str:
    """Strip the separators and the `PL` prefix people write around a NIP."""
    text = "".join(value.split()).replace("-", "")
    if text[:2].upper() == "PL":
        text = text[2:]
    return text


def nip_problem(compact: str) -> str | None:
    """Why `compact` is not a valid NIP, or None when it is."""
    if len(compact) != 10 or not compact.isascii() or not compact.isdigit():
        return "a NIP has 10 digits"
    if compact == "0000000000":
        return "a NIP cannot be all zeros"
    remainder = (sum(map(mul, _WEIGHTS, compact.encode())) - _ZERO_CODES) % 11  # a batch checks millions
    if remainder == 10 or remainder != int(compact[9]):
        return "the NIP's check digit does not match"
    return None


def mask_nip(compact: str) -> str:
    """Keep only the last three digits: enough to tell records apart, not to identify anyone."""
    return "*" * (len(compact) - 3) + compact[-3:]

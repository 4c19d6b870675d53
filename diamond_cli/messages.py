"""Every sentence the tool says, per language, and the number formats of each language.

The engine names a message by key and gives its figures; this module puts them into words. Keys,
rule ids, statuses and verdict codes never change with the language; only the words do.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from diamond_cli.models import POLISH_GRADE_NAMES, Check, Grade

LANGUAGES = ("en", "pl")

EN: dict[str, str] = {
    # business_account
    "business_account.pass": "The seller has an active Business Account.",
    "business_account.fail": "An active Business Account is required.",
    # positive_ratings
    "positive_ratings.no_ratings": "No ratings in the last 12 months, so the share of positive ratings cannot be assessed (at least {min:pct} is required).",
    "positive_ratings.missing": "No ratings given: give rating counts or positive_ratings_pct (at least {min:pct} is required).",
    "positive_ratings.counts_pass": "{pct:pct} of ratings are positive ({positive:int} of {total:int}); at least {min:pct} is required.",
    "positive_ratings.counts_fail": "{pct:pct} of ratings are positive ({positive:int} of {total:int}), below the required {min:pct}; {needed:int} more positive rating(s) would reach it.",
    "positive_ratings.counts_fail_impossible": "{pct:pct} of ratings are positive ({positive:int} of {total:int}), below the required {min:pct}, which cannot be reached while there are negative ratings.",
    "positive_ratings.pct_pass": "{pct:pct} of ratings are positive; at least {min:pct} is required.",
    "positive_ratings.pct_fail": "{pct:pct} of ratings are positive, below the required {min:pct}.",
    "positive_ratings.over_pct": "The counts decide over the given {given_pct:pct}, which Allegro publishes rounded to one decimal.",
    # quality
    "main_account_quality.pass": "The main account's sales quality is {grade:grade}; at least {min:grade} is required.",
    "main_account_quality.fail": "The main account's sales quality is {grade:grade}, below the required {min:grade}.",
    "other_accounts_quality.none": "There are no other accounts under the NIP.",
    "other_accounts_quality.pass": "Every other account ({count:int}) has sales quality of at least {min:grade}.",
    "other_accounts_quality.fail": "Other accounts below the required {min:grade}: {low:accounts}.",
    # revenue_growth (interpretation)
    "revenue_growth.missing": "No monthly revenue given, so growth cannot be assessed: give 12 or 24 monthly totals.",
    "revenue_growth.yoy_pass": "Revenue grew {growth:pct} year on year ({last:pln} in the last 12 months against {previous:pln}); growth above {min:pct} is required.",
    "revenue_growth.yoy_fail": "Revenue changed by {growth:pct} year on year ({last:pln} in the last 12 months against {previous:pln}); growth above {min:pct} is required.",
    "revenue_growth.yoy_from_zero_pass": "Revenue rose from nothing in the previous 12 months to {last:pln}.",
    "revenue_growth.yoy_from_zero_fail": "There was no revenue in either 12-month period, so revenue is not growing.",
    "revenue_growth.trend_pass": "The 12-month revenue trend is {trend:pct} a year; above {min:pct} is required.",
    "revenue_growth.trend_fail": "The 12-month revenue trend is {trend:pct} a year; above {min:pct} is required.",
    "revenue_growth.trend_zero": "All 12 monthly totals are zero, so revenue is not growing.",
    # revenue_threshold
    "revenue_threshold.company_pass": "{category} revenue of {amount:pln} meets the company threshold of {threshold:pln}.",
    "revenue_threshold.brand_pass": "{category} revenue of {amount:pln} is below the company threshold, but the Brand Zone account's {brand_category} revenue of {brand_amount:pln} meets the brand threshold of {threshold:pln}.",
    "revenue_threshold.fail": "{category} revenue of {amount:pln} is {short_company:pln} short of the company threshold of {company:pln} and {short_conditional:pln} short of the conditional threshold of {conditional:pln}.",
    "revenue_threshold.conditional_unknown": "{category} revenue of {amount:pln} is {short_company:pln} short of the company threshold of {company:pln} but reaches the conditional threshold of {conditional:pln}; whether the seller's growth in the category beats the category's decides it (missing: {missing:fields}).",
    "revenue_threshold.conditional_pass": "{category} revenue of {amount:pln} reaches the conditional threshold of {conditional:pln} and the seller's growth in the category ({growth:pct}) beats the category's ({market_growth:pct}): on this route Allegro can invite the seller.",
    "revenue_threshold.conditional_fail": "{category} revenue of {amount:pln} reaches the conditional threshold of {conditional:pln}, but the seller's growth in the category ({growth:pct}) does not beat the category's ({market_growth:pct}).",
    "revenue_threshold.tie": "{category} was chosen as the main category over {tied:list}, which have the same revenue, by the lowest threshold (our interpretation).",
    # discretionary
    "account_suspended.pass": "No account under the NIP is suspended.",
    "account_suspended.flag": "An account under the NIP is suspended: Allegro may decline the seller for this.",
    "transaction_problems.pass": "{pct:pct} of transactions had a problem; more than {limit:pct} is flagged.",
    "transaction_problems.flag": "{pct:pct} of transactions had a problem, more than {limit:pct}: Allegro may decline the seller for this.",
    "transaction_problems.missing": "Not assessed: give transaction_problems_pct.",
    "export_potential.pass": "{pct:pct} of the assortment can be sold on international markets; less than {limit:pct} is flagged.",
    "export_potential.flag": "Only {pct:pct} of the assortment can be sold on international markets, less than {limit:pct}: Allegro may decline the seller for this.",
    "export_potential.missing": "Not assessed: give exportable_pct.",
    "new_condition.pass": "{pct:pct} of the assortment is in New condition; less than {limit:pct} is flagged.",
    "new_condition.flag": "Only {pct:pct} of the assortment is in New condition, less than {limit:pct}: Allegro may decline the seller for this.",
    "new_condition.missing": "Not assessed: give new_condition_pct.",
    # words used by the renderers
    "word.and": "and",
    "word.account": "account",
    "word.yes": "yes",
    "word.no": "no",
    "verdict.eligible": "✔ Meets the published criteria of Allegro Diamond Partners",
    "verdict.review": "! Meets the published criteria, but Allegro may decline: see the flagged points",
    "verdict.not_eligible": "✘ Does not meet the published criteria of Allegro Diamond Partners",
    "verdict.incomplete": "? Cannot decide yet: some figures are missing",
    "label.seller": "Seller",
    "label.main_category": "Main category",
    "label.route": "Revenue route",
    "label.rule": "Rule",
    "label.actual": "Actual",
    "label.required": "Required",
    "label.reason": "Why",
    "label.to_pass": "What would make it pass:",
    "route.company": "company threshold",
    "route.brand": "Brand Zone threshold",
    "route.conditional": "conditional threshold (Allegro can invite)",
    "rule.business_account": "Business Account",
    "rule.positive_ratings": "Positive ratings",
    "rule.main_account_quality": "Main account quality",
    "rule.other_accounts_quality": "Other accounts quality",
    "rule.revenue_growth": "Revenue growth",
    "rule.revenue_threshold": "Revenue threshold",
    "rule.account_suspended": "Suspended account",
    "rule.transaction_problems": "Transaction problems",
    "rule.export_potential": "Export potential",
    "rule.new_condition": "New condition",
    "hint.business_account": "activate a Business Account.",
    "hint.positive_ratings": "{n:int} more positive rating(s) at the current negative ratings would reach {min:pct}.",
    "hint.positive_pct": "at least {min:pct} positive ratings are needed.",
    "hint.grade": "sales quality of at least {grade} is needed.",
    "hint.growth": "revenue growth above {min:pct} a year is needed.",
    "hint.growth_yoy": "revenue growth above {min:pct} is needed: more than {amount:pln} in the last 12 months.",
    "hint.revenue_company": "{short:pln} more revenue reaches the company threshold of {threshold:pln} ({pct}% short).",
    "hint.revenue_conditional": "{short:pln} more revenue reaches the conditional threshold of {threshold:pln} ({pct}% short), together with growth in the category faster than the category's.",
    "hint.revenue_brand": "{short:pln} more Brand Zone revenue in {category} reaches the brand threshold of {threshold:pln} ({pct}% short).",
    "hint.conditional_growth": "growth in the category above the category's {growth:pct} is needed for the conditional route.",
    "hint.account_suspended": "resolve the suspension before Allegro reviews the seller.",
    "hint.transaction_problems": "bring the share of transactions with a problem to {limit:pct} or less.",
    "hint.export_potential": "make at least {limit:pct} of the assortment sellable on international markets.",
    "hint.new_condition": "bring the share of the assortment in New condition to at least {limit:pct}.",
    "hint.missing": "give {fields:fields}.",
    "note.interpretation": "* our interpretation where the program page is vague (see `diamond explain`).",
    "note.thresholds": "Thresholds: {name}, version {version} (in force from: {start}), {source}.",
    "note.no_start": "start date not published",
    "note.no_guarantee": "Meeting the criteria is no guarantee of an invitation: Allegro keeps the right to decline.",
    # diamond thresholds show | validate | test
    "thresholds.as_of": "The version in force on {day}.",
    "thresholds.versions": "Versions in this table:",
    "thresholds.categories_title": "Revenue thresholds by category (PLN, last 12 months)",
    "thresholds.params_title": "Rule parameters",
    "thresholds.sources": "Sources: “program page” is the program's public help page; “interpretation” is our reading where that page is vague.",
    "thresholds.unknown_category": "--category: unknown category {name!r}; did you mean {close!r}?",
    "thresholds.unknown_category_no_hint": "--category: unknown category {name!r}; run `diamond thresholds show` for the list.",
    "thresholds.valid": "{source}: valid; {count:int} version(s): {versions:list}.",
    "thresholds.valid_version": "{version} (in force from {start})",
    "thresholds.undated_version": "{version} (start date not published: in force until a newer version)",
    "thresholds.invalid": "{source}: {count:int} problem(s) found.",
    "label.category": "Category",
    "label.company": "Company",
    "label.conditional": "Conditional",
    "label.brand": "Brand Zone",
    "label.aliases": "Aliases",
    "label.source": "Source",
    "label.parameter": "Parameter",
    "label.value": "Value",
    "label.meaning": "Meaning",
    "source.program page": "program page",
    "source.interpretation": "interpretation",
    "param.positive_ratings.min_pct": "lowest share of positive ratings",
    "param.main_account_quality.min_grade": "lowest sales-quality grade of the main account",
    "param.other_accounts_quality.min_grade": "lowest sales-quality grade of every other account",
    "param.revenue_growth.min_growth_pct": "yearly revenue growth must be above it",
    "param.revenue_threshold.inclusive": "revenue equal to a threshold reaches it",
    "param.transaction_problems.max_pct": "flagged above this share of transactions with a problem",
    "param.export_potential.min_pct": "flagged below this share of the assortment sellable abroad",
    "param.new_condition.min_pct": "flagged below this share of the assortment in New condition",
    "cases.pass": "PASS {name}",
    "cases.fail": "FAIL {name} (table version {version}, as of {day})",
    "cases.diff": "{what}: expected {expected}, got {actual}",
    "cases.what.verdict": "verdict",
    "cases.what.route": "route",
    "cases.what.main_category": "main category",
    "cases.what.error": "input error",
    "cases.got_error": "an input error: {error}",
    "cases.got_verdict": "verdict {verdict}",
    "cases.error_containing": "an error containing {text!r}",
    "cases.summary": "{passed:int} of {total:int} case(s) passed.",
}

# Polish: every key of EN (a test checks that no language misses a key).
PL: dict[str, str] = {
    # diamond thresholds show | validate | test
    "thresholds.as_of": "Wersja obowiązująca w dniu {day}.",
    "thresholds.versions": "Wersje w tej tabeli:",
    "thresholds.categories_title": "Progi obrotu według kategorii (PLN, ostatnie 12 miesięcy)",
    "thresholds.params_title": "Parametry reguł",
    "thresholds.sources": "Źródła: „strona programu” to publiczna strona pomocy programu; „interpretacja” to nasze odczytanie tam, gdzie ta strona jest nieprecyzyjna.",
    "thresholds.unknown_category": "--category: nieznana kategoria {name!r}; czy chodziło o {close!r}?",
    "thresholds.unknown_category_no_hint": "--category: nieznana kategoria {name!r}; listę pokazuje `diamond thresholds show`.",
    "thresholds.valid": "{source}: poprawna; liczba wersji: {count:int}: {versions:list}.",
    "thresholds.valid_version": "{version} (obowiązuje od {start})",
    "thresholds.undated_version": "{version} (data początkowa nieopublikowana: obowiązuje do nowszej wersji)",
    "thresholds.invalid": "{source}: liczba znalezionych problemów: {count:int}.",
    "label.category": "Kategoria",
    "label.company": "Firma",
    "label.conditional": "Próg warunkowy",
    "label.brand": "Strefa Marek",
    "label.aliases": "Inne nazwy",
    "label.source": "Źródło",
    "label.parameter": "Parametr",
    "label.value": "Wartość",
    "label.meaning": "Znaczenie",
    "source.program page": "strona programu",
    "source.interpretation": "interpretacja",
    "param.positive_ratings.min_pct": "najniższy odsetek pozytywnych ocen",
    "param.main_account_quality.min_grade": "najniższa ocena jakości sprzedaży konta głównego",
    "param.other_accounts_quality.min_grade": "najniższa ocena jakości sprzedaży każdego innego konta",
    "param.revenue_growth.min_growth_pct": "roczny wzrost obrotu musi być od niej wyższy",
    "param.revenue_threshold.inclusive": "obrót równy progowi osiąga go",
    "param.transaction_problems.max_pct": "oznaczane powyżej tego odsetka transakcji z problemem",
    "param.export_potential.min_pct": "oznaczane poniżej tego odsetka asortymentu do sprzedaży za granicą",
    "param.new_condition.min_pct": "oznaczane poniżej tego odsetka asortymentu w stanie Nowy",
    "cases.pass": "PASS {name}",
    "cases.fail": "FAIL {name} (wersja tabeli {version}, na dzień {day})",
    "cases.diff": "{what}: oczekiwano {expected}, jest {actual}",
    "cases.what.verdict": "werdykt",
    "cases.what.route": "ścieżka",
    "cases.what.main_category": "kategoria główna",
    "cases.what.error": "błąd danych",
    "cases.got_error": "błąd danych: {error}",
    "cases.got_verdict": "werdykt {verdict}",
    "cases.error_containing": "błąd zawierający {text!r}",
    "cases.summary": "Zaliczone przypadki: {passed:int} z {total:int}.",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN, "pl": PL}


class _Formatter(string.Formatter):
    """`{x:pln}`, `{x:pct}`, `{x:int}`, `{x:grade}`, `{x:list}`, `{x:fields}`, `{x:accounts}`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "pln":
            return f"{number(value, self.lang)} PLN"
        if format_spec == "pct":
            return f"{number(value, self.lang)}%"
        if format_spec == "int":
            return number(value, self.lang)
        if format_spec == "grade":
            return grade_name(value, self.lang)
        if format_spec in ("list", "fields"):
            return join(list(value), self.lang)
        if format_spec == "accounts":
            word = text("word.account", self.lang)
            return join([f"{word} {i} ({grade_name(g, self.lang)})" for i, g in value], self.lang)
        return str(super().format_field(value, format_spec))


def text(key: str, lang: str = "en", **params: Any) -> str:
    template = CATALOGUES.get(lang, EN).get(key) or EN[key]
    return _Formatter(lang).format(template, **params)


def number(value: object, lang: str = "en") -> str:
    """Thousands grouped, the decimals as given (never rounded here), in the language's style."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    decimal = Decimal(value)
    exponent = decimal.as_tuple().exponent
    body = f"{int(decimal):,}" if isinstance(exponent, int) and exponent >= 0 else f"{decimal:,f}"
    if lang == "pl":
        return body.replace(",", "\u00a0").replace(".", ",")
    return body


def grade_name(grade: object, lang: str = "en") -> str:
    if isinstance(grade, Grade):
        return POLISH_GRADE_NAMES[grade] if lang == "pl" else grade.name
    return str(grade)


def join(items: list[str], lang: str = "en") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {text('word.and', lang)} {items[-1]}"


def check_message(check: Check, lang: str = "en") -> str:
    """The sentence a seller reads for one rule."""
    params: Mapping[str, Any] = {**check.params, "missing": list(check.missing)}
    sentence = text(_base_key(check.message_key), lang, **params)
    if check.message_key.endswith("_over_pct"):
        sentence += " " + text("positive_ratings.over_pct", lang, **params)
    if check.rule == "revenue_threshold" and params.get("tied"):
        sentence += " " + text("revenue_threshold.tie", lang, **params)
    return sentence


def _base_key(key: str) -> str:
    return key.removesuffix("_over_pct")

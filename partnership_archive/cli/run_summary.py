"""The table a translation run ends with (and the one a dry run shows before anything
is sent): mirrors, segments from the memory, segments and characters sent, requests,
time, and for a provider that charges per character the estimated cost.

Characters are counted after masking, as the provider receives them. The price comes
from ``translation.yml`` (``providers.<name>.price``) with the date it was checked;
free and self-hosted services have none, and then no cost row is shown.
"""

from __future__ import annotations

from babel.numbers import format_currency, format_decimal

from ..translation.workflow import Summary
from .messages import language, number, t


def table(title: str, rows: list[tuple[str, str]]) -> str:
    """A two-column table in plain text: labels left, values right-aligned."""
    left = max(len(label) for label, _ in rows)
    right = max(len(value) for _, value in rows)
    lines = [title] + [f"  {label:<{left}}  {value:>{right}}" for label, value in rows]
    return "\n".join(lines)


def money(amount: float, currency: str) -> str:
    lang = language()
    if 0 < amount < 0.01:
        return t("less_than", amount=format_currency(0.01, currency, locale=lang))
    return format_currency(amount, currency, locale=lang)


def cost_rows(characters: int, price: dict | None) -> list[tuple[str, str]]:
    """The estimate; nothing for a free provider."""
    if not price:
        return []
    amount = characters / 1_000_000 * float(price["per_million_characters"])
    return [(t("row_cost"), money(amount, price["currency"]))]


def price_note(price: dict | None, provider: str) -> str:
    """Where the estimate's price comes from, and how old it is."""
    if not price:
        return ""
    per_million = format_currency(
        price["per_million_characters"], price["currency"], locale=language()
    )
    basis = t("price_basis", provider=provider, price=per_million, checked=price["checked"])
    return f"\n  {basis}"


def run_table(
    summary: Summary, seconds: float, requests: int, price: dict | None, provider: str
) -> str:
    rows = [
        (t("row_mirrors_written"), number(summary.documents)),
        (t("row_from_memory"), number(summary.from_memory)),
        (t("row_segments_sent"), number(summary.sent)),
        (t("row_characters_sent"), number(summary.characters)),
        (t("row_requests"), number(requests)),
        (t("row_time"), t("seconds", seconds=format_decimal(seconds, "0.0", locale=language()))),
        *cost_rows(summary.characters, price),
    ]
    return table(t("summary_title"), rows) + price_note(price, provider)


def dry_run_table(
    mirrors: int,
    from_memory: int,
    segments: int,
    characters: int,
    price: dict | None,
    provider: str,
) -> str:
    rows = [
        (t("row_mirrors_to_write"), number(mirrors)),
        (t("row_from_memory"), number(from_memory)),
        (t("row_segments_to_send"), number(segments)),
        (t("row_characters_to_send"), number(characters)),
        *cost_rows(characters, price),
    ]
    return table(t("dry_run_title", provider=provider), rows) + price_note(price, provider)

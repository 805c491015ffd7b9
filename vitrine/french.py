"""Numbers and words written the French way, for every app (``vitrine`` is the floor): "12 345",
"11,88", "1 offre", "2 offres", « A » ou « B », "1er janvier 2027".

Templates have ``number``, ``amount``, ``de`` and ``day`` as filters without ``{% load %}``
(``vitrine.templatetags.french``, a builtin library).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.formats import date_format

THIN = "\u202f"  # narrow no-break space: 12 345, 12,5 %


def number(value: float | Decimal | None, decimals: int | None = 0, *, grouped=True) -> str:
    """``value`` with a decimal comma and, when ``grouped``, narrow no-break spaces between
    thousands: "12 345", "0,521"; "—" for None. ``decimals=None`` keeps the value's own digits
    ("0,00001", never "1e-05")."""
    if value is None:
        return "—"
    if decimals is None:
        value = Decimal(repr(float(value)) if isinstance(value, float) else str(value))
        spec = "f"
    else:
        spec = f".{decimals}f"
    text = format(value, f",{spec}" if grouped else spec)
    return text.replace(",", THIN).replace(".", ",")


def amount(value) -> str:
    """An amount of money: "1 802" when whole, "11,88" with its cents; "" for none."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    return number(value, 0 if value == value.to_integral_value() else 2)


def plural(count: float | None, singular: str, plural_form: str | None = None) -> str:
    """``singular`` for a count under 2 (0 and 1 are singular in French, and so is 1,5),
    ``plural_form`` (by default ``singular`` + "s") from 2: "offre", "offres"."""
    if count is not None and abs(count) >= 2:
        return singular + "s" if plural_form is None else plural_form
    return singular


def counted(
    count: float | None, singular: str, plural_form: str | None = None, decimals: int = 0
) -> str:
    """The count written the French way, then the word that agrees with the count as written:
    "1 offre", "2 offres" for 1,6, "2,0 jours" for 1,96 with one decimal."""
    if count is None:
        return f"{number(None)} {singular}"
    shown = float(f"{count:.{decimals}f}")  # rounded as ``number`` rounds it
    return f"{number(count, decimals)} {plural(shown, singular, plural_form)}"


def french_or(items) -> str:
    """Items quoted and joined the French way: « A », « A » ou « B », « A », « B » ou « C »."""
    items = [f"« {item} »" for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ou " + items[-1]


VOWELS = tuple("aeiouyàâäéèêëîïôöùûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def of(text: str) -> str:
    """The word "de" before ``text``, elided before a vowel and merged with a leading article:
    "de mars 2025", "d'août 2025", "d'Orly", "du Kremlin-Bicêtre", "des Lilas"."""
    if text.startswith("Le "):
        return f"du {text[3:]}"
    if text.startswith("Les "):
        return f"des {text[4:]}"
    return f"d'{text}" if text.startswith(VOWELS) else f"de {text}"


def day(value) -> str:
    """A day the French way, whatever language is active: "2 janvier 2027", "1er janvier 2027".
    A datetime is read in the site's time zone, as Django's ``date`` filter does; "" for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    with translation.override("fr"):
        return date_format(value, r"j\e\r F Y" if value.day == 1 else "j F Y")

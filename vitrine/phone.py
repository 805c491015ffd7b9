"""A phone number, one rule everywhere (the advisor's and the resident's forms, the resident's API,
the model): French numbers accepted as people type them ("06.12.34.56.78", "+33 6 12 34 56 78",
"0612345678") and stored as ``06 12 34 56 78``; another country's number, typed with its ``+``,
stored as ``+`` and its digits; anything else refused with a French message.

A number saved before the rule and typed back unchanged is kept (``phone_cleaned``): it never
blocks the rest of a form, and nobody's data is rewritten behind their back."""

import re

from django import forms
from django.core.exceptions import ValidationError

PHONE_MESSAGE = (
    "Indiquez un numéro de téléphone à 10 chiffres (06 12 34 56 78) ou, pour un numéro "
    "étranger, + suivi de l'indicatif du pays (+32 470 12 34 56)."
)
# What people type: digits with spaces, dots, dashes or parentheses, a + only in front.
PHONE_TYPED = re.compile(r"\+?[0-9\s.()-]+")
# Room for spaces and "+33 (0)"; what is stored is at most 16 characters.
PHONE_TYPED_MAX = 30


def _french(national: str) -> str | None:
    """``0612345678`` as ``06 12 34 56 78``; None unless 10 digits starting 01 to 09."""
    if len(national) != 10 or national[0] != "0" or national[1] == "0":
        return None
    return " ".join(national[i : i + 2] for i in range(0, 10, 2))


def phone_normalised(typed: str) -> str | None:
    """A phone number as it is stored, or None when ``typed`` is not one: a French number
    (0…, +33…, 0033…, +33 (0)…) as ``06 12 34 56 78``, another country's (typed with its
    ``+``) as ``+`` and its 8 to 15 digits."""
    typed = typed.strip()
    if not PHONE_TYPED.fullmatch(typed):
        return None
    digits = re.sub(r"[^0-9]", "", typed)
    if typed.startswith("+"):
        international = digits
    elif digits.startswith("0033"):
        international = digits[2:]
    else:
        return _french(digits)
    if international.startswith("33"):
        national = international[2:]
        return _french(national if national.startswith("0") else f"0{national}")
    if 8 <= len(international) <= 15 and not international.startswith("0"):
        return f"+{international}"
    return None


def phone_cleaned(typed: str, *, stored: str = "") -> str:
    """What to store for ``typed``: "" when left empty, the number normalised, or ``stored``
    itself when typed back unchanged; otherwise a ``ValidationError`` in French."""
    typed = (typed or "").strip()
    if not typed:
        return ""
    if stored and typed == stored.strip():
        return stored
    normalised = phone_normalised(typed)
    if normalised is None:
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return normalised


def validate_phone(value: str) -> None:
    """The model's validator: a phone number the rule accepts (empty is for ``blank``)."""
    if value and phone_normalised(value) is None:
        raise ValidationError(PHONE_MESSAGE, code="phone")


class PhoneField(forms.CharField):
    """A phone number as people type it, cleaned to what is stored (``phone_cleaned``). Set
    ``stored`` to the number already saved, so that it is kept when left as it is."""

    def __init__(self, *, stored: str = "", **kwargs):
        self.stored = stored
        kwargs.setdefault("max_length", PHONE_TYPED_MAX)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        kwargs.setdefault("help_text", "Par exemple 06 12 34 56 78.")
        super().__init__(**kwargs)

    def clean(self, value):
        return phone_cleaned(super().clean(value), stored=self.stored)

from decimal import Decimal

from django import template

from referentiel.permits import LANGUAGE_LABELS, PERMIT_LABELS

register = template.Library()

THIN = "\u202f"  # narrow no-break space between thousands, as the site's other figures: 1 802


@register.filter
def permit_label(code: str) -> str:
    return PERMIT_LABELS.get(code, code)


@register.filter
def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code, code)


@register.filter
def amount(value) -> str:
    """An amount written the French way: 1 802 for a whole one, 11,88 with its cents."""
    if value is None or value == "":
        return ""
    value = Decimal(str(value))
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return text.replace(",", THIN).replace(".", ",")

from django import template

from referentiel.permits import LANGUAGE_LABELS, PERMIT_LABELS

register = template.Library()


@register.filter
def permit_label(code: str) -> str:
    return PERMIT_LABELS.get(code, code)


@register.filter
def language_label(code: str) -> str:
    return LANGUAGE_LABELS.get(code, code)

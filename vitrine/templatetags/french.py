"""French rules for every template (a builtin library, see TEMPLATES in settings).

``pluralize`` replaces Django's English one: in French 0 is singular too ("0 offre",
"1 offre", "2 offres").
"""

from django import template

register = template.Library()


@register.filter(is_safe=False)
def pluralize(value, arg="s"):
    """``arg`` ("s", or "singular,plural") for a count of 2 or more (or a list that long)."""
    if "," not in arg:
        arg = "," + arg
    bits = arg.split(",")
    if len(bits) > 2:
        return ""
    singular, plural = bits[:2]
    try:
        count = abs(float(value))
    except (ValueError, TypeError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return plural if count >= 2 else singular

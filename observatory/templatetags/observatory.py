"""Numbers on the observatory's own pages written as its figures are (``observatory.formats``):
``{{ dataset.rows|number }}`` gives "12 345" with a narrow no-break space, ``|number:1`` "3,5"."""

from django import template

from observatory.formats import number as french_number

register = template.Library()


@register.filter
def number(value, decimals=0):
    """``value`` with a decimal comma and narrow no-break spaces between thousands."""
    return french_number(value, int(decimals))

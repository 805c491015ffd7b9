"""French rules for every template (a builtin library, see TEMPLATES in settings): no
``{% load %}`` needed.

``pluralize`` replaces Django's English one: in French 0 is singular too ("0 offre",
"1 offre", "2 offres"). ``number`` and ``amount`` write numbers the French way
(``vitrine.french``): ``{{ rows|number }}`` "12 345", ``|number:1`` "3,5",
``{{ offer.salary_min|amount }}`` "1 802" or "11,88". ``de`` puts "de" before a name the
French way: ``près {{ commune.name|de }}`` "près d'Orly", "près du Kremlin-Bicêtre".
``{{ offer.published_at|day }}`` "1er mars 2027", "2 mars 2027".
"""

from django import template

from vitrine import french

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
        count = float(value)
    except (ValueError, TypeError):
        try:
            count = len(value)
        except TypeError:
            return ""
    return french.plural(count, singular, plural)


@register.filter
def number(value, decimals=0):
    """``value`` with a decimal comma and narrow no-break spaces between thousands ("—" for
    None, nothing for a missing variable)."""
    if value == "":
        return ""
    return french.number(value, int(decimals))


@register.filter
def amount(value):
    """An amount of money: "1 802" when whole, "11,88" with its cents."""
    return french.amount(value)


@register.filter
def de(value):
    """ "de" before ``value``, elided or merged as French does (``vitrine.french.of``)."""
    return french.of(str(value))


@register.filter
def day(value):
    """A day the French way: "2 janvier 2027", "1er janvier 2027" (``vitrine.french.day``)."""
    return french.day(value)

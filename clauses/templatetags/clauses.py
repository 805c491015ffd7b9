"""Template tags of the clauses floor, for the resident's file of the advisor's space (a floor
that does not import this one): ``{% load clauses %}{% eligibility_block profile %}``; and
``{{ value|hours }}`` for the clauses' own pages."""

from django import template

from clauses import selectors
from clauses.forms import EligibilityForm, hours_text

register = template.Library()


@register.inclusion_tag("clauses/_eligibility.html", takes_context=True)
def eligibility_block(context, profile):
    """The eligible publics recorded for the resident, and the form to change them."""
    rows = selectors.eligibility_of(profile=profile)
    form = EligibilityForm(initial={"publics": [row.public for row in rows]})
    return {"profile": profile, "rows": rows, "form": form, "request": context.get("request")}


@register.filter
def hours(value) -> str:
    """Hours the French way, with the decimals they have: "1 607", "180,5", "12,25"."""
    return "—" if value is None or value == "" else hours_text(value)

"""Template tags of the clauses floor, for the resident's file of the advisor's space (a floor
that does not import this one): ``{% load clauses %}{% eligibility_block profile %}``."""

from django import template

from clauses import selectors
from clauses.forms import EligibilityForm

register = template.Library()


@register.inclusion_tag("clauses/_eligibility.html", takes_context=True)
def eligibility_block(context, profile):
    """The eligible publics recorded for the resident, and the form to change them."""
    rows = selectors.eligibility_of(profile=profile)
    form = EligibilityForm(initial={"publics": [row.public for row in rows]})
    return {"profile": profile, "rows": rows, "form": form, "request": context.get("request")}

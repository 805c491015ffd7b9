from django import template

from offers.models import Contract
from offers.search import domain_choices

register = template.Library()


@register.simple_tag
def facet_count(results, facet: str, value: str) -> int:
    for item in results.facets.get(facet, []):
        if item.value == value:
            return item.count
    return 0


@register.simple_tag
def facet_values(results, facet: str) -> list[str]:
    """Every value of a facet, counted or not (their counts are refreshed after each search)."""
    if facet == "domain":
        return [code for code, _label in domain_choices()]
    if facet == "contract":
        return list(Contract.values)
    return [item.value for item in results.facets.get(facet, [])]


@register.simple_tag
def page_query(params: str, number: int) -> str:
    return f"{params}&page={number}" if params else f"page={number}"


@register.filter
def split(value: str) -> list[str]:
    return value.split()

from django import template

from moderation.forms import FlagForm

register = template.Library()


@register.simple_tag
def flag_form():
    """An empty "Signaler cette offre" form for the offer page."""
    return FlagForm(auto_id="flag_%s")

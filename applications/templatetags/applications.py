"""Template tags of the applications floor, for its part of the offer page (slot "offer_page")."""

from django import template

from applications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def application_to(context, offer):
    """The current user's application to ``offer``, or None: ``{% application_to offer as a %}``."""
    return selectors.application_to(user=context["request"].user, offer=offer)

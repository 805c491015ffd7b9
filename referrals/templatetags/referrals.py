"""Template tags of the referrals floor, for its part of the employer's inbox (an applications
page): the referrals of the offer, in the slot "employer_inbox" (``vitrine.slots``)."""

from django import template

from referrals import selectors

register = template.Library()
LIMIT = 50


@register.inclusion_tag("referrals/_inbox_block.html", takes_context=True)
def inbox_referrals(context, offer=None):
    """The referrals sent to ``offer`` (or to every offer of the member's employers), newest
    first, in one query."""
    user = context["request"].user
    referrals = list(selectors.referrals_for_employer(user=user, offer=offer)[: LIMIT + 1])
    return {"referrals": referrals[:LIMIT], "more": len(referrals) > LIMIT, "offer": offer}

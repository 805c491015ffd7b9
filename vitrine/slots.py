"""Slots: named places on a page of one app where the apps built on it add their part.

The offer page (offers) shows the "Postuler" box (applications) and the "Signaler" form
(moderation); the employer's inbox (applications) lists the referrals (referrals); the
employer's own offer page (offers) links to the residents who fit it (matching). The lower app
names the place, ``{% load slots %}{% slot "offer_page" %}``; each higher app registers its
template in its ``AppConfig.ready()``:
``slots.register("offer_page", "applications/_offer_apply.html")``.
Parts render in registration order (the order of INSTALLED_APPS), with the page's context.
"""

_slots: dict[str, list[str]] = {}


def register(slot: str, template_name: str) -> None:
    """Add ``template_name`` to ``slot`` (once, however often ``ready()`` runs)."""
    names = _slots.setdefault(slot, [])
    if template_name not in names:
        names.append(template_name)


def templates(slot: str) -> list[str]:
    return list(_slots.get(slot, ()))

"""Small helpers shared by test files."""

import html


def text(response) -> str:
    """The page as a person reads it: decoded, HTML entities unescaped."""
    return html.unescape(response.content.decode())


def offer_form(**changes) -> dict:
    """What an employer types in the offer form (a preparer of orders at Rungis), with changes."""
    data = {
        "title": "Préparateur de commandes (H/F)",
        "appellation_text": "préparateur de commandes",
        "description": "Préparation des commandes en entrepôt, au froid.",
        "commune": "94065",
        "contract": "MIS",
        "hours_per_week": "35",
        "salary_period": "month",
        "experience": "none",
        "positions": "2",
    }
    data.update(changes)
    return data

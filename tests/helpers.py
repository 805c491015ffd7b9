"""Small helpers shared by test files."""

import html

from tests.factories import PASSWORD

LOGIN = "/comptes/connexion/"


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


def log_in(page, email: str, *, here: bool = False) -> None:
    """In a browser test, log ``page`` in as ``email`` (the factories' password) through the
    login form, and wait until the form has let it through. ``here``: the page is already on
    the form, sent there by a page that needs an account (where it returns once logged in)."""
    if not here:
        page.goto(LOGIN)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: LOGIN not in url)


def alert_in_view(page, says: str):
    """In a browser test, the page's error summary (``role="alert"``) once it shows: it says
    ``says`` and sits in the first screen of a phone (740 px), not below the fold."""
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert says in alert.inner_text()
    box = alert.bounding_box()
    assert box is not None and 0 <= box["y"] < 740, "the summary is in view"
    return alert

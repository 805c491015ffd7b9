"""Dates and phone numbers people type are checked before anyone reads them back: a contract
start between a year ago and two years on (hire form, referrals, API), an offer's start date
between today and two years on unless it was left as stored, and a phone number the advisor
types is a real one, stored as ``06 12 34 56 78``."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from advisors.forms import ResidentCreateForm
from applications.forms import HireForm
from applications.models import Application
from applications.models import Status as ApplicationStatus
from offers.models import Offer
from referrals.models import Status as ReferralStatus
from residents.models import Profile
from tests.advisor_helpers import followed, plain, sent
from tests.application_helpers import apply, media  # noqa: F401
from tests.conftest import screenshot
from tests.factories import offer
from tests.helpers import log_in, offer_form

INBOX = "/espace-employeur/candidatures/"
OFFER_NEW = "/espace-employeur/offres/nouvelle/"
RESIDENT_NEW = "/espace-conseiller/personnes/nouvelle/"
MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def today():
    return timezone.localdate()


def years_later(day, years: int):
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def said(day) -> str:
    """``1er novembre 2026``, ``27 novembre 2026``: what the pages and messages say."""
    return f"{day.day}{'er' if day.day == 1 else ''} {MONTHS[day.month - 1]} {day.year}"


def hire_message() -> str:
    first, last = years_later(today(), -1), years_later(today(), 2)
    return f"Indiquez une date de début entre le {said(first)} et le {said(last)}."


def offer_message() -> str:
    last = years_later(today(), 2)
    return (
        f"Indiquez une date de début entre aujourd'hui ({said(today())}) et le {said(last)}, "
        "ou laissez le champ vide."
    )


# --- The contract start of a hire ------------------------------------------------------------


def in_interview(personas, login):
    application = apply(personas.alice, offer(personas.acme))
    client = login(personas.emma)
    client.post(f"{INBOX}{application.pk}/interview/")
    return application, client


def test_the_hire_form_refuses_1900_in_french_and_nothing_moves(personas, login):
    application, client = in_interview(personas, login)
    response = client.post(f"{INBOX}{application.pk}/hire/", {"hired_start": "1900-01-01"})
    assert response.status_code == 400
    assert hire_message() in plain(response)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.INTERVIEW
    assert "1900" not in plain(login(personas.alice).get("/mes-candidatures/"))


@pytest.mark.parametrize(
    "days, accepted",
    [(-400, False), (-30, True), (0, True), (200, True), (2 * 366 + 5, False)],
)
def test_a_hire_may_be_recorded_late_but_within_a_year_and_two_years_ahead(
    personas, login, days, accepted
):
    application, client = in_interview(personas, login)
    start = today() + timedelta(days=days)
    response = client.post(f"{INBOX}{application.pk}/hire/", {"hired_start": start.isoformat()})
    hired = Application.objects.get(pk=application.pk)
    if accepted:
        assert response.status_code == 302
        assert hired.status == ApplicationStatus.HIRED and hired.hired_start == start
        page = plain(login(personas.alice).get("/mes-candidatures/"))
        assert f"Début du contrat : {said(start)}" in page
    else:
        assert response.status_code == 400 and hire_message() in plain(response)
        assert hired.status == ApplicationStatus.INTERVIEW and hired.hired_start is None


def test_the_hire_form_limits_are_one_year_back_and_two_years_on():
    first, last = years_later(today(), -1), years_later(today(), 2)
    assert HireForm({"hired_start": first.isoformat()}).is_valid()
    assert HireForm({"hired_start": last.isoformat()}).is_valid()
    for outside in (first - timedelta(days=1), last + timedelta(days=1)):
        form = HireForm({"hired_start": outside.isoformat()})
        assert not form.is_valid() and form.errors["hired_start"] == [hire_message()]
    widget = HireForm()["hired_start"].as_widget()
    assert f'min="{first.isoformat()}"' in widget and f'max="{last.isoformat()}"' in widget


def test_the_referral_hire_form_refuses_1900_too(personas, login):
    profile = followed(personas.mission)
    referral = sent(personas.ada, personas.mission, profile, offer(personas.acme))
    client = login(personas.emma)
    page = f"/espace-employeur/orientations/{referral.pk}/"
    client.post(f"{page}interview/")
    response = client.post(f"{page}hire/", {"hired_start": "1900-01-01"})
    assert response.status_code == 400 and hire_message() in plain(response)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.INTERVIEW and referral.hired_start is None
    start = today() - timedelta(days=3)
    assert client.post(f"{page}hire/", {"hired_start": start.isoformat()}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.HIRED and referral.hired_start == start


def test_the_api_refuses_the_same_start_dates(personas):
    application = apply(personas.alice, offer(personas.acme))
    client = APIClient()
    client.force_authenticate(personas.emma)
    url = f"/api/v1/employer/applications/{application.pk}/transition/"
    client.post(url, {"name": "interview"}, format="json")
    bad = client.post(url, {"name": "hire", "hired_start": "1900-01-01"}, format="json")
    assert bad.status_code == 400 and bad.json()["hired_start"] == [hire_message()]
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.INTERVIEW
    start = today() + timedelta(days=10)
    good = client.post(url, {"name": "hire", "hired_start": start.isoformat()}, format="json")
    assert good.status_code == 200 and good.json()["hired_start"] == start.isoformat()


# --- The start date of an offer --------------------------------------------------------------


@pytest.mark.parametrize(
    "start", ["2020-01-01", "yesterday", "three years on"], ids=["2020", "yesterday", "far"]
)
def test_a_new_offer_cannot_start_in_the_past_nor_too_far(personas, login, start):
    start = {
        "yesterday": (today() - timedelta(days=1)).isoformat(),
        "three years on": years_later(today(), 3).isoformat(),
    }.get(start, start)
    response = login(personas.emma).post(OFFER_NEW, offer_form(start_date=start))
    assert response.status_code == 200
    page = plain(response)
    assert offer_message() in page
    assert "Préparation des commandes en entrepôt" in page  # nothing typed is lost
    assert not Offer.objects.exists()


@pytest.mark.parametrize("days", [0, 30, None])
def test_today_a_later_date_or_none_is_fine(personas, login, days):
    start = "" if days is None else (today() + timedelta(days=days)).isoformat()
    response = login(personas.emma).post(OFFER_NEW, offer_form(start_date=start))
    assert response.status_code == 302
    created = Offer.objects.get()
    assert (created.start_date.isoformat() if created.start_date else "") == start


def test_an_offer_whose_start_has_passed_can_still_be_edited(personas, login):
    """The date was valid when it was set; keeping it must not block a change of title. A new
    date follows the rule; clearing it is fine."""
    started = offer(personas.acme, start_date=today() + timedelta(days=5))
    past = today() - timedelta(days=60)
    Offer.objects.filter(pk=started.pk).update(start_date=past)
    client = login(personas.emma)
    edit = f"/espace-employeur/offres/{started.pk}/modifier/"
    form = client.get(edit).content.decode()
    assert f'value="{past.isoformat()}"' in form and f'min="{past.isoformat()}"' in form
    data = offer_form(title="Cariste confirmé (H/F)", start_date=past.isoformat())
    assert client.post(edit, data).status_code == 302
    started.refresh_from_db()
    assert started.title == "Cariste confirmé (H/F)" and started.start_date == past
    moved = client.post(edit, offer_form(start_date="2020-01-01"))
    assert moved.status_code == 200 and offer_message() in plain(moved)
    started.refresh_from_db()
    assert started.start_date == past
    assert client.post(edit, offer_form(start_date="")).status_code == 302
    started.refresh_from_db()
    assert started.start_date is None


def test_the_public_page_never_shows_a_start_in_2020(personas, login, client):
    start = today() + timedelta(days=14)
    published = offer(personas.acme, start_date=start)
    edit = f"/espace-employeur/offres/{published.pk}/modifier/"
    response = login(personas.emma).post(edit, offer_form(start_date="2020-01-01"))
    assert response.status_code == 200 and offer_message() in plain(response)
    page = plain(client.get(f"/offres/{published.pk}/"))
    assert f"Début {said(start)}" in page and "2020" not in page


# --- The phone number an advisor types -------------------------------------------------------

PERSON = {
    "first_name": "Samir",
    "last_name": "Haddad",
    "email": "samir.haddad@example.test",
    "commune": "94054",
    "agreed": "on",
}
PHONE_MESSAGE = "Indiquez un numéro de téléphone à 10 chiffres (06 12 34 56 78)"


def test_a_phone_number_that_is_not_one_is_refused_in_french(personas, login):
    response = login(personas.ada).post(RESIDENT_NEW, {**PERSON, "phone": "abc<script>"})
    assert response.status_code == 400
    assert PHONE_MESSAGE in plain(response)
    assert not User.objects.filter(email=PERSON["email"]).exists()


def test_the_phone_number_is_stored_the_french_way_and_shown_to_employers(personas, login):
    response = login(personas.ada).post(RESIDENT_NEW, {**PERSON, "phone": "+33 (0)6.12.34.56.78"})
    assert response.status_code == 302
    profile = Profile.objects.get(user__email=PERSON["email"])
    assert profile.phone == "06 12 34 56 78"
    page = login(personas.ada).get(f"/espace-conseiller/personnes/{profile.pk}/").content.decode()
    assert 'href="tel:06 12 34 56 78"' in page


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("0612345678", "06 12 34 56 78"),
        ("01.23.45.67.89", "01 23 45 67 89"),
        ("06-12-34-56-78", "06 12 34 56 78"),
        (" (06) 12 34 56 78 ", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ("+32 470 12 34 56", "+32470123456"),
        ("+262 692 12 34 56", "+262692123456"),
        ("", ""),
    ],
)
def test_phone_numbers_as_people_type_them(db, typed, stored):
    form = ResidentCreateForm({**PERSON, "phone": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == stored


@pytest.mark.parametrize(
    "typed",
    [
        "abc<script>",
        "06 12 34 56",  # too short
        "06 12 34 56 78 90",  # too long
        "6 12 34 56 78",  # no leading 0
        "00 12 34 56 78",
        "+33 6 12 34",
        "+1 234",  # too short for any country
        "+1234567890123456",  # more than 15 digits
        "06 12 34 56 78 poste 12",
        "06+12 34 56 78",
        "tel:0612345678",
        "٠٦١٢٣٤٥٦٧٨",  # Arabic-Indic digits
    ],
)
def test_anything_else_is_refused(db, typed):
    form = ResidentCreateForm({**PERSON, "phone": typed})
    assert not form.is_valid()
    [message] = form.errors["phone"]
    assert message.startswith(PHONE_MESSAGE)


# --- In a real browser -----------------------------------------------------------------------


@pytest.mark.browser
def test_in_a_browser_the_employer_reads_why_1900_is_refused(desktop, personas):
    application = apply(personas.alice, offer(personas.acme))
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.INTERVIEW)
    log_in(desktop, "emma@acme.test")
    desktop.goto(f"{INBOX}{application.pk}/")
    desktop.get_by_label("Date de début du contrat").fill("1900-01-01")
    desktop.get_by_role("button", name="Embaucher").click()
    desktop.get_by_text(hire_message()).wait_for()
    screenshot(desktop, "hire-start-1900-refused")
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.INTERVIEW

"""An offer's page (with its JobPosting), the employer's page, and who may see what."""

import json
import re

import pytest

from offers.models import Offer, Status
from tests.factories import offer
from tests.helpers import text


def jsonld(response):
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(block.group(1)) if block else None


def test_offer_page_shows_employer_place_conditions_and_skills(client, personas):
    published = offer(
        personas.acme, salary_min=1900, salary_max=2200, positions=3, permits=["CACES_R489_3"]
    )
    page = text(client.get(f"/offres/{published.pk}/"))
    assert "Cariste (H/F)" in page and "Acme Logistique" in page and "Orly" in page
    assert "de 1\u202f900 à 2\u202f200\u00a0€ bruts par mois" in page
    assert "CACES R489 catégorie 3" in page
    assert "Compétences demandées" in page


def test_job_posting_has_every_field_google_requires(client, personas):
    published = offer(personas.acme, salary_min=12.5, salary_period="hour")
    data = jsonld(client.get(f"/offres/{published.pk}/"))
    assert data["@type"] == "JobPosting"
    for key in ("title", "description", "datePosted", "hiringOrganization", "jobLocation"):
        assert data[key], key
    assert data["hiringOrganization"]["name"] == "Acme Logistique"
    assert data["jobLocation"]["address"]["addressLocality"] == "Orly"
    assert data["jobLocation"]["address"]["postalCode"] == "94310"
    assert data["employmentType"] == ["FULL_TIME"]
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "HOUR",
        "value": 12.5,
    }
    assert data["identifier"]["value"] == str(published.pk)
    assert data["directApply"] is True
    assert data["validThrough"] > data["datePosted"]


def test_job_posting_cannot_break_out_of_its_script(client, personas):
    published = offer(personas.acme, title="Cariste </script><script>alert(1)</script>")
    raw = client.get(f"/offres/{published.pk}/").content.decode()
    assert "</script><script>alert(1)" not in raw
    assert jsonld(client.get(f"/offres/{published.pk}/"))["title"].startswith("Cariste </script>")


def test_employer_page_lists_its_published_offers_only(client, personas):
    offer(personas.acme, title="Cariste de jour")
    offer(personas.acme, title="Cariste de nuit", publish=False)
    page = text(client.get(f"/employeurs/{personas.acme.pk}/"))
    assert "Cariste de jour" in page and "Cariste de nuit" not in page


@pytest.mark.parametrize("who", ["anonymous", "alice", "frank", "ada"])
def test_a_draft_is_404_for_anyone_outside_its_employer(client, personas, login, who):
    draft = offer(personas.acme, publish=False)
    visitor = client if who == "anonymous" else login(getattr(personas, who))
    assert visitor.get(f"/offres/{draft.pk}/").status_code == 404


def test_the_employers_members_see_their_draft(personas, login):
    draft = offer(personas.acme, publish=False)
    page = text(login(personas.emma).get(f"/offres/{draft.pk}/"))
    assert "Cette offre n'est pas publiée" in page
    assert jsonld(login(personas.emma).get(f"/offres/{draft.pk}/")) is None


@pytest.mark.parametrize(
    "path", ["/espace-employeur/offres/{pk}/", "/espace-employeur/offres/{pk}/modifier/"]
)
def test_another_employer_cannot_manage_nor_edit(personas, login, path):
    draft = offer(personas.acme, publish=False)
    assert login(personas.frank).get(path.format(pk=draft.pk)).status_code == 404
    assert login(personas.alice).get(path.format(pk=draft.pk)).status_code == 404
    assert login(personas.emma).get(path.format(pk=draft.pk)).status_code == 200


def test_another_employer_cannot_publish(personas, login):
    draft = offer(personas.acme, publish=False)
    response = login(personas.frank).post(f"/espace-employeur/offres/{draft.pk}/publish/")
    assert response.status_code == 404
    assert Offer.objects.get(pk=draft.pk).status == Status.DRAFT


def test_only_staff_unpublish(personas, login):
    published = offer(personas.acme)
    url = f"/offres/{published.pk}/depublier/"
    assert login(personas.emma).post(url, {"reason": "x"}).status_code == 403  # not staff
    assert Offer.objects.get(pk=published.pk).status == Status.PUBLISHED
    response = login(personas.sam).post(url, {"reason": "Offre discriminatoire"})
    assert response.status_code == 302
    assert Offer.objects.get(pk=published.pk).status == Status.DRAFT

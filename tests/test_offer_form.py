"""The employer creates and edits an offer with one form."""

import pytest

from offers.models import Offer, OfferSkill, Status
from referentiel.models import OccupationSkill
from tests.conftest import assert_accessible
from tests.helpers import alert_in_view, log_in, offer_form, text


def test_create_a_draft_with_the_core_skills_of_the_trade(personas, login):
    client = login(personas.emma)
    response = client.post("/espace-employeur/offres/nouvelle/", offer_form(), follow=True)
    page = text(response)
    assert "L'offre est créée (brouillon)" in page
    created = Offer.objects.get()
    assert created.employer == personas.acme
    assert created.occupation_id == "N1103"
    assert created.status == Status.DRAFT
    core = set(
        OccupationSkill.objects.filter(occupation_id="N1103", core=True).values_list(
            "skill_id", flat=True
        )
    )
    assert set(created.skill_links.filter(required=True).values_list("skill_id", flat=True)) == core
    assert f"Les compétences essentielles du métier ({len(core)}) sont exigées" in page


def test_skills_removed_on_edit_stay_removed(personas, login):
    client = login(personas.emma)
    client.post("/espace-employeur/offres/nouvelle/", offer_form(), follow=True)
    offer = Offer.objects.get()
    nice = offer.skill_links.filter(required=True).values_list("skill_id", flat=True)[0]
    response = client.post(
        f"/espace-employeur/offres/{offer.pk}/modifier/",
        offer_form(appellation="17993", nice_skills=[nice]),
        follow=True,
    )
    assert "L'offre est enregistrée." in text(response)
    assert "Les compétences essentielles du métier (" not in text(response)
    assert list(offer.skill_links.values_list("skill_id", "required")) == [(nice, False)]


def test_chosen_skills_replace_the_defaults_and_edit_keeps_them(personas, login):
    client = login(personas.emma)
    skills = list(
        OccupationSkill.objects.filter(occupation_id="N1103").values_list("skill_id", flat=True)[:2]
    )
    client.post(
        "/espace-employeur/offres/nouvelle/",
        offer_form(appellation="17993", required_skills=skills[:1], nice_skills=skills[1:]),
    )
    created = Offer.objects.get()
    assert (
        list(
            OfferSkill.objects.filter(offer=created, required=True).values_list(
                "skill_id", flat=True
            )
        )
        == skills[:1]
    )
    page = text(client.get(f"/espace-employeur/offres/{created.pk}/modifier/"))
    assert f'value="{skills[0]}"' in page and f'value="{skills[1]}"' in page
    client.post(
        f"/espace-employeur/offres/{created.pk}/modifier/",
        offer_form(appellation="17993", title="Préparatrice de commandes", required_skills=skills),
    )
    created.refresh_from_db()
    assert created.title == "Préparatrice de commandes"
    assert created.skill_links.filter(required=True).count() == 2


def test_mistakes_are_explained_and_nothing_is_lost(personas, login):
    response = login(personas.emma).post(
        "/espace-employeur/offres/nouvelle/",
        offer_form(salary_min="2500", salary_max="1800", hours_per_week="80", title=""),
    )
    page = text(response)
    assert "Le salaire maximum est plus petit que le minimum" in page
    assert "Entre 1 et 48 heures par semaine" in page
    assert "Ce champ est obligatoire" in page
    assert "Préparation des commandes en entrepôt" in page
    assert 'value="préparateur de commandes"' in page
    assert not Offer.objects.exists()


def test_publish_from_the_employer_space(personas, login):
    client = login(personas.emma)
    client.post("/espace-employeur/offres/nouvelle/", offer_form())
    created = Offer.objects.get()
    response = client.post(f"/espace-employeur/offres/{created.pk}/publish/", follow=True)
    assert "L'offre est publiée." in text(response)
    assert Offer.objects.get().status == Status.PUBLISHED
    assert "Préparateur de commandes (H/F)" in text(client.get("/offres/", {"q": "préparateur"}))


def test_marking_an_offer_filled_asks_to_confirm_first(personas, login):
    from tests.factories import offer

    published = offer(personas.acme)
    client = login(personas.emma)
    url = f"/espace-employeur/offres/{published.pk}/fill/"
    response = client.post(url, follow=True)
    assert "Cochez la case pour confirmer" in text(response)
    assert Offer.objects.get().status == Status.PUBLISHED, "a misclick changes nothing"
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "L'offre est pourvue" in text(response)
    assert Offer.objects.get().status == Status.FILLED


def test_residents_have_no_employer_space(personas, login):
    assert login(personas.alice).get("/espace-employeur/").status_code == 404
    assert login(personas.alice).get("/espace-employeur/offres/nouvelle/").status_code == 404


def test_core_skills_fragment_prefills_chips(client, db):
    page = text(
        client.get(
            "/metiers/competences-essentielles/",
            {"appellation": "17993", "name": "required_skills"},
        )
    )
    assert (
        page.count('class="chip"')
        == OccupationSkill.objects.filter(occupation_id="N1103", core=True).count()
    )
    assert 'name="required_skills"' in page


def test_a_member_of_two_employers_chooses_which_one_posts_the_offer(personas, login):
    from tests.factories import OrganisationFactory, member

    other = OrganisationFactory(name="Zeta Intérim")
    member(personas.emma, other)
    client = login(personas.emma)
    page = text(client.get("/espace-employeur/offres/nouvelle/"))
    assert "Choisissez l'employeur de cette offre" in page and "Zeta Intérim" in page
    response = client.post("/espace-employeur/offres/nouvelle/", offer_form())
    assert "Ce champ est obligatoire" in text(response), "no silent choice"
    assert not Offer.objects.exists()
    client.post("/espace-employeur/offres/nouvelle/", offer_form(employer=other.pk))
    assert Offer.objects.get().employer == other


def test_an_offer_cannot_be_posted_for_someone_elses_employer(personas, login):
    from tests.factories import OrganisationFactory, member

    member(personas.emma, OrganisationFactory(name="Zeta Intérim"))
    client = login(personas.emma)
    response = client.post(
        "/espace-employeur/offres/nouvelle/", offer_form(employer=personas.globex.pk)
    )
    assert "Sélectionnez un choix valide" in text(response)
    assert not Offer.objects.exists()


def _summary(page: str) -> str:
    """The error summary: first thing under the heading, before the form and its fields."""
    assert '<div class="form-errors" role="alert" id="form-errors">' in page
    summary = page.split('id="form-errors">')[1].split("</div>")[0]
    assert page.index('id="form-errors"') < page.index('id="offer-form"')
    return summary


def test_a_mistake_is_summed_up_at_the_top_with_a_link_to_its_field(personas, login):
    """The page reloads at its top and the field in error may be 1900 px below: the summary says
    that nothing is saved and links to each field in error."""
    client = login(personas.emma)
    response = client.post(
        "/espace-employeur/offres/nouvelle/", offer_form(hours_per_week="80", title="")
    )
    summary = _summary(text(response))
    assert "L'offre n'est pas encore enregistrée : vérifiez ce qui est signalé ci-dessous." in (
        summary
    )
    assert '<a href="#id_title">Intitulé du poste</a> : Ce champ est obligatoire.' in summary
    assert '<a href="#id_hours_per_week">' in summary and "Entre 1 et 48 heures" in summary
    assert 'href="#id_description"' not in summary, "only the fields in error"
    for target in ("id_title", "id_hours_per_week"):
        assert f'id="{target}"' in text(response)

    created = offer_form()
    client.post("/espace-employeur/offres/nouvelle/", created)
    edited = Offer.objects.get()
    response = client.post(
        f"/espace-employeur/offres/{edited.pk}/modifier/",
        offer_form(salary_min="2500", salary_max="1800"),
    )
    assert '<a href="#id_salary_max">' in _summary(text(response))


def test_an_error_in_a_folded_group_of_boxes_links_to_its_first_box(personas, login):
    response = login(personas.emma).post(
        "/espace-employeur/offres/nouvelle/", offer_form(permits=["pas-un-permis"])
    )
    page = text(response)
    assert '<a href="#id_permits_0">' in _summary(page)
    assert 'id="id_permits_0"' in page
    assert "<details open><summary>Permis, CACES et habilitations" in page
    assert "<details><summary>Langues" in page


def test_a_valid_form_has_no_summary(personas, login):
    page = text(login(personas.emma).get("/espace-employeur/offres/nouvelle/"))
    assert 'role="alert"' not in page


@pytest.mark.browser
def test_on_a_phone_the_summary_is_in_view_and_its_links_reach_the_fields(phone, personas):
    log_in(phone, "emma@acme.test")
    phone.goto("/espace-employeur/offres/nouvelle/")
    phone.get_by_role("button", name="Enregistrer").click()
    alert = alert_in_view(phone, "L'offre n'est pas encore enregistrée")
    assert_accessible(phone)
    for label, target in (("Intitulé du poste", "id_title"), ("Type de contrat", "id_contract")):
        alert.get_by_role("link", name=label).click()
        assert phone.evaluate("document.activeElement.id") == target
        field = phone.locator(f"#{target}").bounding_box()
        assert field is not None and -2 <= field["y"] < 740, f"{label} is scrolled into view"
    assert not Offer.objects.exists()

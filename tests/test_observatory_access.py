"""Who may open the staff pages: staff only. Anonymous visitors are sent to the login page;
residents, employers and advisors get 403; a 404 for a page that does not exist. The public
figures page answers everyone."""

import pytest

from observatory.pages import PAGES
from tests.factories import offer

PAGES_GET = [
    "/espace-equipe/",
    *(f"/espace-equipe/observatoire/{slug}/" for slug in PAGES),
    "/espace-equipe/observatoire/offres/?format=csv&table=mois",
    "/espace-equipe/referentiel/",
    "/espace-equipe/utilisateurs/?q=alice",
    "/espace-equipe/moderation/",
]


def posts(personas) -> list[str]:
    published = offer(personas.acme)
    return [
        "/espace-equipe/referentiel/",
        f"/espace-equipe/moderation/offres/{published.pk}/classer/",
        f"/espace-equipe/moderation/offres/{published.pk}/depublier/",
        f"/espace-equipe/moderation/organisations/{personas.plie.pk}/valider/",
        f"/espace-equipe/moderation/organisations/{personas.acme.pk}/suspendre/",
    ]


@pytest.mark.parametrize("url", PAGES_GET)
def test_anonymous_visitors_go_to_the_login_page(personas, client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/comptes/connexion/")


@pytest.mark.parametrize("url", PAGES_GET)
@pytest.mark.parametrize("who", ["alice", "emma", "ada"])
def test_others_get_403(personas, login, url, who):
    assert login(getattr(personas, who)).get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES_GET)
def test_staff_open_them(personas, login, url):
    assert login(personas.sam).get(url).status_code == 200


@pytest.mark.parametrize("who", ["alice", "emma", "ada"])
def test_others_cannot_act(personas, login, who, monkeypatch):
    from observatory import tasks

    monkeypatch.setattr(tasks.reload_referentiel, "delay", lambda **kw: pytest.fail("queued"))
    client = login(getattr(personas, who))
    for url in posts(personas):
        assert client.post(url, {"reason": "x", "suspend": "1"}).status_code == 403, url
    personas.acme.refresh_from_db()
    personas.plie.refresh_from_db()
    assert personas.acme.suspended_at is None


def test_an_unknown_page_is_404(personas, login):
    assert login(personas.sam).get("/espace-equipe/observatoire/inconnue/").status_code == 404


def test_the_staff_land_on_their_home(personas, login):
    response = login(personas.sam).get("/mon-espace/")
    assert response["Location"] == "/espace-equipe/"


def test_the_public_figures_answer_everyone(personas, client, login):
    assert client.get("/chiffres/").status_code == 200
    assert login(personas.alice).get("/chiffres/").status_code == 200


def test_the_home_links_to_every_page_and_to_the_back_office(personas, login):
    page = login(personas.sam).get("/espace-equipe/").content.decode()
    for slug in PAGES:
        assert f'href="/espace-equipe/observatoire/{slug}/"' in page
    for url in (
        "/espace-equipe/moderation/", "/espace-equipe/calculs/", "/espace-equipe/referentiel/",
        "/espace-equipe/utilisateurs/", "/admin/matching/training/", "/chiffres/",
    ):  # fmt: skip
        assert f'href="{url}"' in page, url

"""The project's own checks: migrations committed, compose file complete, pages in French."""

from io import StringIO
from pathlib import Path

import yaml
from django.core.management import call_command

from tests.helpers import text

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED_IN_PRODUCTION = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}


def test_migrations_are_committed(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_compose_gives_every_service_the_variables_settings_require():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    anchors = {}
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        keys = (
            set(environment)
            if isinstance(environment, dict)
            else {item.split("=", 1)[0] for item in environment}
        )
        missing = REQUIRED_IN_PRODUCTION - keys
        assert not missing, f"{name} misses {missing}"
        anchors[name] = (
            services[name]["image"] if "image" in services[name] else services[name]["build"]
        )
    assert len({str(value) for value in anchors.values()}) == 1, (
        "web, worker and beat share one image"
    )


def test_home_page_is_french_and_accessible_landmarks(client, db):
    page = text(client.get("/"))
    assert '<html lang="fr">' in page
    assert 'href="#contenu"' in page and 'id="contenu"' in page
    assert "Les emplois du territoire" in page


def test_api_schema_and_docs_answer(client, db):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in text(docs).lower()


def test_openapi_schema_is_valid_without_warnings(db, tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/offers/" in (tmp_path / "s.yml").read_text()


def test_no_template_comment_spans_lines():
    """Django's {# #} comments are one line: a longer one would be shown to people."""
    for path in (BASE_DIR / "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            assert "{#" not in line or "#}" in line, f"{path}:{number}"

"""``manage.py matching_report``: crowding, fairness, and the effect of re-ranking."""

import io

from django.core.management import call_command

from matching import runs
from matching.report import rerank_figures
from tests.factories import offer, resident


def test_the_report_prints_the_figures_and_the_effect_of_re_ranking(personas):
    call_command("matching_report", stdout=(empty := io.StringIO()))
    assert "Aucun calcul terminé" in empty.getvalue()
    offer(personas.acme, title="Cariste Orly", positions=1)
    offer(personas.globex, title="Cariste Rungis", commune_code="94065", positions=5)
    for _ in range(6):
        resident()
    runs.run_full()
    out = io.StringIO()
    call_command("matching_report", "--rerank", stdout=out)
    text = out.getvalue()
    assert "Exposition des offres (Gini)" in text and "Habitants des QPV" in text
    assert "Re-classement selon les postes à pourvoir" in text
    summary = rerank_figures()
    # Never less even than the plain lists (the engine's tests show it spreading exposure).
    assert summary["gini_per_position_after"] <= summary["gini_per_position_before"]

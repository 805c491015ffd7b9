"""Pages of the matcher: offers for a resident, candidates for an employer's offer, the runs.

Permissions, in one place: a resident's page answers residents only (404 for anyone else); an
offer's candidates answer the members of its employer only (404); the runs answer staff only
(anonymous visitors go to the login page, others get 403).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.permissions import staff_required
from matching import selectors, tasks
from matching.explain import Explained, explain
from matching.models import Dirty, Run
from matching.report import format_figures
from matching.training import DEMO_LABEL, trainings_for
from offers import selectors as offer_selectors
from residents import selectors as resident_selectors
from residents.models import LEVELS, Consent
from residents.permissions import resident_required
from vitrine.french import number

logger = logging.getLogger(__name__)
LAUNCH_KEY = "matching:run-requested"
LAUNCH_SECONDS = 15  # a click's task may not have created its run yet: a second one waits
LEVEL_WORDS = dict(LEVELS)


# --- Resident ----------------------------------------------------------------------------------


@resident_required
@require_GET
def recommendations(request):
    """``/offres-pour-vous/``: the current run's offers for the resident, with reasons and
    gaps, then the trainings that open most offers. Same queries whatever the matches."""
    profile = resident_selectors.profile_of(request.user)
    context = {"profile": profile, "demo_label": DEMO_LABEL}
    context["consented"] = resident_selectors.has_consent(profile, Consent.Kind.MATCHING)
    if context["consented"]:
        run = Run.current()
        matches = explain(selectors.resident_matches(profile=profile, run=run))
        context.update(run=run, matches=matches, trainings=trainings_for(profile))
        # The profile (or the consent) changed and a worker is comparing it to the offers.
        context["pending"] = Dirty.objects.filter(
            kind=Dirty.Kind.PROFILE, object_id=profile.pk
        ).exists()
        if not matches:
            context["has_trades"] = profile.sought.exists()
    return render(request, "matching/recommendations.html", context)


# --- Employer ----------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A visible resident as an employer sees them: never the QPV, never contact details."""

    name: str
    commune: str
    level: str
    trades: list[str]
    explained: Explained


def _short_name(user) -> str:
    initial = user.last_name[:1].upper()
    return f"{user.first_name} {initial}." if initial else user.first_name


def _candidate(item: Explained) -> Candidate:
    profile = item.match.profile
    return Candidate(
        name=_short_name(profile.user),
        commune=profile.commune.name if profile.commune else "",
        level=LEVEL_WORDS.get(profile.level, "Non renseigné"),
        trades=[job.label for job in profile.sought.all()],
        explained=item,
    )


@login_required
@require_GET
def candidates(request, pk: int):
    """``/espace-employeur/offres/<pk>/candidats/``: residents who fit the offer and agreed to
    be visible. Not an opening of their profiles: nothing is logged."""
    offer = offer_selectors.offer_for_member(user=request.user, pk=pk)
    run = Run.current()
    matches = selectors.offer_candidates(offer=offer, run=run)
    people = [_candidate(item) for item in explain(matches, for_employer=True)]
    return render(
        request, "matching/candidates.html", {"offer": offer, "run": run, "candidates": people}
    )


# --- Staff -------------------------------------------------------------------------------------


def _run_context(run: Run, current: Run | None) -> dict:
    return {
        "run": run,
        "is_current": current is not None and current.pk == run.pk,
        "percent": 100 if run.status == Run.Status.DONE else run.progress,
        "figures": format_figures(run.figures) if run.status == Run.Status.DONE else [],
        # The counts written the French way: "12 345", "3,5".
        "counts": {
            key: number(getattr(run, key))
            for key in ("residents", "offers", "candidate_pairs", "valid_pairs", "rows")
        },
        "seconds": number(run.seconds, 1),
    }


def _launch(request) -> None:
    busy = "Un calcul est déjà en cours : attendez qu'il se termine."
    if selectors.run_in_progress() is not None:
        messages.error(request, busy)
        return
    try:
        if not cache.add(LAUNCH_KEY, 1, LAUNCH_SECONDS):
            messages.error(request, busy)
            return
        tasks.rematch.delay(by_id=request.user.pk)
    except Exception:  # broker or cache down: say so, nothing is half started
        logger.exception("Full run not queued")
        with contextlib.suppress(Exception):
            cache.delete(LAUNCH_KEY)
        messages.error(request, "La file de calcul ne répond pas : réessayez dans un moment.")
        return
    messages.success(request, "Le calcul complet est lancé ; son avancement s'affiche ci-dessous.")


@staff_required
@require_http_methods(["GET", "POST"])
def runs(request):
    """``/espace-equipe/calculs/``: the runs, their progress and figures; start a full run."""
    if request.method == "POST":
        _launch(request)
        return redirect("matching:runs")
    current = Run.current()
    items = [_run_context(run, current) for run in selectors.runs_recent()]
    running = any(item["run"].status == Run.Status.RUNNING for item in items)
    return render(request, "matching/runs.html", {"items": items, "running": running})


@staff_required
@require_GET
def run_progress(request, pk: int):
    """The card of one run, polled every 2 s by htmx while it is running."""
    run = get_object_or_404(Run.objects.select_related("started_by"), pk=pk)
    return render(request, "matching/_run.html", _run_context(run, Run.current()))

"""Pages of the observatory (staff, and the public figures) and of the back office.

Permissions, in one place: every page under ``/espace-equipe/`` is staff only
(``accounts.permissions.staff_required``: the login page for anonymous visitors, 403 for
anyone else); ``/chiffres/`` is public. ``?format=csv&table=NAME`` on a figures page downloads
the table NAME as shown, through the same cached query: a CSV file for a spreadsheet in French
(byte order mark, ``;`` between cells, decimal comma; see ``observatory.tables``).
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from accounts.permissions import staff_required
from moderation import selectors as moderation_selectors
from observatory import backoffice_services, tasks
from observatory.filters import Filters, add_months, parse
from observatory.pages import PAGES
from observatory.public import public_figures
from observatory.tables import Figure, find_table

logger = logging.getLogger(__name__)
USERS_PER_PAGE = 50


def _csv(figures: list[Figure], name: str, prefix: str, filters: Filters) -> HttpResponse:
    table = find_table(figures, name)
    if table is None:
        raise Http404("Ce tableau n'existe pas sur cette page.")
    last = add_months(filters.end, -1)
    filename = f"{prefix}-{table.name}-{filters.start:%Y-%m}-{last:%Y-%m}"
    if filters.commune:
        filename += f"-{filters.commune}"
    response = HttpResponse("\ufeff" + table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@staff_required
@require_GET
def home(request):
    """``/espace-equipe/``: the staff's home, linking to every page and to the back office,
    with what waits in the moderation queue."""
    context = {"pages": PAGES.values(), "waiting": moderation_selectors.waiting_counts()}
    return render(request, "observatory/home.html", context)


@staff_required
@require_GET
def figures(request, slug: str):
    """``/espace-equipe/observatoire/<slug>/``: the figures of one page, with filters."""
    page = PAGES.get(slug)
    if page is None:
        raise Http404("Cette page de l'observatoire n'existe pas.")
    filters, form = parse(request.GET)
    built = page.build(filters)
    if request.GET.get("format") == "csv":
        return _csv(built, request.GET.get("table", ""), f"observatoire-{slug}", filters)
    context = {
        "page": page,
        "pages": PAGES.values(),
        "filters": filters,
        "form": form,
        "figures": built,
    }
    return render(request, "observatory/page.html", context)


@require_GET
def public(request):
    """``/chiffres/``: the public figures of the last 12 months (no count under 10)."""
    filters, built = public_figures()
    if request.GET.get("format") == "csv":
        return _csv(built, request.GET.get("table", ""), "chiffres", filters)
    return render(request, "observatory/public.html", {"filters": filters, "figures": built})


@staff_required
@require_http_methods(["GET", "POST"])
def referentiel(request):
    """``/espace-equipe/referentiel/``: versions of the reference data; reload them."""
    if request.method == "POST":
        force = request.POST.get("force") == "1"
        if not backoffice_services.referentiel_reload_requested():
            messages.error(request, "Un rechargement est déjà en cours : attendez sa fin.")
        else:
            try:
                tasks.reload_referentiel.delay(force=force)
            except Exception:  # the broker is down: say so, nothing was started
                logger.exception("Reference data reload not queued")
                backoffice_services.referentiel_reload_abandoned()
                messages.error(
                    request,
                    "Le rechargement n'a pas pu être lancé : la file de tâches ne répond pas. "
                    "Réessayez dans quelques minutes.",
                )
            else:
                messages.success(
                    request,
                    "Le rechargement est lancé ; les versions ci-dessous changent à sa fin.",
                )
        return redirect("observatory:referentiel")
    return render(
        request, "observatory/referentiel.html", {"datasets": backoffice_services.datasets()}
    )


@staff_required
@require_GET
def users(request):
    """``/espace-equipe/utilisateurs/``: search accounts by e-mail or name, and role."""
    query = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    role = role if role in User.Role.values else ""
    found = None
    if query or role:
        results = backoffice_services.users_search(query=query, role=role)
        found = Paginator(results, USERS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"query": query, "role": role, "roles": User.Role.choices, "found": found}
    return render(request, "observatory/users.html", context)

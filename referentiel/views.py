"""Pages about trades (ROME fiches) and the suggestion fragments of the autocomplete."""

import re

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from referentiel import selectors
from referentiel.fields import AppellationField
from referentiel.suggestions import MAX_QUERY, suggest_skills, suggest_titles

LIST_ID = re.compile(r"^[A-Za-z][\w-]{0,80}$")


def _options(request, options):
    prefix = request.GET.get("list", "")
    prefix = prefix if LIST_ID.match(prefix) else "suggestion"
    return render(request, "referentiel/options.html", {"options": options, "prefix": prefix})


@require_GET
@cache_control(max_age=300, public=True)
def appellation_options(request):
    query = request.GET.get("q", "")[:MAX_QUERY]
    options = [
        {
            "value": s.code_ogr,
            "label": s.label,
            "hint": s.label_rome if s.label_rome != s.label else "",
        }
        for s in suggest_titles(query, 8)
    ]
    return _options(request, options)


@require_GET
@cache_control(max_age=300, public=True)
def skill_options(request):
    query = request.GET.get("q", "")[:MAX_QUERY]
    occupation = selectors.occupation_code(request.GET.get("boost", ""))
    options = [
        {"value": s.code, "label": s.label, "hint": ""}
        for s in suggest_skills(query, occupation=occupation, limit=8)
    ]
    return _options(request, options)


FIELD_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,60}$")


@require_GET
def core_skills(request):
    """Chips of the core skills of an appellation's fiche, to pre-fill a skills widget."""
    occupation = selectors.occupation_code(request.GET.get("appellation", ""))
    name = request.GET.get("name", "")
    if occupation is None or not FIELD_NAME.match(name):
        return render(request, "referentiel/chips.html", {"chips": [], "name": name})
    chips = selectors.core_skills_of(occupation_code=occupation)
    return render(request, "referentiel/chips.html", {"chips": chips, "name": name})


class OccupationSearchForm(forms.Form):
    metier = AppellationField(label="Quel métier ?")


@require_GET
def occupation_search(request):
    form = OccupationSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        appellation = form.cleaned_data["metier"]
        return redirect("referentiel:occupation", code=appellation.occupation_id)
    return render(request, "referentiel/search.html", {"form": form})


@require_GET
def occupation_detail(request, code: str):
    occupation = get_object_or_404(selectors.occupations(), code=code.upper())
    return render(
        request,
        "referentiel/occupation.html",
        {
            "occupation": occupation,
            "appellations": selectors.appellations_of(occupation=occupation),
            "skills": selectors.skills_of(occupation=occupation),
            "neighbours": selectors.mobilities_of(occupation=occupation),
        },
    )

"""Public pages: the search at /offres/, an offer, an employer."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from offers import cache, jsonld, search, selectors
from offers.forms import SearchForm


@require_GET
@vary_on_headers("HX-Request")  # the same address is the page or, for htmx, its results alone
def offer_search(request):
    partial = bool(request.htmx and not request.htmx.boosted)
    key = cache.public_key(request, "results" if partial else "page")
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    form = SearchForm(request.GET or None)
    results = search.search(form.criteria())
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "results": results, "params": params.urlencode()}
    template = "offers/_results.html" if partial else "offers/search.html"
    response = render(request, template, context)
    cache.put(key, response.content)
    return response


@require_GET
def offer_detail(request, pk: int):
    offer = selectors.offer_visible(user=request.user, pk=pk)
    required, nice = selectors.skills_of(offer=offer)
    context = {
        "offer": offer,
        "required_skills": required,
        "nice_skills": nice,
        "jsonld": mark_safe(jsonld.script(offer)) if offer.is_public else "",  # noqa: S308
        "is_member": request.user.is_authenticated
        and offer.employer.memberships.filter(user=request.user).exists(),
    }
    return render(request, "offers/detail.html", context)


@require_GET
def employer_detail(request, pk: int):
    employer = selectors.employer_public(pk=pk)
    offers = selectors.published_of(employer=employer)
    return render(request, "offers/employer.html", {"employer": employer, "offers": offers})

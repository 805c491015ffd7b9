from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

# Where each role's own space lives; the account page is the fallback.
SPACES = {
    "resident": "residents:home",
    "employer": "offers:dashboard",
    "advisor": "advisors:home",
    "staff": "observatory:home",
}


def home(request):
    return render(request, "home.html")


def about_data(request):
    return render(request, "about_data.html")


@login_required
def space(request):
    """``/mon-espace/``: each person lands in the space of their role."""
    try:
        return redirect(reverse(SPACES[request.user.role]))
    except (KeyError, NoReverseMatch):
        return redirect("accounts:dashboard")

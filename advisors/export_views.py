"""The structure's exports: a page listing them, and each table as CSV or XLSX."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from advisors import exports
from advisors.permissions import advisor_required

FORMATS = {
    "csv": (exports.to_csv, "text/csv; charset=utf-8"),
    "xlsx": (
        exports.to_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@advisor_required
@require_GET
def index(request):
    return render(
        request,
        "advisors/exports.html",
        {"structure": request.structure, "tables": list(exports.TABLES), "formats": FORMATS},
    )


@advisor_required
@require_GET
def download(request, kind: str, fmt: str):
    """``/espace-conseiller/exports/<kind>.<fmt>``: the structure's table, as an attachment."""
    if kind not in exports.TABLES or fmt not in FORMATS:
        raise Http404
    table = exports.TABLES[kind](structure=request.structure)
    write, content_type = FORMATS[fmt]
    day = timezone.localdate().isoformat()
    name = f"{slugify(request.structure.name)[:40]}-{kind}-{day}.{fmt}"
    response = HttpResponse(write(table), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response

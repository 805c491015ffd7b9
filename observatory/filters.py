"""The filters of every observatory page: a period of whole months and, optionally, a commune
of the territory (the commune where the job is)."""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from referentiel.models import Commune
from vitrine.french import of

MAX_MONTHS = 36
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the months a filter accepts: January 2000 to December 2100
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_NAMES = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


SHORT_NAMES = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
]  # fmt: skip


def month_label(day: datetime.date, short: bool = False) -> str:
    if short:
        return f"{SHORT_NAMES[day.month - 1]} {day.year % 100:02d}"
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def territory_communes() -> list[tuple[str, str]]:
    """(code, name) of the territory's communes, by name; reference data, cached an hour."""
    key = "observatory:communes"
    with contextlib.suppress(Exception):
        cached = cache.get(key)
        if cached:
            return cached
    communes = list(
        Commune.objects.filter(in_territory=True).order_by("name").values_list("code_insee", "name")
    )
    with contextlib.suppress(Exception):
        cache.set(key, communes, 3600)
    return communes


@dataclass(frozen=True)
class Filters:
    """``start``: first day of the first month; ``end``: first day of the month after the last."""

    start: datetime.date
    end: datetime.date
    commune: str = ""
    commune_name: str = ""

    @classmethod
    def default(cls) -> Filters:
        this_month = timezone.localdate().replace(day=1)
        return cls(start=add_months(this_month, -11), end=add_months(this_month, 1))

    @property
    def key(self) -> str:
        return f"{self.start:%Y-%m}:{self.end:%Y-%m}:{self.commune or 'all'}"

    @cached_property
    def months(self) -> list[datetime.date]:
        out, day = [], self.start
        while day < self.end:
            out.append(day)
            day = add_months(day, 1)
        return out

    def params(self) -> dict:
        """SQL parameters: aware bounds, local (naive) bounds for month series, the commune."""
        zone = ZoneInfo(settings.TIME_ZONE)
        at = datetime.time.min
        return {
            "start": datetime.datetime.combine(self.start, at, tzinfo=zone),
            "end": datetime.datetime.combine(self.end, at, tzinfo=zone),
            "start_date": self.start,
            "end_date": self.end,
            "local_start": datetime.datetime.combine(self.start, at),
            "local_end": datetime.datetime.combine(self.end, at),
            "commune": self.commune or None,
            "tz": settings.TIME_ZONE,
        }

    @property
    def label(self) -> str:
        last = add_months(self.end, -1)
        period = (
            f"en {month_label(self.start)}"
            if last == self.start
            else f"{of(month_label(self.start))} à {month_label(last)}"
        )
        return f"{period}, {self.commune_name or 'tout le territoire'}"

    @property
    def query(self) -> str:
        params = {"debut": f"{self.start:%Y-%m}", "fin": f"{add_months(self.end, -1):%Y-%m}"}
        if self.commune:
            params["commune"] = self.commune
        return urlencode(params)


class MonthInput(forms.TextInput):
    input_type = "month"


class FiltersForm(forms.Form):
    debut = forms.CharField(label="Du mois", required=False, widget=MonthInput)
    fin = forms.CharField(label="Au mois (inclus)", required=False, widget=MonthInput)
    commune = forms.ChoiceField(label="Commune du poste", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = dict(territory_communes())
        self.fields["commune"].choices = [("", "Tout le territoire"), *self.names.items()]

    @staticmethod
    def _month(value: str, field: str) -> datetime.date | None:
        if not value:
            return None
        match = MONTH_RE.match(value.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError({field: "Indiquez un mois sous la forme AAAA-MM."})
        if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
            first = month_label(datetime.date(FIRST_YEAR, 1, 1))
            last = month_label(datetime.date(LAST_YEAR, 12, 1))
            raise forms.ValidationError({field: f"Choisissez un mois entre {first} et {last}."})
        return datetime.date(int(match[1]), int(match[2]), 1)

    def clean(self):
        data = super().clean()
        default = Filters.default()
        start = self._month(data.get("debut", ""), "debut")
        last = self._month(data.get("fin", ""), "fin")
        end = add_months(last, 1) if last else default.end
        start = start or (add_months(end, -12) if last else default.start)
        if start >= end:
            raise forms.ValidationError("Le premier mois doit précéder le dernier.")
        if (end.year - start.year) * 12 + end.month - start.month > MAX_MONTHS:
            raise forms.ValidationError(f"Choisissez une période de {MAX_MONTHS} mois au plus.")
        data["filters"] = Filters(
            start=start,
            end=end,
            commune=data.get("commune", ""),
            commune_name=self.names.get(data.get("commune", ""), ""),
        )
        return data


def parse(query) -> tuple[Filters, FiltersForm]:
    """The filters of a request's query string; the defaults (last 12 months, the whole
    territory) for anything missing or wrong, with the form's errors to show."""
    default = Filters.default()
    data = query.copy()
    if not data.get("debut") and not data.get("fin"):
        data["debut"] = f"{default.start:%Y-%m}"
        data["fin"] = f"{add_months(default.end, -1):%Y-%m}"
    form = FiltersForm(data)
    if form.is_valid():
        return form.cleaned_data["filters"], form
    return default, form

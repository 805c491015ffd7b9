"""What an offer may hold, written once for the form, the API and the imports."""

from datetime import date

from django.utils import timezone

from vitrine.french import day

# The fields an employer sets (the form and the API show them in this order).
EDITABLE_FIELDS = [
    "title",
    "appellation",
    "description",
    "commune",
    "contract",
    "hours_per_week",
    "salary_min",
    "salary_max",
    "salary_period",
    "level",
    "level_strict",
    "experience",
    "required_skills",
    "nice_skills",
    "permits",
    "languages",
    "positions",
    "start_date",
    "insertion_clause",
]
MIN_HOURS, MAX_HOURS = 1, 48
HOURS_MESSAGE = f"Entre {MIN_HOURS} et {MAX_HOURS} heures par semaine."
SALARY_MESSAGE = "Le salaire maximum est plus petit que le minimum."


def value_errors(*, hours=None, salary_min=None, salary_max=None) -> dict[str, str]:
    """Messages per field for values that break the rules (empty when all is well)."""
    errors = {}
    if hours is not None and not MIN_HOURS <= hours <= MAX_HOURS:
        errors["hours_per_week"] = HOURS_MESSAGE
    if salary_min is not None and salary_max is not None and salary_min > salary_max:
        errors["salary_max"] = SALARY_MESSAGE
    return errors


START_YEARS_AHEAD = 2  # an offer starts at the latest two years from today


def years_later(day: date, years: int) -> date:
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def french_date(value: date) -> str:
    """``2 janvier 2027``, and ``1er janvier 2027`` for the first of the month, whatever
    language is active (``vitrine.french.day``)."""
    return day(value)


def start_date_bounds() -> tuple[date, date]:
    """The first and last start date an employer may give an offer: today, two years on."""
    today = timezone.localdate()
    return today, years_later(today, START_YEARS_AHEAD)


def start_date_error(value: date) -> str | None:
    """Why ``value`` is not a start date for an offer set now (None when it is one)."""
    earliest, latest = start_date_bounds()
    if earliest <= value <= latest:
        return None
    return (
        f"Indiquez une date de début entre aujourd'hui ({french_date(earliest)}) et le "
        f"{french_date(latest)}, ou laissez le champ vide."
    )

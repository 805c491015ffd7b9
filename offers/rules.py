"""What an offer may hold, written once for the form, the API and the imports."""

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

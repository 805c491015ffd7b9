"""Form fields for a job title (ROME appellation) and for skills, with the autocomplete.

A text typed without choosing in the list (no JavaScript, or Enter pressed too soon) is taken
only when it names one thing without doubt (for titles: ``referentiel.suggestions.named_title``).
Otherwise the form says so, names the closest choices and keeps the text: "infirmière" or
"' OR 1=1" must not become a trade without the person knowing.
"""

from django import forms
from django.core.exceptions import ValidationError

from referentiel.models import Appellation, Skill
from referentiel.suggest.text import words
from referentiel.suggestions import named_title, suggest_skills
from referentiel.widgets import Autocomplete, TypedText
from vitrine.french import french_or

# Skill labels are sentences, so their scores run lower: a typed text that scores this much
# against one skill, with no other within SKILL_MARGIN, names it ("permis b").
SKILL_LIKELY = 0.5
SKILL_MARGIN = 0.04
UNSURE = (
    "« %(text)s » ne permet pas de savoir de quel métier il s'agit. Choisissez-le dans la liste "
    "proposée, par exemple : %(choices)s."
)


def resolve_title(text, messages):
    """Code of the appellation that ``text`` names without doubt, or a ValidationError."""
    named, found = named_title(text)
    if named is not None:
        return named.code_ogr
    if not found:
        raise ValidationError(messages["no_match"], code="no_match", params={"text": text})
    choices = french_or([s.label for s in found[:3]])
    raise ValidationError(UNSURE, code="unsure", params={"text": text, "choices": choices})


def resolve_skill(text):
    """Code of the skill ``text`` names: its label (case, accents and punctuation aside), or a
    suggestion scoring SKILL_LIKELY with no other within SKILL_MARGIN; else a ValidationError
    naming the closest ones."""
    found = suggest_skills(text, limit=3)
    typed = words(text)
    for skill in found:
        if words(skill.label) == typed:
            return skill.code
    if found and found[0].score >= SKILL_LIKELY:
        second = found[1].score if len(found) > 1 else 0.0
        if second < found[0].score - SKILL_MARGIN:
            return found[0].code
    if not found:
        raise ValidationError(
            "Aucune compétence ne correspond à « %(text)s ». Essayez avec d'autres mots.",
            code="no_match",
            params={"text": text},
        )
    raise ValidationError(
        "« %(text)s » n'est pas une compétence de la liste. Choisissez-la dans la liste "
        "proposée, par exemple : %(choices)s.",
        code="unsure",
        params={"text": text, "choices": french_or([s.label for s in found])},
    )


def appellation_labels(codes):
    return dict(Appellation.objects.filter(pk__in=list(codes)).values_list("pk", "label"))


def skill_labels(codes):
    return dict(Skill.objects.filter(pk__in=list(codes)).values_list("pk", "label"))


class AppellationField(forms.ModelChoiceField):
    """A job title chosen among the ROME appellations; its ``occupation`` is the ROME fiche."""

    default_error_messages = {
        "invalid_choice": "Choisissez un métier dans la liste proposée.",
        "no_match": "Aucun métier ne correspond à « %(text)s ». Essayez avec d'autres mots.",
    }

    def __init__(self, *, placeholder="Par exemple : aide-soignant, cariste, maçon", **kwargs):
        widget = Autocomplete(
            "referentiel:appellation_options", labels=appellation_labels, placeholder=placeholder
        )
        super().__init__(
            queryset=Appellation.objects.select_related("occupation"), widget=widget, **kwargs
        )

    def to_python(self, value):
        if isinstance(value, TypedText):
            value = resolve_title(value, self.error_messages)
        return super().to_python(value)


class SkillsField(forms.ModelMultipleChoiceField):
    """Several ROME skills; ``boost_from`` names the id of an appellation input whose fiche's
    skills are suggested first."""

    default_error_messages = {
        "invalid_choice": "Choisissez les compétences dans la liste proposée.",
        "invalid_pk_value": "Choisissez les compétences dans la liste proposée.",
    }

    def __init__(self, *, boost_from=None, placeholder="Tapez une compétence", **kwargs):
        widget = Autocomplete(
            "referentiel:skill_options",
            labels=skill_labels,
            multiple=True,
            boost_from=boost_from,
            placeholder=placeholder,
        )
        super().__init__(queryset=Skill.objects.all(), widget=widget, **kwargs)

    def clean(self, value):
        codes = []
        for item in value or []:
            codes.append(resolve_skill(item) if isinstance(item, TypedText) else item)
        return super().clean(codes)


class AppellationsField(forms.ModelMultipleChoiceField):
    """Several job titles (ROME appellations), ``max_choices`` at most, with the autocomplete;
    a typed text left unchosen counts when it names one title without doubt."""

    default_error_messages = {
        "required": "Choisissez au moins un métier dans la liste proposée.",
        "invalid_choice": "Choisissez les métiers dans la liste proposée.",
        "invalid_pk_value": "Choisissez les métiers dans la liste proposée.",
        "no_match": "Aucun métier ne correspond à « %(text)s ». Essayez avec d'autres mots.",
        "too_many": "Choisissez %(max)s métiers au plus : retirez-en %(extra)s.",
    }

    def __init__(
        self,
        *,
        max_choices=None,
        placeholder="Par exemple : aide-soignant, cariste, maçon",
        **kwargs,
    ):
        widget = Autocomplete(
            "referentiel:appellation_options",
            labels=appellation_labels,
            multiple=True,
            placeholder=placeholder,
        )
        super().__init__(
            queryset=Appellation.objects.select_related("occupation"), widget=widget, **kwargs
        )
        self.max_choices = max_choices

    def clean(self, value):
        codes = []
        for item in value or []:
            if isinstance(item, TypedText):
                item = resolve_title(item, self.error_messages)
            codes.append(item)
        codes = list(dict.fromkeys(codes))
        if self.max_choices is not None and len(codes) > self.max_choices:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": self.max_choices, "extra": len(codes) - self.max_choices},
            )
        return super().clean(codes)

"""Form fields for a job title (ROME appellation) and for skills, with the autocomplete."""

from django import forms
from django.core.exceptions import ValidationError

from referentiel.models import Appellation, Skill
from referentiel.suggestions import suggest_skills, suggest_titles
from referentiel.widgets import Autocomplete, TypedText


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
            best = suggest_titles(value, 1)
            if not best:
                raise ValidationError(
                    self.error_messages["no_match"], code="no_match", params={"text": value}
                )
            value = best[0].code_ogr
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
            if isinstance(item, TypedText):
                best = suggest_skills(item, limit=1)
                if best:
                    codes.append(best[0].code)
            else:
                codes.append(item)
        return super().clean(codes)


class AppellationsField(forms.ModelMultipleChoiceField):
    """Several job titles (ROME appellations), ``max_choices`` at most, with the autocomplete;
    a typed text left unchosen resolves to its best suggestion."""

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
                best = suggest_titles(item, 1)
                if not best:
                    raise ValidationError(
                        self.error_messages["no_match"], code="no_match", params={"text": item}
                    )
                item = best[0].code_ogr
            codes.append(item)
        codes = list(dict.fromkeys(codes))
        if self.max_choices is not None and len(codes) > self.max_choices:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": self.max_choices, "extra": len(codes) - self.max_choices},
            )
        return super().clean(codes)

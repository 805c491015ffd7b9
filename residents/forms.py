"""The forms of the profile's steps: one small form per step, each saved through a service."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.html import format_html

from accounts.forms import CommuneChoiceField
from offers.models import Contract
from referentiel.fields import AppellationsField, SkillsField
from referentiel.permits import LANGUAGES, PERMITS
from residents import cv, selectors, services
from residents.models import LEVELS, Hours, Profile
from vitrine.phone import PhoneField

# Examples of diplomas for each level, in plain words.
LEVEL_EXAMPLES = {
    0: "Vous n'avez pas de diplôme, ou seulement le brevet des collèges.",
    1: "Vous avez suivi une formation pour lire, écrire et compter.",
    2: "Par exemple : le certificat CléA.",
    3: "Par exemple : CAP cuisine, CAP petite enfance, BEP, titre professionnel d'agent "
    "de propreté.",
    4: "Par exemple : bac général ou professionnel, brevet professionnel, DEAS d'aide-soignant.",
    5: "Par exemple : BTS, DUT, DEUST.",
    6: "Par exemple : licence, BUT, diplôme d'État d'infirmier.",
    7: "Par exemple : master, diplôme d'ingénieur.",
    8: "Par exemple : doctorat.",
}
ACCEPT = ",".join([".pdf", ".docx", ".odt", *(kind.content_type for kind in cv.KINDS.values())])
DRIVING = {"B", "BE", "C", "CE", "C1", "D", "A", "AM"}


def _choice(label: str, hint: str = ""):
    return (
        format_html('<span>{}<span class="hint">{}</span></span>', label, hint) if hint else label
    )


class StepForm(forms.Form):
    """A step's form, filled from the profile; ``save(by=)`` calls the service."""

    def __init__(self, *args, profile: Profile, **kwargs):
        self.profile = profile
        kwargs.setdefault("initial", self.initial_from(profile))
        super().__init__(*args, **kwargs)

    def initial_from(self, profile: Profile) -> dict:
        return {}

    def save(self, *, by) -> Profile:
        raise NotImplementedError


class CommuneForm(StepForm):
    commune = CommuneChoiceField(
        label="Votre commune",
        empty_label="Choisissez votre commune",
        help_text="Les communes du Grand-Orly Seine Bièvre sont en haut de la liste.",
        error_messages={
            "required": "Choisissez votre commune dans la liste.",
            "invalid_choice": "Choisissez votre commune dans la liste.",
        },
    )
    phone = PhoneField(
        label="Votre numéro de téléphone",
        required=False,
        help_text="Facultatif. Les conseillers qui vous suivent le voient, et les employeurs à qui "
        "votre candidature ou votre profil est envoyé. Par exemple 06 12 34 56 78.",
    )

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.fields["phone"].stored = profile.phone  # a number saved before the rule stays

    def initial_from(self, profile):
        return {"commune": profile.commune_id, "phone": profile.phone}

    def save(self, *, by):
        data = self.cleaned_data
        return services.profile_update(
            profile=self.profile, by=by, commune=data["commune"], phone=data["phone"]
        )


class QuartierForm(StepForm):
    quartier = forms.ChoiceField(
        label="Votre quartier",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez une réponse : votre quartier, « Aucun de ces quartiers » "
            "ou « Je ne sais pas ».",
            "invalid_choice": "Choisissez une réponse dans la liste.",
        },
    )

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        self.own, self.others = selectors.qpv_choices(profile.commune)
        answers = Profile.QpvAnswer
        none = answers.NONE.label if self.own or self.others else "Non"
        self.fields["quartier"].choices = [
            *((qpv.code, qpv.name) for qpv in self.own + self.others),
            (answers.NONE, none),
            (answers.UNKNOWN, answers.UNKNOWN.label),
        ]

    def initial_from(self, profile):
        if profile.qpv_answer == Profile.QpvAnswer.QPV:
            return {"quartier": profile.qpv_id}
        return {"quartier": profile.qpv_answer or None}

    def groups(self) -> list[tuple[str, list]]:
        """The radio buttons as (legend, buttons): the commune's QPV, the others, the answers."""
        radios = {radio.data["value"]: radio for radio in self["quartier"]}
        groups = [("", [radios[qpv.code] for qpv in self.own])]
        if self.others:
            legend = "Autres quartiers du Val-de-Marne"
            groups.append((legend, [radios[qpv.code] for qpv in self.others]))
        groups.append(
            ("", [radios[a] for a in (Profile.QpvAnswer.NONE, Profile.QpvAnswer.UNKNOWN)])
        )
        return [(legend, items) for legend, items in groups if items]

    def save(self, *, by):
        value = self.cleaned_data["quartier"]
        if value in (Profile.QpvAnswer.NONE, Profile.QpvAnswer.UNKNOWN):
            return services.qpv_declare(profile=self.profile, by=by, answer=value)
        return services.qpv_declare(
            profile=self.profile, by=by, answer=Profile.QpvAnswer.QPV, qpv=value
        )


class DiplomeForm(StepForm):
    level = forms.TypedChoiceField(
        label="Votre diplôme le plus haut",
        help_text="Diplôme obtenu dans un autre pays : choisissez le niveau le plus proche.",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(value, _choice(label, LEVEL_EXAMPLES[value])) for value, label in LEVELS],
        error_messages={"required": "Choisissez une réponse dans la liste."},
    )

    def initial_from(self, profile):
        return {"level": profile.level}

    def save(self, *, by):
        return services.profile_update(
            profile=self.profile, by=by, level=self.cleaned_data["level"]
        )


class MetiersForm(StepForm):
    sought = AppellationsField(
        label="Les métiers que vous cherchez",
        max_choices=5,
        help_text="De 1 à 5 métiers. Tapez quelques lettres, puis choisissez dans la liste.",
    )
    past = AppellationsField(
        label="Les métiers que vous avez déjà faits",
        max_choices=10,
        required=False,
        placeholder="Par exemple : serveur, agent d'entretien",
        help_text="Facultatif, 10 au plus. Comptent aussi les métiers faits dans un autre pays.",
    )

    def initial_from(self, profile):
        return {
            "sought": list(profile.sought.values_list("pk", flat=True)),
            "past": list(profile.past.values_list("pk", flat=True)),
        }

    def save(self, *, by):
        return services.profile_update(
            profile=self.profile,
            by=by,
            sought=list(self.cleaned_data["sought"]),
            past=list(self.cleaned_data["past"]),
        )


class CompetencesForm(StepForm):
    skills = forms.MultipleChoiceField(
        label="Les compétences de vos métiers",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choisissez les compétences dans la liste."},
    )
    other_skills = SkillsField(
        label="Autres choses que vous savez faire",
        required=False,
        boost_from="skills-boost",
        help_text="Facultatif. Tapez quelques lettres, puis choisissez dans la liste.",
    )

    def __init__(self, *args, profile, **kwargs):
        self.skill_groups = selectors.skill_groups(profile)
        super().__init__(*args, profile=profile, **kwargs)
        self.fields["skills"].choices = [
            (skill.code, skill.label) for group in self.skill_groups for skill in group.skills
        ]

    def initial_from(self, profile):
        shown = {skill.code for group in self.skill_groups for skill in group.skills}
        owned = set(profile.skills.values_list("pk", flat=True))
        return {
            "skills": [s.code for g in self.skill_groups for s in g.skills if s.ticked],
            "other_skills": sorted(owned - shown),
        }

    def groups(self) -> list[tuple[str, list]]:
        """The checkboxes as (job, boxes), grouped by the job whose fiche they come from."""
        boxes = {box.data["value"]: box for box in self["skills"]}
        return [(g.job, [boxes[s.code] for s in g.skills]) for g in self.skill_groups]

    def save(self, *, by):
        codes = [*self.cleaned_data["skills"], *(s.pk for s in self.cleaned_data["other_skills"])]
        return services.profile_update(profile=self.profile, by=by, skills=codes)


def _permits(keep) -> list[tuple[str, str]]:
    return [(code, label) for code, label in PERMITS if keep(code)]


class PermisForm(StepForm):
    driving = forms.MultipleChoiceField(
        label="Permis de conduire",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_permits(lambda code: code in DRIVING),
    )
    caces = forms.MultipleChoiceField(
        label="CACES (conduite d'engins)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_permits(lambda code: code.startswith("CACES")),
    )
    other_permits = forms.MultipleChoiceField(
        label="Cartes et formations professionnelles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=_permits(lambda code: code not in DRIVING and not code.startswith("CACES")),
    )
    languages = forms.MultipleChoiceField(
        label="Les langues que vous parlez",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=LANGUAGES,
    )
    GROUPS = ("driving", "caces", "other_permits")

    def initial_from(self, profile):
        held = set(profile.permits)
        initial = {"languages": list(profile.languages)}
        for name in self.GROUPS:
            codes = [code for code, _label in self.base_fields[name].choices]
            initial[name] = [code for code in codes if code in held]
        return initial

    def save(self, *, by):
        chosen = {code for name in self.GROUPS for code in self.cleaned_data[name]}
        permits = [code for code, _label in PERMITS if code in chosen]
        languages = [code for code, _label in LANGUAGES if code in self.cleaned_data["languages"]]
        return services.profile_update(
            profile=self.profile, by=by, permits=permits, languages=languages
        )


class PreferencesForm(StepForm):
    max_commute = forms.TypedChoiceField(
        label="Combien de temps de trajet, au plus, pour aller au travail ?",
        help_text="Un trajet en transports en commun, estimé depuis votre commune.",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez un temps de trajet."},
    )
    contracts = forms.MultipleChoiceField(
        label="Les contrats qui vous intéressent",
        help_text="Ne cochez rien si tous les contrats vous conviennent.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=Contract.choices,
    )
    hours = forms.ChoiceField(
        label="Temps de travail", widget=forms.RadioSelect, choices=Hours.choices
    )
    available_from = forms.DateField(
        label="Vous pouvez commencer à partir du",
        help_text="Facultatif. Laissez vide si vous pouvez commencer tout de suite.",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Saisissez une date, par exemple 15/09/2025."},
    )

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, profile=profile, **kwargs)
        sentences = selectors.commute_sentences(profile.commune)
        self.fields["max_commute"].choices = [
            (m, _choice(selectors.COMMUTE_LABELS[m], sentences.get(m, "")))
            for m in selectors.COMMUTE_CHOICES
        ]

    def initial_from(self, profile):
        return {
            "max_commute": profile.max_commute,
            "contracts": list(profile.contracts),
            "hours": profile.hours,
            "available_from": profile.available_from,
        }

    def clean_available_from(self):
        day = self.cleaned_data["available_from"]
        if day and day > timezone.localdate() + timedelta(days=730):
            raise forms.ValidationError("Choisissez une date dans les deux prochaines années.")
        return day

    def save(self, *, by):
        data = self.cleaned_data
        contracts = [code for code in Contract.values if code in data["contracts"]]
        return services.profile_update(
            profile=self.profile,
            by=by,
            max_commute=data["max_commute"],
            contracts=contracts,
            hours=data["hours"],
            available_from=data["available_from"],
        )


class CvForm(StepForm):
    """The CV is optional (the field bears no "required" mark): sending the form without a file
    keeps the CV already there, or asks for one, pointing to "Passer cette étape"."""

    cv = forms.FileField(
        label="Votre CV",
        required=False,
        help_text="Un fichier PDF, Word (DOCX) ou OpenDocument (ODT), de 5 Mo au plus.",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"empty": cv.EMPTY, "invalid": "Choisissez un fichier."},
    )

    def clean_cv(self):
        upload = self.cleaned_data["cv"]
        if not upload:
            if self.profile.cv:
                return None
            raise forms.ValidationError(
                "Choisissez un fichier, ou cliquez sur « Passer cette étape » si vous n'avez "
                "pas de CV.",
                code="required",
            )
        self.kind = cv.cv_kind(upload)
        return upload

    def save(self, *, by):
        if not self.cleaned_data["cv"]:
            return self.profile  # the CV already sent stays
        return services.cv_replace(
            profile=self.profile, by=by, upload=self.cleaned_data["cv"], kind=self.kind
        )


FORMS = {
    "commune": CommuneForm,
    "quartier": QuartierForm,
    "diplome": DiplomeForm,
    "metiers": MetiersForm,
    "competences": CompetencesForm,
    "permis": PermisForm,
    "preferences": PreferencesForm,
    "mon-cv": CvForm,
}

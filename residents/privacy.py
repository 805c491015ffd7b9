"""Residents' personal data: what is held about them (the JSON export), the erasure of their
account, and the inactivity rule (a warning at 23 months without activity, the erasure at 24).

The residents floor does not know what the floors above it hold about a person: it announces
the export and the erasure with signals (``residents.signals``); the floors above add their
sections to the export, or anonymise their rows before the account goes. Erasing deletes the
profile (its consents, the log of who opened it and its matches go with it) and the account;
applications survive without the person, so that the statistics still count them.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from referentiel.models import Skill
from referentiel.permits import LANGUAGE_LABELS, PERMIT_LABELS
from residents import selectors
from residents.models import LEVELS, Profile
from residents.signals import personal_data_requested, resident_erasing

logger = logging.getLogger(__name__)

WARN_AFTER = timedelta(days=700)  # about 23 months without activity: the warning e-mail
ERASE_AFTER = timedelta(days=730)  # 24 months: the account is erased…
NOTICE = timedelta(days=25)  # …if the warning was sent at least this long before
EXPORT_ABOUT = (
    "Toutes les données que la Vitrine des emplois garde sur vous : votre compte, votre profil "
    "(dont votre réponse sur votre quartier), vos accords, vos candidatures avec leur historique, "
    "les propositions de vos conseillers, leurs notes de suivi, les publics des clauses "
    "d'insertion notés pour vous, les organisations qui ont consulté votre profil, les offres "
    "calculées pour vous et les e-mails qui vous ont été envoyés. Les noms et adresses des autres "
    "personnes n'y figurent pas, sauf s'ils sont écrits dans une note ou un message."
)


# --- Export -----------------------------------------------------------------------------------


def who(actor: User | None, me: User) -> str | None:
    """Who did something, without naming anyone else: "vous", or a role and organisations."""
    if actor is None:
        return None
    if actor.pk == me.pk:
        return "vous"
    names = [m.organisation.name for m in actor.memberships.select_related("organisation")]
    role = actor.get_role_display()
    return f"{role} ({', '.join(names)})" if names else role


def _place(commune) -> dict | None:
    return {"code_insee": commune.code_insee, "nom": commune.name} if commune else None


def _jobs(manager) -> list[dict]:
    return [
        {"code_ogr": a.code_ogr, "libelle": a.label, "code_rome": a.occupation_id}
        for a in manager.order_by("label")
    ]


def _account(user: User) -> dict:
    return {
        "prenom": user.first_name,
        "nom": user.last_name,
        "email": user.email,
        "role": user.get_role_display(),
        "actif": user.is_active,
        "inscrit_le": user.date_joined,
        "derniere_connexion": user.last_login,
    }


def _profile(profile: Profile, user: User) -> dict:
    qpv = profile.qpv
    return {
        "telephone": profile.phone,
        "commune": _place(profile.commune),
        "quartier": {
            "reponse": profile.get_qpv_answer_display() or "pas de réponse",
            "qpv": {"code": qpv.code, "nom": qpv.name} if qpv else None,
            "declare_par": who(profile.qpv_asserted_by, user),
            "declare_le": profile.qpv_asserted_at,
            "confirme_par_un_conseiller": profile.qpv_verified,
        },
        "diplome": None
        if profile.level is None
        else {"niveau": profile.level, "libelle": dict(LEVELS).get(profile.level)},
        "metiers_recherches": _jobs(profile.sought),
        "metiers_exerces": _jobs(profile.past),
        "competences": [
            {"code": s.code, "libelle": s.label} for s in profile.skills.order_by("label")
        ],
        "permis": [{"code": c, "libelle": PERMIT_LABELS.get(c, c)} for c in profile.permits],
        "langues": [{"code": c, "libelle": LANGUAGE_LABELS.get(c, c)} for c in profile.languages],
        "trajet_maximum_minutes": profile.max_commute,
        "contrats_souhaites": profile.contracts,
        "temps_de_travail": profile.get_hours_display(),
        "disponible_le": profile.available_from,
        "cv": {"nom_du_fichier": profile.cv_name, "envoye_le": profile.cv_uploaded_at}
        if profile.cv
        else None,
        "etapes_remplies": profile.steps_done,
        "fiches_de_competences_revues": profile.skills_reviewed,
        "e_mails_choisis": {
            "suivi_des_candidatures": profile.notify_applications,
            "propositions_des_conseillers": profile.notify_referrals,
            "nouvelles_offres": profile.notify_offers,
        },
        "cree_le": profile.created_at,
        "modifie_le": profile.updated_at,
        "derniere_activite": profile.last_activity_at,
        "avertissement_d_inactivite_le": profile.inactivity_warned_at,
    }


def _consents(profile: Profile, user: User) -> list[dict]:
    return [
        {
            "accord": consent.get_kind_display(),
            "structure": consent.structure.name if consent.structure else None,
            "donne_le": consent.given_at,
            "donne_par": who(consent.given_by, user),
            "retire_le": consent.revoked_at,
        }
        for consent in selectors.consent_history(profile)
    ]


def _matches(profile: Profile) -> dict:
    """The offers of the latest finished matching run that scored this profile. Read through
    the profile's own relation: the residents floor does not import the matcher."""
    held = profile.matches.filter(run__status="done")  # matching.models.Run.Status.DONE
    run = held.order_by("-run__finished_at", "-run_id").values_list("run_id", "run__finished_at")
    latest = run.first()
    if latest is None:
        return {"calcul_du": None, "offres": []}
    rows = list(
        held.filter(run_id=latest[0])
        .select_related("offer__employer", "offer__commune")
        .order_by("-score", "offer_id")
    )
    codes = {code for match in rows for code in match.missing}
    labels = dict(Skill.objects.filter(pk__in=codes).values_list("code", "label"))
    return {
        "calcul_du": latest[1],
        "offres": [
            {
                "offre": match.offer.title,
                "employeur": match.offer.employer.name,
                "commune": match.offer.commune.name if match.offer.commune else None,
                "score": round(match.score, 1),
                "trajet_estime_minutes": match.minutes,
                "competences_manquantes": [labels.get(code, code) for code in match.missing],
                "parmi_vos_offres_recommandees": match.for_resident,
                "parmi_les_meilleurs_profils_de_l_offre": match.for_offer,
            }
            for match in rows
        ],
    }


def personal_data_export(*, user: User, now=None) -> dict:
    """Everything held about the resident ``user``, as plain data for a JSON file: the account,
    the profile (the QPV answer and who gave it included), the consents, who opened the
    profile, the matches; the floors above add theirs (applications, e-mails) through
    ``personal_data_requested``. Other people appear only as a role and an organisation."""
    profile = (
        Profile.objects.select_related("commune", "qpv", "qpv_asserted_by")
        .filter(user=user)
        .first()
    )
    data = {
        "export": {
            "service": "Vitrine des emplois — Grand-Orly Seine Bièvre",
            "genere_le": now or timezone.now(),
            "contenu": EXPORT_ABOUT,
        },
        "compte": _account(user),
        "profil": _profile(profile, user) if profile else None,
        "accords": _consents(profile, user) if profile else [],
        "consultations_du_profil": [
            {"organisation": v.organisation, "role": v.role, "le": v.at, "pourquoi": v.reason}
            for v in selectors.profile_views_log(profile)
        ],
        "offres_calculees_pour_vous": _matches(profile) if profile else None,
    }
    for _receiver, sections in personal_data_requested.send(
        sender=Profile, user=user, profile=profile
    ):
        data.update(sections or {})
    return data


# --- Erasure ----------------------------------------------------------------------------------


def _files_delete(storage, names: list[str]) -> None:
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete the file %s of an erased account", name)


def files_delete_on_commit(storage, names) -> None:
    """Delete these stored files once the transaction commits (nothing if it rolls back)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: _files_delete(storage, names))


@transaction.atomic
def account_erase(*, user: User, by: User | None) -> bool:
    """Erase a resident's account for good: the floors above first anonymise what they hold
    (``resident_erasing``: applications lose the person, their message and CV but keep their
    state, dates and the commune and QPV flag of the statistics), then the profile goes with
    its consents, views and matches, then the account; the CV files are deleted once this
    commits. ``by`` is the resident, or None for the inactivity rule. Returns False when there
    was nothing left to erase.
    """
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        return False
    if user.role != User.Role.RESIDENT:
        raise ValueError("Seul le compte d'un habitant s'efface ainsi.")
    profile = Profile.objects.filter(user=user).first()
    resident_erasing.send(sender=Profile, user=user, profile=profile)
    if profile is not None:
        if profile.cv:
            files_delete_on_commit(profile.cv.storage, [profile.cv.name])
        profile.delete()
    user_id = user.pk
    user.delete()
    # Ids only: a log line must not keep what was just erased.
    logger.info("Account %s erased (%s)", user_id, "by its owner" if by else "inactive")
    return True


# --- Inactivity -------------------------------------------------------------------------------


def activity_record(*, user: User, now=None) -> int:
    """The resident did something (e.g. logged in): their profile is active again and a pending
    inactivity warning is cancelled."""
    return Profile.objects.filter(user=user).update(
        last_activity_at=now or timezone.now(), inactivity_warned_at=None
    )


def _profile_silent_accounts(now) -> None:
    """A resident who never opened their profile has no row to hold the warning: give them one,
    dated from their last login (or their sign-up)."""
    silent = (
        User.objects.filter(role=User.Role.RESIDENT, profile__isnull=True)
        .annotate(last=Coalesce("last_login", "date_joined"))
        .filter(last__lte=now - WARN_AFTER)
        .values_list("pk", "last")
    )
    rows = [Profile(user_id=pk, last_activity_at=last) for pk, last in silent]
    Profile.objects.bulk_create(rows, ignore_conflicts=True)


def _warning_send(profile: Profile, now) -> None:
    context = {
        "user": profile.user,
        "erase_on": max(profile.last_activity_at + ERASE_AFTER, now + NOTICE),
        "login_url": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
        "data_url": settings.SITE_URL.rstrip("/") + reverse("residents:my_data"),
    }
    subject = render_to_string("residents/email/inactivity_subject.txt", context)
    body = render_to_string("residents/email/inactivity.txt", context)
    send_mail(" ".join(subject.split()), body, None, [profile.user.email])


def inactive_warn(*, now=None) -> int:
    """E-mail the residents without activity for 23 months that their account will be erased in
    a month unless they log in, and record when. Returns how many were warned."""
    now = now or timezone.now()
    _profile_silent_accounts(now)
    # Not warned yet, or warned before an activity that cancelled the warning.
    unwarned = Q(inactivity_warned_at__isnull=True) | Q(
        inactivity_warned_at__lt=F("last_activity_at")
    )
    due = (
        Profile.objects.filter(unwarned, user__role=User.Role.RESIDENT)
        .filter(last_activity_at__lte=now - WARN_AFTER)
        .select_related("user")
        .order_by("pk")
    )
    warned = 0
    for profile in due.iterator(chunk_size=500):
        if profile.user.is_active and profile.user.email:
            _warning_send(profile, now)
        # Recorded after the e-mail left: a failure sends it again tomorrow rather than never.
        warned += Profile.objects.filter(
            pk=profile.pk, last_activity_at=profile.last_activity_at
        ).update(inactivity_warned_at=now)
    return warned


def _erasable(now):
    return Profile.objects.filter(
        user__role=User.Role.RESIDENT,
        last_activity_at__lte=now - ERASE_AFTER,
        inactivity_warned_at__lte=now - NOTICE,
        inactivity_warned_at__gte=F("last_activity_at"),
    )


def inactive_erase(*, now=None) -> int:
    """Erase the accounts without activity for 24 months whose owner was warned at least 25 days
    ago and did not come back. Returns how many were erased."""
    now = now or timezone.now()
    erased = 0
    for user_id in list(_erasable(now).values_list("user_id", flat=True)):
        try:
            with transaction.atomic():
                # Read again under lock: a login meanwhile cancels the erasure.
                still = _erasable(now).select_for_update(of=("self",)).filter(user_id=user_id)
                if list(still.values_list("pk", flat=True)):
                    erased += account_erase(user=User(pk=user_id), by=None)
        except Exception:
            logger.exception("Could not erase the inactive account %s", user_id)
    return erased


def inactivity_sweep(*, now=None) -> dict:
    """The daily rule: erase who was warned and stayed away, then warn who is due."""
    now = now or timezone.now()
    return {"erased": inactive_erase(now=now), "warned": inactive_warn(now=now)}

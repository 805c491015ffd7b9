"""Synthetic data for ``bench/observatory.py``, generated in bulk.

Shaped like the territory: residents in the 24 communes by population (12 % registered from
elsewhere in Île-de-France), about 17 % in a QPV, qualification skewed low; employers by sector
(NAF) with the trades of the territory's job hubs; offers published over the last 12 months
with statuses and fill delays by sector; applications with a realistic funnel and their log;
referrals by the structures; clause operations with hours; a finished matcher run with the
best 20 offers of every resident and their missing skills.

Categorical draws are made with numpy and COPied into staging tables; every table is then
filled by one ``INSERT … SELECT`` whose columns not given take the model's default
(``bulk.insert_select``), so the generator follows the models as they change.
"""

from __future__ import annotations

import time

import numpy as np

from support.bulk import insert_select, run_sql, say, stage, weights

# (NAF sub-class, share of offers, ROME fiches, fill-delay factor, share under a clause)
SECTORS = [
    ("52.10B", 0.16, ["N1103", "N1101", "N1105", "N1104"], 0.8, 0.02),
    ("49.41A", 0.06, ["N4101", "N4105"], 0.9, 0.0),
    ("51.10Z", 0.04, ["N2201", "N2203", "N2204"], 1.0, 0.0),
    ("46.31Z", 0.08, ["D1107", "D1101", "D1103", "H2102"], 0.9, 0.0),
    ("86.10Z", 0.10, ["J1501", "J1301", "J1506", "J1304"], 1.4, 0.0),
    ("43.99C", 0.10, ["F1703", "F1701", "F1702", "F1602", "F1603"], 1.3, 0.40),
    ("47.11F", 0.10, ["D1507", "D1505", "D1214"], 0.7, 0.0),
    ("88.10A", 0.07, ["K1302", "K1303", "K1304"], 1.5, 0.0),
    ("81.21Z", 0.06, ["K2204", "K2201"], 0.8, 0.10),
    ("80.10Z", 0.04, ["K2503"], 0.9, 0.05),
    ("56.10A", 0.06, ["G1602", "G1603", "G1803"], 0.8, 0.0),
    ("25.62B", 0.06, ["H2909", "H2913", "I1304"], 1.6, 0.0),
    ("84.11Z", 0.03, ["M1602", "M1607"], 1.8, 0.0),
]
HUBS = {"94065": 4.0, "94054": 3.0, "94021": 2.0, "91479": 2.0, "94076": 2.0, "94073": 2.0}
OUTSIDE = ["75056", "94028", "91228", "92046", "94068", "94017", "91174", "94080"]
STRUCTURE_KINDS = ["mission_locale", "plie", "france_travail", "cap_emploi", "clause_facilitator"]


def residents(rng, count: int) -> None:
    from accounts.models import User
    from residents.models import Consent, Profile

    communes = run_sql("SELECT code_insee, population FROM referentiel_commune WHERE in_territory")
    codes = np.array([c for c, _p in communes])
    qpvs: dict[str, list[str]] = {}
    for qpv, commune in run_sql("SELECT qpv_id, commune_id FROM referentiel_qpv_communes"):
        qpvs.setdefault(commune, []).append(qpv)
    population = np.array([p for _c, p in communes], dtype=float)
    home = codes[rng.choice(len(codes), count, p=weights(population))]
    outside = rng.random(count) < 0.12
    home[outside] = rng.choice(OUTSIDE, outside.sum())
    with_qpv = np.isin(home, list(qpvs))
    share = population[np.isin(codes, list(qpvs))].sum() / population.sum()
    in_qpv = with_qpv & (rng.random(count) < 0.17 / share)
    qpv = np.array([rng.choice(qpvs[c]) if q else "" for c, q in zip(home, in_qpv, strict=True)])
    level = rng.choice(9, count, p=weights([12, 4, 6, 30, 22, 12, 8, 5, 1]))
    stage("s_res", {"i": "int", "commune": "text", "qpv": "text", "level": "int"},
          [np.arange(count), home, qpv, level])  # fmt: skip
    insert_select(
        User,
        {"email": "'habitant' || s.i || '@bench.test'", "first_name": "'Habitant'",
         "last_name": "'n° ' || s.i", "role": "'resident'", "password": "'!'",
         "date_joined": "now() - (random() * 700) * interval '1 day'"},
        "s_res s",
    )  # fmt: skip
    insert_select(
        Profile,
        {"user_id": "u.id", "commune_id": "s.commune", "qpv_id": "nullif(s.qpv, '')",
         "qpv_answer": "CASE WHEN coalesce(s.qpv, '') = '' THEN 'none' ELSE 'qpv' END",
         "level": "s.level", "max_commute": "30 + mod(s.i, 4) * 15"},
        "s_res s JOIN accounts_user u ON u.email = 'habitant' || s.i || '@bench.test'",
    )  # fmt: skip
    insert_select(Consent, {"profile_id": "p.id", "kind": "'matching'"}, "residents_profile p")


def organisations(rng, employers: int) -> None:
    from accounts.models import Organisation

    sector = rng.choice(len(SECTORS), employers, p=weights([s[1] for s in SECTORS]))
    stage("s_emp", {"i": "int", "naf": "text"},
          [np.arange(employers), np.array([SECTORS[k][0] for k in sector])])  # fmt: skip
    insert_select(
        Organisation,
        {"kind": "'employer'", "name": "'Employeur ' || s.i || ' (bench)'", "naf_id": "s.naf",
         "employer_kind": "'company'", "commune_id": "(SELECT code_insee FROM referentiel_commune"
         " WHERE in_territory ORDER BY code_insee OFFSET mod(s.i, 24) LIMIT 1)",
         "created_at": "now() - (random() * 900) * interval '1 day'"},
        "s_emp s",
    )  # fmt: skip
    kinds = np.array([STRUCTURE_KINDS[i % len(STRUCTURE_KINDS)] for i in range(40)])
    stage("s_str", {"i": "int", "kind": "text"}, [np.arange(40), kinds])
    insert_select(
        Organisation,
        {"kind": "'structure'", "name": "'Structure ' || s.i || ' (bench)'",
         "structure_kind": "s.kind", "validated_at": "CASE WHEN s.i < 37 THEN now() END"},
        "s_str s",
    )  # fmt: skip


def offers(rng, count: int) -> None:
    from offers.models import Offer, OfferSkill

    employers: dict[str, list[int]] = {}
    for pk, naf in run_sql("SELECT id, naf_id FROM accounts_organisation WHERE kind = 'employer'"):
        employers.setdefault(naf, []).append(pk)
    main = dict(run_sql("SELECT occupation_id, min(code_ogr) FROM referentiel_appellation "
                     "WHERE main GROUP BY occupation_id"))  # fmt: skip
    communes = run_sql("SELECT code_insee, population FROM referentiel_commune WHERE in_territory")
    pull = [p * HUBS.get(c, 1.0) for c, p in communes]
    sector = rng.choice(len(SECTORS), count, p=weights([s[1] for s in SECTORS]))
    employer = np.array([rng.choice(employers[SECTORS[k][0]]) for k in sector])
    fiche = [rng.choice([f for f in SECTORS[k][2] if f in main]) for k in sector]
    appellation = np.array([main[f] for f in fiche])
    commune = np.array([c for c, _p in communes])[rng.choice(len(communes), count, p=weights(pull))]
    away = rng.random(count) < 0.1
    commune[away] = rng.choice(OUTSIDE, away.sum())
    age = rng.random(count) * 365  # days since publication
    recent, draw = age < 60, rng.random(count)
    status = np.where(
        recent,
        np.select([draw < 0.7, draw < 0.9], ["published", "filled"], "closed"),
        np.select([draw < 0.05, draw < 0.55, draw < 0.75, draw < 0.97],
                  ["published", "filled", "closed", "expired"], "draft"),
    )  # fmt: skip
    factor = np.array([SECTORS[k][3] for k in sector])
    delay = np.clip(rng.lognormal(np.log(22), 0.6, count) * factor, 1, 150)
    delay = np.where(status == "expired", 60, np.minimum(delay, age))
    ended = np.isin(status, ["filled", "closed", "expired"])
    clause = rng.random(count) < np.array([SECTORS[k][4] for k in sector])
    contract = rng.choice(["CDI", "CDD", "MIS", "SAI"], count, p=[0.45, 0.3, 0.2, 0.05])
    positions = np.where(rng.random(count) < 0.8, 1, rng.integers(2, 6, count))
    stage(
        "s_off",
        {"employer": "bigint", "appellation": "text", "commune": "text", "status": "text",
         "age": "float", "delay": "float", "ended": "bool", "clause": "bool",
         "contract": "text", "positions": "int"},
        [employer, appellation, commune, status, age, delay, ended, clause, contract, positions],
    )  # fmt: skip
    insert_select(
        Offer,
        {"employer_id": "s.employer", "appellation_id": "s.appellation",
         "occupation_id": "a.occupation_id", "title": "a.short_label",
         "description": "'Offre synthétique du banc d''essai de l''observatoire.'",
         "commune_id": "s.commune", "contract": "s.contract", "positions": "s.positions",
         "status": "s.status", "insertion_clause": "s.clause",
         "published_at": "now() - s.age * interval '1 day'",
         "ended_at": "CASE WHEN s.ended THEN now() - (s.age - s.delay) * interval '1 day' END",
         "created_at": "now() - (s.age + 2) * interval '1 day'"},
        "s_off s JOIN referentiel_appellation a ON a.code_ogr = s.appellation",
    )  # fmt: skip
    insert_select(
        OfferSkill,
        {"offer_id": "o.id", "skill_id": "l.skill_id", "required": "true"},
        "offers_offer o JOIN referentiel_occupationskill l "
        "ON l.occupation_id = o.occupation_id AND l.core",
    )


def applications(rng, count: int) -> None:
    from applications.models import Application, ApplicationTransition

    # Each application: an offer (not a draft), a resident, a status along the funnel.
    statuses = ["sent", "seen", "interview", "hired", "refused", "withdrawn", "closed"]
    status = rng.choice(statuses, count, p=[0.2, 0.18, 0.06, 0.06, 0.40, 0.05, 0.05])
    stage(
        "s_app",
        {"i": "int", "offer_rank": "float", "resident_rank": "float", "status": "text",
         "lag": "float", "interviewed": "bool"},
        [np.arange(count), rng.random(count), rng.random(count), status,
         rng.random(count), rng.random(count) < 0.3],
    )  # fmt: skip
    run_sql("CREATE TEMP TABLE s_offers AS SELECT row_number() OVER (ORDER BY id) AS n, id, "
         "published_at, coalesce(ended_at, now()) AS until FROM offers_offer "
         "WHERE status <> 'draft'")  # fmt: skip
    run_sql("CREATE TEMP TABLE s_people AS SELECT row_number() OVER (ORDER BY p.id) AS n, "
         "p.user_id, p.commune_id, p.qpv_id IS NOT NULL AS qpv "
         "FROM residents_profile p")  # fmt: skip
    insert_select(
        Application,
        {"offer_id": "o.id", "resident_id": "p.user_id", "status": "s.status",
         "refusal_reason": "CASE WHEN s.status = 'refused' THEN 'skills' ELSE '' END",
         "resident_commune_id": "p.commune_id", "resident_in_qpv": "p.qpv",
         "created_at": "o.published_at + s.lag * least(o.until - o.published_at, "
                       "interval '45 days')",
         "hired_start": "CASE WHEN s.status = 'hired' THEN (o.published_at "
                        "+ interval '30 days')::date END",
         "answered_at": "CASE WHEN s.status IN ('interview', 'hired', 'refused') THEN "
                        "o.published_at + s.lag * least(o.until - o.published_at, "
                        "interval '45 days') + interval '5 days' END"},
        "s_app s JOIN s_offers o ON o.n = 1 + floor(s.offer_rank * (SELECT count(*) FROM s_offers))"
        " JOIN s_people p ON p.n = 1 + floor(s.resident_rank * (SELECT count(*) FROM s_people))",
        "ON CONFLICT DO NOTHING",
    )  # fmt: skip
    steps = [
        ("see", "sent", "seen", "status <> 'sent'", "1 day"),
        ("interview", "seen", "interview",
         "status IN ('interview', 'hired') OR (status = 'refused' AND mod(id, 3) = 0)", "5 days"),
        ("hire", "interview", "hired", "status = 'hired'", "12 days"),
    ]  # fmt: skip
    for name, source, target, where, lag in steps:
        insert_select(
            ApplicationTransition,
            {"application_id": "a.id", "name": f"'{name}'", "from_status": f"'{source}'",
             "to_status": f"'{target}'", "at": f"a.created_at + interval '{lag}'"},
            f"applications_application a WHERE {where}",
        )  # fmt: skip


def referrals(rng, count: int) -> int:
    from referrals.models import Referral, ReferralTransition

    statuses = ["proposed", "declined", "sent", "interview", "hired", "refused", "cancelled"]
    status = rng.choice(statuses, count, p=[0.1, 0.1, 0.3, 0.1, 0.12, 0.2, 0.08])
    stage("s_ref", {"i": "int", "offer_rank": "float", "resident_rank": "float",
                    "structure": "int", "status": "text"},
          [np.arange(count), rng.random(count), rng.random(count), rng.integers(0, 37, count),
           status])  # fmt: skip
    made = insert_select(
        Referral,
        {"structure_id": "(SELECT id FROM accounts_organisation WHERE kind = 'structure' "
                         "ORDER BY id OFFSET s.structure LIMIT 1)",
         "resident_id": "p.user_id", "offer_id": "o.id", "status": "s.status",
         "refusal_reason": "CASE WHEN s.status = 'refused' THEN 'skills' ELSE '' END",
         "resident_commune_id": "p.commune_id", "resident_in_qpv": "p.qpv",
         "created_at": "o.published_at + interval '3 days'",
         "sent_at": "CASE WHEN s.status IN ('sent', 'interview', 'hired', 'refused') "
                    "THEN o.published_at + interval '4 days' END"},
        "s_ref s JOIN s_offers o ON o.n = 1 + floor(s.offer_rank * (SELECT count(*) FROM s_offers))"
        " JOIN s_people p ON p.n = 1 + floor(s.resident_rank * (SELECT count(*) FROM s_people))",
        "ON CONFLICT DO NOTHING",
    )  # fmt: skip
    for name, source, target, where, lag in [
        ("interview", "sent", "interview", "status IN ('interview', 'hired')", "8 days"),
        ("hire", "interview", "hired", "status = 'hired'", "15 days"),
    ]:
        insert_select(
            ReferralTransition,
            {"referral_id": "r.id", "name": f"'{name}'", "from_status": f"'{source}'",
             "to_status": f"'{target}'", "at": f"r.created_at + interval '{lag}'"},
            f"referrals_referral r WHERE {where}",
        )  # fmt: skip
    return made


def clauses(rng, operations: int = 12) -> int:
    from clauses.models import ClauseHours, ClauseOperation

    stage("s_op", {"i": "int", "target": "int"},
          [np.arange(operations), rng.integers(20, 200, operations) * 100])  # fmt: skip
    insert_select(
        ClauseOperation,
        {"name": "'Opération ' || s.i || ' (bench)'", "contracting_authority": "'Acheteur'",
         "hours_target": "s.target", "starts_on": "current_date - 400 + s.i * 20",
         "ends_on": "current_date + 200 + s.i * 30"},
        "s_op s",
    )  # fmt: skip
    link = ClauseOperation.offers.through._meta.db_table
    run_sql(f"INSERT INTO {link} (clauseoperation_id, offer_id) SELECT op.id, o.id FROM "  # noqa: S608
         "offers_offer o JOIN clauses_clauseoperation op ON op.id = (SELECT min(id) FROM "
         f"clauses_clauseoperation) + mod(o.id, {operations}) "
         "WHERE o.insertion_clause")  # fmt: skip
    hours = {"operation_id": "l.clauseoperation_id", "hours": "35 + floor(random() * 600)"}
    done = insert_select(
        ClauseHours, {**hours, "application_id": "a.id"},
        f"applications_application a JOIN {link} l ON l.offer_id = a.offer_id "
        "WHERE a.status = 'hired'",
    )  # fmt: skip
    return done + insert_select(
        ClauseHours, {**hours, "referral_id": "r.id"},
        f"referrals_referral r JOIN {link} l ON l.offer_id = r.offer_id WHERE r.status = 'hired'",
    )  # fmt: skip


def matches(per_resident: int = 20) -> int:
    """A finished run: ``per_resident`` published offers for each resident, with scores and
    missing skills (some core skills of the offer's trade); its fairness figures computed by
    ``matching.report.run_figures``."""
    from matching.models import Match, Run
    from matching.report import run_figures

    run = Run.objects.create(status=Run.Status.RUNNING)
    run_sql("CREATE TEMP TABLE s_open AS SELECT row_number() OVER (ORDER BY o.id) AS n, o.id, "
         "coalesce(array_agg(l.skill_id ORDER BY l.skill_id) FILTER (WHERE l.skill_id IS NOT "
         "NULL), '{}') AS skills FROM offers_offer o LEFT JOIN referentiel_occupationskill l "
         "ON l.occupation_id = o.occupation_id AND l.core WHERE o.status = 'published' "
         "GROUP BY o.id")  # fmt: skip
    rows = insert_select(
        Match,
        {"run_id": str(run.pk), "profile_id": "p.id", "offer_id": "o.id",
         "score": "40 + random() * 55", "components": "ARRAY[random(), random(), random(), "
         "random(), random(), random()]", "required": "cardinality(o.skills)",
         "missing": "o.skills[1 + k.start : k.start + k.size]",
         "missing_core": "least(k.size, 2)", "minutes": "10 + floor(random() * 50)",
         "for_resident": "true", "for_offer": "random() < 0.3"},
        f"residents_profile p CROSS JOIN generate_series(1, {int(per_resident)}) AS g(j) "  # noqa: S608
        "CROSS JOIN LATERAL (SELECT floor(random() * 4)::int AS start, "
        "floor(random() * 4)::int AS size, 1 + floor(random() * (SELECT count(*) FROM s_open)) "
        "+ 0 * (g.j + p.id) AS pick) k JOIN s_open o ON o.n = k.pick",
        "ON CONFLICT DO NOTHING",
    )  # fmt: skip
    run.figures = run_figures(run)
    run.status, run.rows = Run.Status.DONE, rows
    from django.utils import timezone

    run.finished_at = timezone.now()
    run.save()
    return rows


def generate(*, residents_n: int, offers_n: int, applications_n: int, seed: int) -> dict:
    """Fill an empty database (reference data loaded); returns the counts made."""
    from django.apps import apps

    from matching.training import seed_trainings

    rng = np.random.default_rng(seed)
    run_sql(f"SELECT setseed({(seed % 1000) / 1000})")
    started = time.monotonic()
    steps = [
        ("habitants", lambda: residents(rng, residents_n)),
        ("organisations", lambda: organisations(rng, max(50, offers_n // 13))),
        ("offres", lambda: offers(rng, offers_n)),
        ("candidatures", lambda: applications(rng, applications_n)),
    ]
    if apps.is_installed("referrals"):
        steps.append(("orientations", lambda: referrals(rng, applications_n // 10)))
    if apps.is_installed("clauses"):
        steps.append(("clauses", lambda: clauses(rng)))
    steps += [("formations", seed_trainings), ("calcul", matches)]
    for name, step in steps:
        begun = time.monotonic()
        step()
        say(f"  {name:<14} {time.monotonic() - begun:6.1f} s")
    run_sql("ANALYZE")
    counts = dict(
        run_sql(
            "SELECT 'residents', count(*) FROM residents_profile UNION ALL "
            "SELECT 'offers', count(*) FROM offers_offer UNION ALL "
            "SELECT 'applications', count(*) FROM applications_application UNION ALL "
            "SELECT 'matches', count(*) FROM matching_match"
        )
    )
    if apps.is_installed("referrals"):
        counts["referrals"] = run_sql("SELECT count(*) FROM referrals_referral")[0][0]
    say(f"  données générées en {time.monotonic() - started:.1f} s : {counts}")
    return counts

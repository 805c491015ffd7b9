"""The schema.org ``JobPosting`` of an offer, for search engines (Google for Jobs)."""

import json

from django.conf import settings
from django.utils.html import linebreaks

from offers.models import Contract, Offer
from offers.services import EXPIRE_AFTER

EMPLOYMENT_TYPES = {
    Contract.CDI: "FULL_TIME",
    Contract.CDD: "TEMPORARY",
    Contract.MIS: "TEMPORARY",
    Contract.SAI: "TEMPORARY",
    Contract.DDI: "TEMPORARY",
    Contract.DIN: "FULL_TIME",
    Contract.TTI: "TEMPORARY",
    Contract.LIB: "CONTRACTOR",
}
SALARY_UNITS = {"hour": "HOUR", "month": "MONTH", "year": "YEAR"}


def job_posting(offer: Offer) -> dict:
    """Every field Google requires, and the recommended ones the offer has."""
    employment = [EMPLOYMENT_TYPES[offer.contract]]
    employment.append("FULL_TIME" if offer.full_time else "PART_TIME")
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": offer.title,
        "description": linebreaks(offer.description),
        "datePosted": (offer.published_at or offer.created_at).date().isoformat(),
        "validThrough": (offer.updated_at + EXPIRE_AFTER).isoformat(),
        "employmentType": sorted(set(employment)),
        "hiringOrganization": {
            "@type": "Organization",
            "name": offer.employer.name,
            "sameAs": offer.employer.website
            or f"{settings.SITE_URL}/employeurs/{offer.employer_id}/",
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": offer.commune.name,
                "postalCode": (offer.commune.postal_codes or [""])[0],
                "addressRegion": "Île-de-France",
                "addressCountry": "FR",
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": "Vitrine des emplois",
            "value": str(offer.pk),
        },
        "directApply": True,
        "occupationalCategory": f"{offer.occupation_id} {offer.occupation.title}",
        "totalJobOpenings": offer.positions,
        "url": f"{settings.SITE_URL}{offer.get_absolute_url()}",
    }
    if offer.salary_min is not None or offer.salary_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[offer.salary_period]}
        if offer.salary_min is not None and offer.salary_max is not None:
            value.update(minValue=float(offer.salary_min), maxValue=float(offer.salary_max))
        else:
            value["value"] = float(
                offer.salary_min if offer.salary_min is not None else offer.salary_max
            )
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "EUR", "value": value}
    if offer.start_date:
        data["jobStartDate"] = offer.start_date.isoformat()
    return data


def script(offer: Offer) -> str:
    """The JSON, safe inside a <script> element."""
    text = json.dumps(job_posting(offer), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

"""Turn talent records into display values, so templates hold no logic."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from talentpool import selectors
from talentpool.models import PoolMembership

STATUS_TAGS = {
    PoolMembership.Status.NOMINATED: "nhsuk-tag--grey",
    PoolMembership.Status.UNDER_REVIEW: "nhsuk-tag--yellow",
    PoolMembership.Status.ACTIVE: "nhsuk-tag--green",
    PoolMembership.Status.PLACED: "nhsuk-tag--blue",
    PoolMembership.Status.WITHDRAWN: "nhsuk-tag--white",
    PoolMembership.Status.LAPSED: "nhsuk-tag--red",
}


def member_rows(memberships) -> list[dict]:
    return [
        {
            "membership": m,
            "person": m.person,
            "organisation": m.person.organisation.name,
            "status": m.get_status_display(),
            "status_class": STATUS_TAGS[m.status],
            "readiness": m.get_readiness_display() or "Not assessed",
        }
        for m in memberships
    ]


def member_profile(membership: PoolMembership) -> dict:
    person = membership.person
    band = selectors.latest_appraisal_band(person)
    review_due = (
        (membership.last_reviewed_on + selectors.REVIEW_INTERVAL) if membership.last_reviewed_on else None
    )
    return {
        "status": membership.get_status_display(),
        "status_class": STATUS_TAGS[membership.status],
        "readiness": membership.get_readiness_display(),
        "regions": ", ".join(r.name for r in membership.mobility_regions.all()),
        "appraisal_band": str(getattr(band, "label", band)) if band is not None else "",
        "ratings": selectors.competency_ratings(person),
        "qualified": selectors.is_eligible_for_national_pool(person),
        "consent": "Yes: HR admins of other organisations can see this member"
        if membership.consent_to_share
        else "No: only the home organisation sees this member",
        "review_due": review_due,
    }


def placement_rows(review) -> list[dict]:
    return [
        {"placement": p, "box": selectors.box_label(p)} for p in review.placements.select_related("person")
    ]


def contract_rows(contracts) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for contract in contracts:
        flags = []
        if contract.ended_reason:
            ended = f"Ended {contract.ends_on:%-d %b %Y}"
            rows.append({"contract": contract, "flags": [(ended, "nhsuk-tag--grey")]})
            continue
        if today <= contract.minimum_term_ends_on <= today + timedelta(days=183):
            flags.append(("Minimum term ends within 6 months", "nhsuk-tag--yellow"))
        if contract.next_assessment_due < today:
            flags.append(("Assessment overdue", "nhsuk-tag--red"))
        rows.append({"contract": contract, "flags": flags})
    return rows


def secondment_counts(secondments, external_recruits) -> list[dict]:
    """Secondments in and out, and external recruits, by organisation."""
    counts: dict[str, dict] = {}
    for row in secondments.order_by().values("organisation__name", "direction").annotate(n=Count("id")):
        entry = counts.setdefault(row["organisation__name"], {"out": 0, "in": 0, "external": 0})
        entry[row["direction"]] = row["n"]
    for row in external_recruits.order_by().values("organisation__name").annotate(n=Count("id")):
        counts.setdefault(row["organisation__name"], {"out": 0, "in": 0, "external": 0})["external"] = row[
            "n"
        ]
    return [{"organisation": name, **values} for name, values in sorted(counts.items())]

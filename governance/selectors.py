"""Reads the governance pages, PDF, API and sweep share: overlaps, schedules, the quarterly report,
and the burden arithmetic. Rows come in already limited by governance.access."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from governance.models import (
    RETURNS_PER_YEAR,
    WORKING_HOURS_PER_YEAR,
    BoardPosition,
    BoardReview,
    BurdenAssessment,
    DataReturn,
    DataReturnReview,
    PayBandRate,
)
from leadership.dates import add_months, quarter_start

PENNY, HUNDREDTH = Decimal("0.01"), Decimal("0.01")
DUE_SOON_DAYS = 30  # a review is "due" from 30 days before its date, "overdue" after it


def overlap_share(a: set, b: set) -> Decimal:
    """Shared items divided by the union of both returns' items (0 when neither asks for anything)."""
    union = a | b
    return Decimal(len(a & b)) / Decimal(len(union)) if union else Decimal(0)


@dataclass(frozen=True)
class Overlap:
    first: DataReturn
    second: DataReturn
    shared: list[str]
    share: Decimal

    @property
    def percent(self) -> int:
        return int((self.share * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def with_items(returns: QuerySet[DataReturn]) -> QuerySet[DataReturn]:
    return returns.select_related("organisation").prefetch_related("items")


def overlaps(returns: QuerySet[DataReturn]) -> list[Overlap]:
    """Pairs of an organisation's active returns that ask for any of the same items, largest share first."""
    by_organisation: dict[int, list[DataReturn]] = defaultdict(list)
    for data_return in with_items(returns.filter(active=True)):
        by_organisation[data_return.organisation_id].append(data_return)
    found = []
    for group in by_organisation.values():
        for i, first in enumerate(group):
            first_items = {item.id: item.name for item in first.items.all()}
            for second in group[i + 1 :]:
                second_ids = {item.id for item in second.items.all()}
                shared = set(first_items) & second_ids
                if shared:
                    found.append(
                        Overlap(
                            first,
                            second,
                            sorted(first_items[i] for i in shared),
                            overlap_share(set(first_items), second_ids),
                        )
                    )
    return sorted(found, key=lambda o: (-o.share, o.first.title, o.second.title))


def overlaps_with_items(
    item_ids: set[int], returns: QuerySet[DataReturn]
) -> list[tuple[DataReturn, list[str], Decimal]]:
    """Existing active returns sharing items with a proposed request, and each one's overlap share."""
    found = []
    for data_return in with_items(returns.filter(active=True, items__id__in=item_ids).distinct()):
        items = {item.id: item.name for item in data_return.items.all()}
        shared = sorted(items[i] for i in set(items) & item_ids)
        found.append((data_return, shared, overlap_share(set(items), item_ids)))
    return sorted(found, key=lambda row: (-row[2], row[0].title))


def review_state(data_return: DataReturn, today: date) -> str:
    if not data_return.active:
        return "stopped"
    if data_return.next_review_due < today:
        return "overdue"
    if (data_return.next_review_due - today).days <= DUE_SOON_DAYS:
        return "due"
    return "scheduled"


def reviews_due(returns: QuerySet[DataReturn], today: date) -> QuerySet[DataReturn]:
    """Active returns whose review is due within DUE_SOON_DAYS or overdue."""
    return returns.filter(active=True, next_review_due__lte=today + timedelta(days=DUE_SOON_DAYS))


def quarter_bounds(day: date) -> tuple[date, date]:
    start = quarter_start(day)
    return start, add_months(start, 3)


def quarter_label(start: date) -> str:
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class QuarterReport:
    start: date
    end: date  # exclusive
    label: str
    reviews: list
    decisions: list[tuple[str, int]]
    hours_saved_per_year: Decimal
    returns_total: int
    hours_per_year_total: Decimal
    overdue: int


def quarterly_report(returns: QuerySet[DataReturn], day: date, today: date) -> QuarterReport:
    """The quarter holding `day`: the reviews in it, counts by decision and hours saved a year."""
    start, end = quarter_bounds(day)
    reviews = list(
        DataReturnReview.objects.filter(data_return__in=returns, reviewed_on__gte=start, reviewed_on__lt=end)
        .select_related("data_return__organisation")
        .order_by("reviewed_on", "id")
    )
    counts = {
        row["decision"]: row["n"]
        for row in DataReturnReview.objects.filter(id__in=[r.id for r in reviews])
        .values("decision")
        .annotate(n=Count("id"))
    }
    decisions = [(label, counts.get(value, 0)) for value, label in DataReturnReview.Decision.choices]
    active = list(
        returns.filter(active=True).only("frequency", "hours_per_return", "next_review_due", "active")
    )
    return QuarterReport(
        start=start,
        end=end,
        label=quarter_label(start),
        reviews=reviews,
        decisions=decisions,
        hours_saved_per_year=sum((r.hours_saved_per_year for r in reviews), Decimal(0)),
        returns_total=len(active),
        hours_per_year_total=sum((r.hours_per_year for r in active), Decimal(0)),
        overdue=sum(1 for r in active if r.next_review_due < today),
    )


# The Burden Impact Assessment arithmetic ---------------------------------------------------------


@dataclass(frozen=True)
class BurdenLine:
    role: str
    band_label: str
    minutes_per_return: int
    annual_midpoint: Decimal
    hourly_cost: Decimal
    rate_confirmed: bool
    hours_per_year: Decimal
    cost_per_year: Decimal
    working: str  # the arithmetic, written out


@dataclass(frozen=True)
class Burden:
    returns_per_year: int
    organisations_affected: int
    lines: list[BurdenLine]
    hours_per_year: Decimal
    cost_per_year: Decimal
    uses_unconfirmed_rates: bool


def hourly_cost(annual_midpoint: Decimal) -> Decimal:
    """The band's annual midpoint / 1,950 working hours, to the penny."""
    return (annual_midpoint / WORKING_HOURS_PER_YEAR).quantize(PENNY, rounding=ROUND_HALF_UP)


def burden(assessment: BurdenAssessment, rates: dict[str, PayBandRate] | None = None) -> Burden:
    """Minutes per return x returns a year x organisations / 60 = hours; hours x hourly cost = pounds."""
    rates = rates if rates is not None else {r.band: r for r in PayBandRate.objects.all()}
    per_year, organisations = RETURNS_PER_YEAR[assessment.frequency], assessment.organisations_affected
    lines = []
    for role in assessment.roles.all():
        rate = rates.get(role.band)
        midpoint = rate.annual_midpoint if rate else Decimal(0)
        hourly = hourly_cost(midpoint)
        hours = (Decimal(role.minutes_per_return * per_year * organisations) / 60).quantize(
            HUNDREDTH, ROUND_HALF_UP
        )
        cost = (hours * hourly).quantize(PENNY, rounding=ROUND_HALF_UP)
        working = (
            f"{role.minutes_per_return} minutes x {per_year} returns a year x {organisations:,} "
            f"organisations / 60 = {hours:,} hours; £{midpoint:,} / 1,950 = £{hourly:,} an hour; "
            f"{hours:,} x £{hourly:,} = £{cost:,}"
        )
        lines.append(
            BurdenLine(
                role.role,
                role.get_band_display(),
                role.minutes_per_return,
                midpoint,
                hourly,
                bool(rate and rate.confirmed),
                hours,
                cost,
                working,
            )
        )
    return Burden(
        per_year,
        organisations,
        lines,
        sum((line.hours_per_year for line in lines), Decimal(0)),
        sum((line.cost_per_year for line in lines), Decimal(0)),
        any(not line.rate_confirmed for line in lines),
    )


def assessments_with_roles(assessments: QuerySet[BurdenAssessment]) -> QuerySet[BurdenAssessment]:
    return assessments.select_related("organisation").prefetch_related("roles", "items")


# Board positions ----------------------------------------------------------------------------------


def current_positions(positions: QuerySet[BoardPosition], today: date) -> QuerySet[BoardPosition]:
    return positions.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)


def with_last_review(positions: QuerySet[BoardPosition]) -> QuerySet[BoardPosition]:
    """Each position's latest review (its public id and date), in the same query."""
    latest = BoardReview.objects.filter(position=OuterRef("pk")).order_by("-reviewed_on", "-id")
    return positions.annotate(
        last_review_id=Subquery(latest.values("public_id")[:1]),
        last_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
    )


def review_overdue(position: BoardPosition, today: date) -> bool:
    return (
        position.is_non_executive
        and not position.is_former(today)
        and position.next_review_due is not None
        and position.next_review_due < today
    )


def data_return_hours_saved(returns: QuerySet[DataReturn]) -> Decimal:
    total = DataReturnReview.objects.filter(data_return__in=returns).aggregate(s=Sum("hours_saved_per_year"))[
        "s"
    ]
    return total or Decimal(0)


def with_reviews(returns: QuerySet[DataReturn]) -> QuerySet[DataReturn]:
    return returns.prefetch_related(
        Prefetch("reviews", queryset=DataReturnReview.objects.order_by("-reviewed_on"))
    )

"""The leadership passport: one read of a person's portable record, section by section, shared by the
page, the PDF, the shared link and the API. Each section is a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Q

from appraisal.models import Appraisal
from communications.models import PassportShare, ValuesAttestation
from leadership.models import Assessment, Person, Rating, Scale
from talentpool.models import PoolMembership
from training.models import Qualification, TrainingRecord

SECTIONS = ("values", "competencies", "qualifications", "training", "appraisals", "talent")


@dataclass
class Passport:
    person: Person
    sections: frozenset[str]
    values: list[ValuesAttestation] = field(default_factory=list)
    competencies: list[dict] = field(default_factory=list)
    qualifications: list[Qualification] = field(default_factory=list)
    training: list[TrainingRecord] = field(default_factory=list)
    appraisals: list[Appraisal] = field(default_factory=list)
    talent: list[PoolMembership] = field(default_factory=list)

    @property
    def omitted(self) -> list[str]:
        """Sections left out (an API token without their scope)."""
        return [section for section in SECTIONS if section not in self.sections]


def values_attested(person: Person) -> list[ValuesAttestation]:
    return list(person.values_attestations.select_related("version").order_by("-version__number"))


def latest_ratings(person: Person) -> list[dict]:
    """Each competency's latest submitted rating (self, line manager or a released 360 round)."""
    submitted = Rating.objects.filter(assessment__person=person,
                                      assessment__status=Assessment.Status.SUBMITTED)
    ratings = (submitted
               .select_related("competency", "assessment")
               .order_by("competency__position", "competency__name", "competency_id",
                         "-assessment__submitted_at", "-assessment_id"))
    latest: dict[int, dict] = {}
    for rating in ratings:
        if rating.competency_id not in latest:
            whole = max(1, min(4, round(rating.level)))
            latest[rating.competency_id] = {
                "competency": rating.competency.name, "code": rating.competency.code, "level": rating.level,
                "label": Scale(whole).label, "kind": rating.assessment.get_kind_display(),
                "on": rating.assessment.submitted_at}
    return list(latest.values())


def completed_training(person: Person) -> list[TrainingRecord]:
    return list(person.training_records.filter(status=TrainingRecord.Status.COMPLETED).order_by("-on", "-id"))


def appraisal_bands(person: Person) -> list[Appraisal]:
    """Signed-off appraisals with their (calibrated) band: the history, never the content."""
    return list(Appraisal.objects.filter(appraisee=person, state__in=Appraisal.FINAL_STATES)
                .exclude(Q(band="") & Q(calibrated_band="")).select_related("cycle", "organisation")
                .order_by("-signed_off_at"))


def pool_status(person: Person) -> list[PoolMembership]:
    return list(person.pool_memberships.filter(status__in=PoolMembership.OPEN_STATUSES)
                .select_related("pool").order_by("-created_at"))


def passport(person: Person, sections=SECTIONS) -> Passport:
    """The person's passport with the sections asked for (an API client gets those its scopes allow)."""
    result = Passport(person=person, sections=frozenset(sections))
    if "values" in sections:
        result.values = values_attested(person)
    if "competencies" in sections:
        result.competencies = latest_ratings(person)
    if "qualifications" in sections:
        result.qualifications = list(person.qualifications.order_by("-awarded_on"))
    if "training" in sections:
        result.training = completed_training(person)
    if "appraisals" in sections:
        result.appraisals = appraisal_bands(person)
    if "talent" in sections:
        result.talent = pool_status(person)
    return result


def shares_of(person: Person):
    return PassportShare.objects.filter(person=person).select_related("recipient", "imported_into")

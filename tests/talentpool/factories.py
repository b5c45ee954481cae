"""Talent factories: pools, memberships, graduate trainees and placements, secondments, contracts.

A member of an organisation pool works for the pool's owner unless a test passes someone from
elsewhere (an owner may take them in); a secondment's or contract's
organisation is its person's; a placement is hosted by the trainee's own trust unless a test says
otherwise. National and regional pools have no owner, so their members come from anywhere.
"""

from datetime import date

import factory

from talentpool.models import (
    GraduateCohort,
    GraduateTrainee,
    Placement,
    PoolMembership,
    Secondment,
    SeniorContract,
    TalentPool,
    TalentReview,
)
from tests.factories import OrganisationFactory, PersonFactory
from tests.training.factories import CourseFactory
from training.models import Qualification


def _same_organisation(kwargs, message):
    person, organisation = kwargs.get("person"), kwargs.get("organisation")
    if person is not None and organisation is not None and person.organisation_id != organisation.id:
        raise ValueError(message)


class TalentPoolFactory(factory.django.DjangoModelFactory):
    """An organisation's own pool; pass kind=... with owner=None for a national or regional pool."""

    class Meta:
        model = TalentPool

    kind = TalentPool.Kind.ORGANISATION
    owner = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Leadership pool {n}")


class PoolMembershipFactory(factory.django.DjangoModelFactory):
    """An active member, joined 1 January 2025, who has not consented to be seen elsewhere."""

    class Meta:
        model = PoolMembership

    pool = factory.SubFactory(TalentPoolFactory)
    person = factory.SubFactory(
        PersonFactory,
        organisation=factory.LazyAttribute(lambda o: o.factory_parent.pool.owner or OrganisationFactory()),
    )
    route = PoolMembership.Route.HR_ADMIN
    rationale = "Strong record"
    status = PoolMembership.Status.ACTIVE
    consent_to_share = False
    joined_on = factory.LazyAttribute(lambda o: date(2025, 1, 1) if o.status == PoolMembership.Status.ACTIVE
                                      else None)
    last_reviewed_on = factory.SelfAttribute("joined_on")


class GraduateCohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateCohort
        django_get_or_create = ("intake_year", "pathway")

    intake_year = 2024
    pathway = GraduateCohort.Pathway.FINANCE


class GraduateTraineeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateTrainee

    cohort = factory.SubFactory(GraduateCohortFactory)
    person = factory.SubFactory(PersonFactory)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    trainee = factory.SubFactory(GraduateTraineeFactory)
    host = factory.LazyAttribute(lambda o: o.trainee.person.organisation)
    starts_on = date(2024, 9, 1)
    ends_on = date(2025, 3, 1)
    supervisor = "Sam Supervisor"


class SecondmentFactory(factory.django.DjangoModelFactory):
    """A secondment out of the NHS to a private company, for six months of 2025."""

    class Meta:
        model = Secondment

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    direction = Secondment.Direction.OUT_OF_NHS
    external_sector = "private"
    external_organisation = "Acme Logistics"
    starts_on = date(2025, 1, 1)
    ends_on = date(2025, 7, 1)
    purpose = "Supply chain"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        _same_organisation(kwargs, "A secondment belongs to its person's organisation.")
        return super()._create(model_class, *args, **kwargs)


class SeniorContractFactory(factory.django.DjangoModelFactory):
    """A very senior manager's three-year minimum-term contract from 2024."""

    class Meta:
        model = SeniorContract

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")
    post = "Director of operations"
    starts_on = date(2024, 1, 1)
    minimum_term_months = 36
    minimum_term_ends_on = date(2027, 1, 1)
    next_assessment_due = date(2026, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        _same_organisation(kwargs, "A senior contract belongs to its person's organisation.")
        return super()._create(model_class, *args, **kwargs)


class TalentReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentReview

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Spring review"
    held_on = date(2025, 4, 1)



def qualify(person) -> Qualification:
    """Give the person the accredited senior-manager qualification (R8), as completing the course does."""
    return Qualification.objects.create(person=person, course=CourseFactory(), senior=True,
                                        name="Accredited senior manager", awarded_on=date(2024, 6, 1))

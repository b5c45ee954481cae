"""Every factory, built with its defaults, keeps a record and everyone it names in one organisation.

GIVEN a factory with no arguments WHEN it builds a record THEN every organisation reachable from the
record (through its people, their logins, its cycle, its pool's owner, ...) is the same one.
"""

import pytest
from django.db import models

from leadership.models import Organisation, Person, User
from tests.appraisal import factories as appraisal
from tests.dashboards import factories as dashboards
from tests.development import factories as development
from tests.factories import (
    NotificationFactory,
    PeopleImportFactory,
    PersonFactory,
    RoleAssignmentFactory,
    user_with_person,
)
from tests.talentpool import factories as talentpool
from tests.training import factories as training

pytestmark = pytest.mark.django_db

FACTORIES = [
    PersonFactory, RoleAssignmentFactory, PeopleImportFactory, NotificationFactory,
    training.RecordFactory, training.EvaluationFactory,
    development.AssessmentFactory, development.RaterInvitationFactory, development.DevelopmentPlanFactory,
    development.DevelopmentNeedFactory, development.ActionCycleFactory, development.ActionFactory,
    development.CheckInFactory,
    appraisal.ScorecardTemplateFactory, appraisal.AppraisalCycleFactory, appraisal.AppraisalFactory,
    talentpool.TalentPoolFactory, talentpool.PoolMembershipFactory, talentpool.GraduateTraineeFactory,
    talentpool.PlacementFactory, talentpool.SecondmentFactory, talentpool.SeniorContractFactory,
    talentpool.TalentReviewFactory,
    dashboards.MeasureValueFactory,
]


def organisations_reachable(record, seen=None) -> set[int]:
    """Organisation ids along forward foreign keys, and from a login to its person.

    An organisation's own links (parent, successor) are not followed: an ICB above a trust is not
    a second organisation the record belongs to.
    """
    seen = seen if seen is not None else set()
    if record is None or (type(record), record.pk) in seen:
        return set()
    seen.add((type(record), record.pk))
    if isinstance(record, Organisation):
        return {record.pk}
    found = set()
    if isinstance(record, User):
        found |= organisations_reachable(Person.objects.filter(user=record).first(), seen)
    for field in record._meta.get_fields():
        if isinstance(field, models.ForeignKey | models.OneToOneField) and field.concrete:
            found |= organisations_reachable(getattr(record, field.name), seen)
    return found


@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_a_factory_builds_its_record_in_one_organisation(factory_class):
    record = factory_class()
    assert len(organisations_reachable(record)) <= 1, f"{record!r} reaches several organisations"


def test_a_record_naming_a_login_with_a_person_keeps_to_that_persons_organisation(same_org):
    assessor = user_with_person(same_org)
    assessment = development.AssessmentFactory(person=assessor.person)
    assert organisations_reachable(assessment) == {same_org.pk}


@pytest.mark.parametrize("build", [
    lambda other: development.ActionCycleFactory(organisation=other),
    lambda other: talentpool.SecondmentFactory(organisation=other),
    lambda other: talentpool.SeniorContractFactory(organisation=other),
    lambda other: appraisal.AppraisalFactory(appraisee=PersonFactory(organisation=other)),
    lambda other: PersonFactory(organisation=other, line_manager=PersonFactory()),
], ids=["cycle", "secondment", "contract", "appraisee", "line manager"])
def test_a_factory_refuses_to_cross_organisations_when_told_to(other_org, build):
    with pytest.raises(ValueError):
        build(other_org)

"""The talent demo: current national-pool members whose annual reviews lie ahead (none lapse on the
first sweep), each qualified or excused (R8), and reviews, succession plans, secondments and pools for the
demo HR admin's trust. A second run adds nothing."""

import pytest
from django.utils import timezone

from leadership import demo as leadership_demo
from leadership.demo import DEMO_ACUTE_TRUST
from talentpool import demo, reminders, selectors, services
from talentpool.models import (
    GraduateTrainee,
    PoolMembership,
    Secondment,
    SeniorContract,
    SuccessionCandidate,
    SuccessionPlan,
    TalentPool,
    TalentReview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    leadership_demo.seed()
    return demo.seed()


def _counts():
    models = (PoolMembership, TalentPool, TalentReview, SuccessionPlan, SuccessionCandidate, Secondment,
              SeniorContract, GraduateTrainee)
    return [model.objects.count() for model in models]


def test_the_demo_pool_members_are_current_and_none_lapse_on_the_first_sweep(seeded):
    today = timezone.localdate()
    members = PoolMembership.objects.filter(pool=selectors.national_pool(), status="active")
    assert seeded["members"] > 0 and members.count() == seeded["members"]
    assert not selectors.members_due_to_lapse(today).exists()
    assert reminders.lapse_sweep(today=today) == 0
    assert all(services.may_join_national_pool(m.person) for m in members.select_related("person"))


def test_the_demo_hr_admins_trust_has_every_talent_list_filled_and_a_second_run_adds_nothing(seeded):
    trust = {"organisation__ods_code": DEMO_ACUTE_TRUST}
    assert TalentReview.objects.filter(**trust).count() == 2
    assert TalentReview.objects.filter(**trust, status="decided").count() == 1
    assert SuccessionCandidate.objects.filter(plan__organisation__ods_code=DEMO_ACUTE_TRUST).exists()
    assert Secondment.objects.filter(**trust, cancelled_on__isnull=False).count() == 1
    assert Secondment.objects.filter(**trust, cancelled_on__isnull=True).count() >= 2
    assert TalentPool.objects.filter(owner__ods_code=DEMO_ACUTE_TRUST).exists()
    assert SeniorContract.objects.exists() and GraduateTrainee.objects.exists()
    counts = _counts()
    assert demo.seed()["members"] == 0
    assert _counts() == counts

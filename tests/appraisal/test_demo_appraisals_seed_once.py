"""The demo seed builds appraisals and scorecards once; a second run changes nothing."""

import pytest

from appraisal import demo
from appraisal.models import Appraisal, ScorecardMeasure
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_seeding_twice_changes_nothing(same_org):
    manager = PersonFactory(organisation=same_org)
    for _ in range(6):
        PersonFactory(organisation=same_org, line_manager=manager)
    assert demo.seed()["appraisals"] == 6
    counts = Appraisal.objects.count(), ScorecardMeasure.objects.count()
    assert demo.seed()["appraisals"] == 0
    assert (Appraisal.objects.count(), ScorecardMeasure.objects.count()) == counts
    assert Appraisal.objects.filter(state="signed_off", band="").count() == 0

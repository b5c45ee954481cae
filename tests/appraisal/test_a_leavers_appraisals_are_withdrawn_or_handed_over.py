"""When a person leaves (leadership.events.person_left): their open appraisals are withdrawn with the
reason and drop out of completion and reminders; the ones they appraise pass to the chosen successor."""

import pytest
from django.core.exceptions import ValidationError

from appraisal import selectors
from appraisal.models import Appraisal
from leadership.events import person_left
from tests.appraisal.factories import AppraisalCycleFactory, AppraisalFactory, complete_appraisal_skills
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_leavers_open_appraisal_is_withdrawn_and_no_longer_due(same_org, same_org_hr_admin):
    cycle = AppraisalCycleFactory(organisation=same_org)
    own = AppraisalFactory(cycle=cycle, appraisee=PersonFactory(organisation=same_org))
    person_left.send(sender=None, person=own.appraisee, actor=same_org_hr_admin, reason="Retired",
                     handovers={})
    own.refresh_from_db()
    assert (own.state, own.withdrawn_reason, own.get_state_display()) == ("withdrawn", "Retired", "Withdrawn")
    assert selectors.completion_by_organisation(cycle.opens_on) == {}


def test_an_appraisal_the_leaver_gives_needs_a_successor_from_the_organisation(same_org, same_org_hr_admin):
    appraising = AppraisalFactory(cycle=AppraisalCycleFactory(organisation=same_org))
    key = f"appraiser_{appraising.public_id.hex}"
    with pytest.raises(ValidationError) as refused:
        person_left.send(sender=None, person=appraising.appraiser, actor=same_org_hr_admin, reason="Left",
                         handovers={})
    assert key in refused.value.message_dict
    successor = PersonFactory(organisation=same_org)
    with pytest.raises(ValidationError, match="has not completed the appraisal-skills course"):
        person_left.send(sender=None, person=appraising.appraiser, actor=same_org_hr_admin, reason="Left",
                         handovers={key: successor})
    complete_appraisal_skills(successor)
    person_left.send(sender=None, person=appraising.appraiser, actor=same_org_hr_admin, reason="Left",
                     handovers={key: successor})
    assert Appraisal.objects.get(pk=appraising.pk).appraiser == successor

"""When a person leaves (leadership.events.person_left), their open pool memberships lapse with the reason;
ended ones stay as they were."""

import pytest

from leadership.events import person_left
from talentpool.models import MembershipDecision, PoolMembership
from tests.factories import PersonFactory
from tests.talentpool.factories import PoolMembershipFactory, TalentPoolFactory

pytestmark = pytest.mark.django_db


def test_open_memberships_lapse_with_the_leaving_reason(same_org, same_org_hr_admin):
    person = PersonFactory(organisation=same_org)
    active = PoolMembershipFactory(pool=TalentPoolFactory(owner=same_org), person=person)
    nominated = PoolMembershipFactory(pool=TalentPoolFactory(owner=same_org), person=person,
                                      status=PoolMembership.Status.NOMINATED)
    placed = PoolMembershipFactory(pool=TalentPoolFactory(owner=same_org), person=person,
                                   status=PoolMembership.Status.PLACED)
    person_left.send(sender=None, person=person, actor=same_org_hr_admin, reason="Retired", handovers={})
    statuses = {m.pk: m.status for m in PoolMembership.objects.filter(person=person)}
    assert statuses == {active.pk: "lapsed", nominated.pk: "lapsed", placed.pk: "placed"}
    decision = MembershipDecision.objects.get(membership=active)
    assert (decision.actor, decision.from_status, decision.reason) == (
        same_org_hr_admin, "active", "Left the organisation: Retired")

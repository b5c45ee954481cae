"""Mirroring the governance resources: a full pull, then updated_since plus the deletions feed, equals a
fresh full pull after creates, updates and deletes; a published assessment is mirrored by every client."""

from datetime import date

import pytest

from tests.api.mirror import Mirror
from tests.factories import OrganisationFactory
from tests.governance import factories

pytestmark = pytest.mark.django_db(transaction=True)
GOVERNANCE = ["governance:read"]


@pytest.fixture
def trust():
    return OrganisationFactory(ods_code="RZ1")


@pytest.fixture
def elsewhere():
    return OrganisationFactory(ods_code="RZ9")


def test_a_data_return_mirror_stays_exact(api_for, trust, elsewhere):
    kept, doomed = factories.data_return(trust, title="Kept"), factories.data_return(trust, title="Doomed")
    foreign = factories.data_return(elsewhere, title="Foreign")
    mirror = Mirror(api_for(trust, GOVERNANCE), "data-returns", "api:data-return-list")
    assert str(foreign.public_id) not in mirror.rows

    kept.next_review_due = date(2027, 1, 1)
    kept.save()
    factories.data_return(trust, title="New")
    gone = {str(doomed.public_id)}
    doomed.delete()
    foreign.delete()
    assert mirror.catch_up() == gone
    mirror.assert_exact()


def test_a_burden_assessment_mirror_holds_published_assessments_of_everyone(api_for, trust, elsewhere):
    own = factories.assessment(trust, title="Own draft")
    published = factories.assessment(
        elsewhere, title="Published elsewhere", published=True, status="approved", decided_on=date(2026, 1, 5)
    )
    draft_elsewhere = factories.assessment(elsewhere, title="Their draft")
    mirror = Mirror(api_for(trust, GOVERNANCE), "burden-assessments", "api:burden-assessment-list")
    assert str(published.public_id) in mirror.rows and str(draft_elsewhere.public_id) not in mirror.rows

    own.title = "Own draft, renamed"
    own.save()
    gone = {str(own.public_id), str(published.public_id)}
    own.delete()
    published.delete()
    draft_elsewhere.delete()
    assert mirror.catch_up() == gone
    mirror.assert_exact()


def test_a_board_position_mirror_stays_exact(api_for, trust, elsewhere):
    first, leaving = factories.position(trust), factories.position(trust, title="Leaving NED")
    factories.position(elsewhere)
    mirror = Mirror(api_for(trust, GOVERNANCE), "board-positions", "api:board-position-list")
    row = mirror.rows[str(first.public_id)]
    assert row["review_overdue"] is True and "reviews" not in row  # the status, never the content

    first.next_review_due = date(2099, 1, 1)
    first.save()
    gone = {str(leaving.public_id)}
    leaving.delete()
    assert mirror.catch_up() == gone
    mirror.assert_exact()

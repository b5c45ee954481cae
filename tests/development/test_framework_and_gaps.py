"""The default framework, the scale arithmetic of the gap view, and the training app's contract."""

from decimal import Decimal

import pytest

from leadership.development import selectors, services
from leadership.development.selectors import GapRow
from leadership.models import Assessment, CompetencyFramework, ManagementLevel
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CODES = {
    "hlm-inspiring-shared-purpose", "hlm-leading-with-care", "hlm-evaluating-information",
    "hlm-connecting-our-service", "hlm-sharing-the-vision", "hlm-engaging-the-team",
    "hlm-holding-to-account", "hlm-developing-capability", "hlm-influencing-for-results",
    "basics-appraisal", "basics-motivation", "basics-negotiation", "basics-leadership",
}


def test_the_default_framework_is_version_1_published_with_the_shared_codes(framework):
    assert (framework.version, framework.status) == (1, CompetencyFramework.Status.PUBLISHED)
    assert set(framework.competencies.values_list("code", flat=True)) == CODES
    for competency in framework.competencies.prefetch_related("behaviours"):
        assert {b.management_level for b in competency.behaviours.all()} == {
            "first_line", "middle", "senior", "executive", "board"}


def test_the_gap_is_expected_minus_the_mean_of_the_ratings_there_are(framework):
    competency = framework.competencies.first()
    row = GapRow(competency, 3, Decimal(2), Decimal(1), None)
    assert row.gap == Decimal("1.5") and row.below_expected
    assert GapRow(competency, 2, Decimal(3), None, Decimal("2.67")).gap == Decimal("-0.8")
    assert GapRow(competency, 2, None, None, None).gap is None
    assert not GapRow(competency, 2, Decimal(2), None, None).below_expected


def test_the_gap_view_reads_the_persons_level_and_their_submitted_ratings(framework, same_org_manager):
    morgan = same_org_manager.person
    lead = framework.competencies.get(code="basics-leadership")
    services.assessment_save(actor=same_org_manager, person=morgan, kind=Assessment.Kind.SELF,
                             framework=framework, ratings={lead.id: (1, "")}, submit=False)
    row = next(r for r in selectors.gap_rows(morgan, framework) if r.competency == lead)
    assert row.expected == 2  # middle managers: Proficient
    assert (row.self_rating, row.manager_rating, row.feedback_360) == (1, None, None)
    assert row.gap == Decimal("1.0")


def test_only_the_line_manager_can_rate_a_report(framework, same_org_manager, same_org_hr_admin):
    lee = same_org_manager.person.reports.get(first_name="Lee")
    ratings = {framework.competencies.first().id: (3, "Good")}
    services.assessment_save(actor=same_org_manager, person=lee, kind=Assessment.Kind.LINE_MANAGER,
                             framework=framework, ratings=ratings, submit=False)
    with pytest.raises(Exception, match="line manager"):
        services.assessment_save(actor=same_org_hr_admin, person=lee, kind=Assessment.Kind.LINE_MANAGER,
                                 framework=framework, ratings=ratings, submit=False)


def test_training_can_read_the_codes_of_open_development_needs(framework, same_org_manager):
    morgan = same_org_manager.person
    services.need_create(actor=same_org_manager, person=morgan, description="Negotiate budgets",
                         competency=framework.competencies.get(code="basics-negotiation"))
    met = services.need_create(actor=same_org_manager, person=morgan, description="Appraise well",
                               competency=framework.competencies.get(code="basics-appraisal"))
    services.need_set_status(actor=same_org_manager, need=met, status="met", note="Done")
    services.need_create(actor=same_org_manager, person=morgan, description="Something general")
    assert selectors.development_needs_competency_codes(morgan) == {"basics-negotiation"}


def test_a_draft_is_copied_edited_and_published_and_published_versions_are_read_only(
        framework, national_admin):
    draft = services.framework_draft_create(actor=national_admin)
    assert draft.version == 2 and draft.competencies.count() == 13
    published_competency = framework.competencies.get(code="basics-motivation")
    with pytest.raises(Exception, match="published"):
        services.competency_update(actor=national_admin, competency=published_competency, name="X",
                                   description="", behaviours={})
    competency = draft.competencies.get(code="basics-motivation")
    services.competency_update(actor=national_admin, competency=competency, name="Motivating people",
                               description="New", behaviours={"board": (3, "Sets the tone.")})
    services.framework_publish(actor=national_admin, framework=draft)
    framework.refresh_from_db()
    assert framework.status == CompetencyFramework.Status.RETIRED
    assert selectors.published_framework() == draft


def test_someone_who_manages_nobody_is_read_against_first_line():
    assert selectors.level_for(PersonFactory(management_level=ManagementLevel.NONE)) == "first_line"

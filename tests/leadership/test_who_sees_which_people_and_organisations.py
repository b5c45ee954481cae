"""Who sees what: every rule in leadership/access.py, with the fixed cast."""

import pytest
from django.http import Http404

from leadership import access
from leadership.models import ManagementLevel, Organisation, Role
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_hr_admin_sees_only_people_of_their_organisation(same_org_hr_admin, same_org_manager,
                                                          other_org_person):
    visible = access.people(same_org_hr_admin)
    assert other_org_person not in visible
    assert same_org_manager.person in visible
    assert {p.organisation.ods_code for p in visible} == {"RT1"}


def test_manager_sees_self_and_everyone_below_them_but_not_peers(same_org_manager, same_org):
    peer = PersonFactory(organisation=same_org, first_name="Peer")
    names = set(access.people(same_org_manager).values_list("first_name", flat=True))
    assert names == {"Morgan", "Lee", "Rita", "Indie"}
    assert peer not in access.people(same_org_manager)


def test_report_sees_only_themself(same_org_manager):
    report_user = UserFactory()
    rita = same_org_manager.person.reports.get(first_name="Rita")
    rita.user = report_user
    rita.save()
    assert list(access.people(report_user)) == [rita]


def test_board_secretary_sees_only_executives_and_board(same_org):
    secretary = UserFactory()
    RoleAssignmentFactory(user=secretary, organisation=same_org, role=Role.BOARD_SECRETARY)
    chair = PersonFactory(organisation=same_org, management_level=ManagementLevel.BOARD)
    director = PersonFactory(organisation=same_org, management_level=ManagementLevel.EXECUTIVE)
    ward_lead = PersonFactory(organisation=same_org, management_level=ManagementLevel.FIRST_LINE)
    visible = set(access.people(secretary))
    assert {chair, director} <= visible
    assert ward_lead not in visible


def test_footprint_viewer_sees_exactly_the_organisations_under_their_icb(icb, same_org, other_org):
    region = OrganisationFactory(ods_code="Y99", kind=Organisation.Kind.REGION)
    ccg = OrganisationFactory(ods_code="99X", kind=Organisation.Kind.CCG, parent=region,
                              active=False, dissolved_on="2022-07-01", successor=icb)
    old_trust = OrganisationFactory(ods_code="RT5", parent=ccg)
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    assert set(access.organisations(viewer)) == {icb, same_org, ccg, old_trust}
    assert other_org not in access.organisations(viewer)
    assert region not in access.organisations(viewer)


def test_footprint_viewer_sees_no_individual_people(icb, same_org_manager):
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    assert not access.people(viewer).exists()


def test_national_admin_sees_every_organisation_and_person(same_org_manager, other_org_person):
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY), role=Role.NATIONAL_ADMIN)
    assert other_org_person in access.people(admin)
    assert same_org_manager.person in access.people(admin)
    assert access.managed_organisations(admin).count() == Organisation.objects.count()


def test_user_without_person_or_role_sees_nothing(same_org_manager):
    stranger = UserFactory()
    assert not access.people(stranger).exists()
    assert not access.organisations(stranger).exists()
    assert not access.managed_organisations(stranger).exists()


def test_deactivated_user_loses_every_grant(same_org_hr_admin):
    same_org_hr_admin.is_active = False
    same_org_hr_admin.save()
    same_org_hr_admin._portal_grants = None
    assert not access.managed_organisations(same_org_hr_admin).exists()


def test_get_or_404_treats_foreign_and_missing_ids_alike(same_org_hr_admin, other_org_person):
    with pytest.raises(Http404):
        access.get_or_404(access.people(same_org_hr_admin), other_org_person.public_id)
    with pytest.raises(Http404):
        access.get_or_404(access.people(same_org_hr_admin), "not-a-uuid")

"""Isolation cases for leadership routes added outside tests/test_isolation.py's own table."""

from datetime import date

from django.urls import reverse

from tests.isolation_registry import NOT_IN_DEMO, TRUST_ADMINS

PAGE_CASES = {
    # Every organisation's undelivered email: national admins only, 404 for anyone else.
    "undelivered_mail": ("national", lambda w: reverse("undelivered_mail")),
    # A subject access export: the person's organisation's HR admin only; another organisation's is 404.
    "person_data_export": ("object", lambda w: reverse(
        "person_data_export", args=[w["same_org_manager"].person.public_id])),
    "sharing_agreement_new": ("object", lambda w: reverse("sharing_agreement_new", args=["RT1"])),
    "sharing_agreement_revoke": ("object", lambda w: reverse(
        "sharing_agreement_revoke", args=[w["sharing_agreement"].public_id])),
    # Invitations: the person's organisation's HR admins only; the bulk page counts only their own.
    "person_invite": ("object", lambda w: reverse("person_invite", args=[w["invited"].public_id])),
    "people_invite": ("list", lambda w: reverse("people_invite")),
    "invitation_resend": ("object", lambda w: reverse(
        "invitation_resend", args=[w["invitation"].public_id])),
    "invitation_revoke": ("object", lambda w: reverse(
        "invitation_revoke", args=[w["invitation"].public_id])),
    # A person's record: their organisation's HR admins change it and add people to it.
    "person_edit": ("object", lambda w: reverse("person_edit", args=[w["invited"].public_id])),
    "person_new": ("object", lambda w: reverse("person_new", args=["RT1"])),
    "person_leave": ("object", lambda w: reverse("person_leave", args=[w["invited"].public_id])),
    # Roles: the organisation's HR admins (their trust roles) and national admins only.
    "role_grant": ("object", lambda w: reverse("role_grant", args=["RT1"])),
    "role_revoke": ("object", lambda w: reverse("role_revoke", args=[w["board_secretary_role"].public_id])),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "undelivered_mail": {"national_admin"},
    "person_data_export": TRUST_ADMINS,
    "sharing_agreement_new": TRUST_ADMINS,
    "sharing_agreement_revoke": NOT_IN_DEMO,
    "person_invite": TRUST_ADMINS,
    "people_invite": TRUST_ADMINS,
    "invitation_resend": NOT_IN_DEMO,
    "invitation_revoke": NOT_IN_DEMO,
    "person_edit": TRUST_ADMINS,
    "person_leave": TRUST_ADMINS,
    "person_new": TRUST_ADMINS,
    "role_grant": TRUST_ADMINS,
    "role_revoke": TRUST_ADMINS,
}

# The emailed one-time link: its token is the only key (tests/leadership/test_invitations.py).
PUBLIC_ROUTES = {"invitation_accept"}


def build_world(world: dict) -> None:
    from leadership.invitations.services import invitation_send
    from leadership.models import DataSharingAgreement
    from tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory

    if "same_org_hr_admin" not in world:  # the API walk: its footprint cases hold no agreement
        return
    trust = world["same_org"]
    invited = PersonFactory(organisation=trust, first_name="Ivy", last_name="Invitee",
                            work_email="ivy.invitee@rt1.example.nhs.uk")
    world["board_secretary_role"] = RoleAssignmentFactory(
        user=UserFactory(), organisation=trust, role="board_secretary")
    world["invited"], world["invitation"] = invited, invitation_send(
        actor=world["same_org_hr_admin"], person=invited)
    world["sharing_agreement"] = DataSharingAgreement.objects.create(
        trust=trust, footprint=trust.parent, scopes=["appraisals:read"], valid_from=date(2026, 1, 1),
        agreed_by=world["same_org_hr_admin"], agreed_by_name="Casey Guardian, Caldicott Guardian",
    )

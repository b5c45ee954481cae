"""Broadcasts reach exactly their audience; a trust or ICB passes a national one on; action-required
broadcasts are acknowledged; rates per organisation follow the small-number rule outside the employer;
the weekly digest is written once a week whatever the number of runs."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from communications import access, selectors, services
from communications.models import Broadcast, BroadcastCategory, BroadcastReceipt
from leadership.models import CommissionerRole, ManagementLevel, Notification, OrganisationKind, Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, user_with_person

pytestmark = pytest.mark.django_db
L, K = ManagementLevel, OrganisationKind


@pytest.fixture
def nhs():
    """Two regions; an ICB with a trust under the first; a CCG and a foundation trust under the second."""
    national = OrganisationFactory(ods_code="X24", kind=K.NATIONAL_BODY, name="NHS England")
    north = OrganisationFactory(ods_code="Y61", kind=K.REGION, name="North")
    south = OrganisationFactory(ods_code="Y62", kind=K.REGION, name="South")
    icb = OrganisationFactory(ods_code="QA1", kind=K.ICB, parent=north, name="North ICB")
    trust = OrganisationFactory(ods_code="RA1", kind=K.NHS_TRUST, parent=icb, name="North Trust")
    ccg = OrganisationFactory(ods_code="00A", kind=K.CCG, parent=south, name="South CCG")
    foundation = OrganisationFactory(ods_code="RA2", kind=K.FOUNDATION_TRUST, parent=ccg, name="South FT")
    people = {
        "trust_middle": user_with_person(trust, management_level=L.MIDDLE),
        "trust_none": user_with_person(trust, management_level=L.NONE),
        "icb_chair": user_with_person(
            icb, management_level=L.BOARD, commissioner_roles=[CommissionerRole.CHAIR]
        ),
        "ccg_lay": user_with_person(
            ccg, management_level=L.BOARD, commissioner_roles=[CommissionerRole.LAY_MEMBER]
        ),
        "ft_senior": user_with_person(foundation, management_level=L.SENIOR),
    }
    admin = user_with_person(national, role=Role.NATIONAL_ADMIN)
    trust_hr = user_with_person(trust, role=Role.HR_ADMIN, management_level=L.MIDDLE)
    return {
        "national": national,
        "north": north,
        "south": south,
        "icb": icb,
        "trust": trust,
        "ccg": ccg,
        "foundation": foundation,
        "people": people,
        "admin": admin,
        "trust_hr": trust_hr,
    }


def _send(nhs, **audience):
    audience.setdefault("category", BroadcastCategory.NEWS)
    return services.broadcast_send(
        actor=nhs["admin"], sender_organisation=nhs["national"], title="Hello", body="Body", **audience
    )


def _reached(nhs, broadcast) -> set[str]:
    return {
        name
        for name, user in nhs["people"].items()
        if access.broadcasts_for_me(user).filter(id=broadcast.id).exists()
    }


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ({"everyone": True}, {"trust_middle", "trust_none", "icb_chair", "ccg_lay", "ft_senior"}),
        (
            {"organisation_kinds": [K.NHS_TRUST, K.FOUNDATION_TRUST]},
            {"trust_middle", "trust_none", "ft_senior"},
        ),
        ({"regions": ["north"]}, {"trust_middle", "trust_none", "icb_chair"}),
        ({"regions": ["south"], "organisation_kinds": [K.FOUNDATION_TRUST]}, {"ft_senior"}),
        ({"footprint": "icb"}, {"trust_middle", "trust_none", "icb_chair"}),
        ({"organisations": ["ccg"]}, {"ccg_lay"}),
        ({"organisation_kinds": [K.ICB], "organisations": ["foundation"]}, {"icb_chair", "ft_senior"}),
        ({"everyone": True, "management_levels": [L.MIDDLE, L.SENIOR]}, {"trust_middle", "ft_senior"}),
        ({"everyone": True, "commissioner_roles": [CommissionerRole.CHAIR]}, {"icb_chair"}),
        (
            {
                "regions": ["south"],
                "commissioner_roles": [CommissionerRole.LAY_MEMBER, CommissionerRole.CHAIR],
            },
            {"ccg_lay"},
        ),
    ],
)
def test_a_broadcast_reaches_exactly_its_audience(nhs, audience, expected):
    resolved = {}
    for key, value in audience.items():
        if key in ("regions", "organisations"):
            resolved[key] = [nhs[name] for name in value]
        elif key == "footprint":
            resolved[key] = nhs[value]
        else:
            resolved[key] = value
    broadcast = _send(nhs, **resolved)
    assert _reached(nhs, broadcast) == expected
    assert set(selectors.audience(broadcast).values_list("user__person__id", flat=True)) >= {
        nhs["people"][name].person.id for name in expected
    }


def test_nobody_sees_a_broadcast_before_it_is_published_or_after_it_expires(nhs):
    later = _send(nhs, everyone=True, publish_at=timezone.now() + timedelta(hours=1))
    gone = _send(
        nhs,
        everyone=True,
        publish_at=timezone.now() - timedelta(days=2),
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert _reached(nhs, later) == set() and _reached(nhs, gone) == set()


def test_a_national_broadcast_needs_an_audience_and_sane_dates(nhs):
    with pytest.raises(ValidationError):
        _send(nhs)
    with pytest.raises(ValidationError):
        _send(nhs, everyone=True, publish_at=timezone.now(), expires_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        _send(nhs, regions=[nhs["icb"]])
    assert not Broadcast.objects.exists()


def test_an_hr_admin_writes_to_their_own_staff_only(nhs):
    hr = nhs["trust_hr"]
    with pytest.raises(ValidationError):
        services.broadcast_send(
            actor=hr,
            sender_organisation=nhs["trust"],
            title="All",
            body="x",
            category=BroadcastCategory.NEWS,
            everyone=True,
        )
    with pytest.raises(PermissionDenied):
        services.broadcast_send(
            actor=hr,
            sender_organisation=nhs["foundation"],
            title="Theirs",
            body="x",
            category=BroadcastCategory.NEWS,
        )
    own = services.broadcast_send(
        actor=hr,
        sender_organisation=nhs["trust"],
        title="Ours",
        body="x",
        category=BroadcastCategory.NEWS,
        management_levels=[L.MIDDLE],
    )
    assert _reached(nhs, own) == {"trust_middle"}


def test_a_trust_passes_a_national_broadcast_on_with_its_note(nhs, client_for):
    national = _send(nhs, organisation_kinds=[K.ICB], category=BroadcastCategory.ACTION_REQUIRED)
    hr = nhs["trust_hr"]
    with pytest.raises(PermissionDenied):  # it did not reach the trust
        services.broadcast_cascade(actor=hr, broadcast=national, organisation=nhs["trust"], local_note="x")
    national = _send(nhs, organisation_kinds=[K.NHS_TRUST], category=BroadcastCategory.ACTION_REQUIRED)
    cascade = services.broadcast_cascade(
        actor=hr, broadcast=national, organisation=nhs["trust"], local_note="Ward managers: by **Friday**."
    )
    assert cascade.cascade_of == national and cascade.sender_organisation == nhs["trust"]
    assert _reached(nhs, cascade) == {"trust_middle", "trust_none"}
    with pytest.raises(ValidationError):  # once per organisation
        services.broadcast_cascade(
            actor=hr, broadcast=national, organisation=nhs["trust"], local_note="again"
        )
    with pytest.raises(ValidationError):  # a cascade is not national
        services.broadcast_cascade(actor=hr, broadcast=cascade, organisation=nhs["trust"], local_note="again")
    page = client_for(nhs["people"]["trust_none"]).get(cascade.get_absolute_url()).content.decode()
    assert (
        "<strong>Friday</strong>" in page and "Note from North Trust" in page and "From NHS England" in page
    )


def test_a_refused_cascade_is_a_form_error_and_writes_nothing(nhs, client_for):
    own = services.broadcast_send(
        actor=nhs["trust_hr"],
        sender_organisation=nhs["trust"],
        title="Ours",
        body="x",
        category=BroadcastCategory.NEWS,
    )
    url = reverse("communications:broadcast_cascade", args=[own.public_id])
    response = client_for(nhs["trust_hr"]).post(url, {"organisation": nhs["trust"].id, "local_note": "x"})
    assert response.status_code == 200
    assert "Only a national broadcast can be passed on." in response.content.decode()
    assert Broadcast.objects.count() == 1


def test_an_action_is_acknowledged_from_its_page_and_leaves_the_to_do_list(nhs, client_for):
    action = _send(nhs, everyone=True, category=BroadcastCategory.ACTION_REQUIRED)
    user = nhs["people"]["trust_middle"]
    client = client_for(user)
    assert f"Acknowledge the broadcast: {action.title}" in client.get(reverse("home")).content.decode()
    assert client.get(action.get_absolute_url()).status_code == 200
    receipt = BroadcastReceipt.objects.get(broadcast=action, person=user.person)
    assert receipt.read_at is not None and receipt.acknowledged_at is None
    assert client.post(action.get_absolute_url()).status_code == 302
    receipt.refresh_from_db()
    assert receipt.acknowledged_at is not None
    assert "Acknowledge the broadcast" not in client.get(reverse("home")).content.decode()


def test_news_needs_no_acknowledgement(nhs):
    news = _send(nhs, everyone=True)
    with pytest.raises(ValidationError):
        services.broadcast_acknowledge(actor=nhs["people"]["trust_middle"], broadcast=news)


def test_rates_are_exact_for_the_employer_and_hide_small_numbers_for_the_sender(nhs, client_for):
    staff = [user_with_person(nhs["trust"], management_level=L.FIRST_LINE) for _ in range(8)]
    action = _send(nhs, organisations=[nhs["trust"]], category=BroadcastCategory.ACTION_REQUIRED)
    for user in staff[:6]:
        services.broadcast_acknowledge(actor=user, broadcast=action)
    for user in staff[6:8]:
        services.broadcast_mark_read(actor=user, broadcast=action)
    # Audience: the 8, trust_middle, trust_none and the HR admin = 11; read 8; acknowledged 6.
    [employer] = selectors.broadcast_rates(
        action,
        organisation_ids=access.rate_organisations(nhs["trust_hr"], action),
        exact_ids=access.rates_exact_for(nhs["trust_hr"]),
    )
    assert (employer.audience, employer.read, employer.acknowledged) == (11, 8, 6)
    assert (employer.read_rate, employer.acknowledged_rate) == ("73%", "55%")
    [sender_view] = selectors.broadcast_rates(
        action, organisation_ids=None, exact_ids=access.rates_exact_for(nhs["admin"])
    )
    assert sender_view.read_rate == "*"  # 11 - 8 = 3 did not read: a small number outside the employer
    assert sender_view.acknowledged_rate == "55%"
    page = client_for(nhs["trust_hr"]).get(reverse("communications:broadcast_rates", args=[action.public_id]))
    assert "73%" in page.content.decode()
    manager = client_for(nhs["people"]["trust_middle"])
    assert manager.get(reverse("communications:broadcast_rates", args=[action.public_id])).status_code == 404


def test_an_hr_admin_sees_only_their_own_organisations_rate(nhs):
    action = _send(nhs, everyone=True, category=BroadcastCategory.ACTION_REQUIRED)
    rates = selectors.broadcast_rates(
        action,
        organisation_ids=access.rate_organisations(nhs["trust_hr"], action),
        exact_ids=access.rates_exact_for(nhs["trust_hr"]),
    )
    assert [rate.organisation for rate in rates] == [nhs["trust"]]
    everyone = selectors.broadcast_rates(action, organisation_ids=None, exact_ids=frozenset())
    assert {rate.organisation.ods_code for rate in everyone} == {"X24", "QA1", "RA1", "00A", "RA2"}


def test_the_weekly_digest_is_written_once_whatever_the_number_of_runs(nhs):
    _send(nhs, everyone=True)
    read = _send(nhs, organisations=[nhs["ccg"]])
    services.broadcast_mark_read(actor=nhs["people"]["ccg_lay"], broadcast=read)
    now = timezone.now()
    first = services.broadcast_digest_send(now=now)
    assert first == Notification.objects.filter(kind="broadcast_digest").count() == 7  # 5 people, 2 admins
    assert services.broadcast_digest_send(now=now) == 0
    assert services.broadcast_digest_send(now=now + timedelta(minutes=5)) == 0
    lay = Notification.objects.get(kind="broadcast_digest", recipient=nhs["people"]["ccg_lay"])
    assert lay.title == "Broadcasts this week: 1 for you"
    assert services.broadcast_digest_send(now=now + timedelta(days=7)) == 0  # nothing new in that week


def test_a_withdrawn_broadcast_leaves_the_feed_and_keeps_its_receipts(nhs):
    news = _send(nhs, everyone=True)
    services.broadcast_mark_read(actor=nhs["people"]["ft_senior"], broadcast=news)
    services.broadcast_withdraw(actor=nhs["admin"], broadcast=news)
    assert _reached(nhs, news) == set()
    assert BroadcastReceipt.objects.filter(broadcast=news).count() == 1
    with pytest.raises(PermissionDenied):
        services.broadcast_withdraw(actor=nhs["trust_hr"], broadcast=news)


def test_a_moderator_is_not_a_sender(nhs):
    moderator = user_with_person(nhs["trust"])
    RoleAssignmentFactory(user=moderator, organisation=nhs["national"], role=Role.MODERATOR)
    with pytest.raises(PermissionDenied):
        services.broadcast_send(
            actor=moderator,
            sender_organisation=nhs["national"],
            title="x",
            body="x",
            category=BroadcastCategory.NEWS,
            everyone=True,
        )

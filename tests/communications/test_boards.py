"""Best-practice boards: stemmed search, tags, endorsements, accepted answers, following a thread,
reports, moderation with reasons in the audit trail, and posting limits."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communications import access, selectors, services
from communications.models import Board, BoardPost, BoardThread, ModerationStep, PostReport
from leadership.models import Notification, OrganisationKind, Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    services.boards_ensure()
    return Board.objects.get(slug="engaging-the-team")


@pytest.fixture
def moderator(other_org):
    user = user_with_person(other_org, first_name="Mo", last_name="Derator")
    RoleAssignmentFactory(
        user=user,
        role=Role.MODERATOR,
        organisation=OrganisationFactory(ods_code="X26", kind=OrganisationKind.NATIONAL_BODY),
    )
    return user


def _search(user, **terms):
    return list(selectors.threads_search(access.threads(user), **terms))


def test_every_theme_has_a_board():
    services.boards_ensure()
    groups = dict(Board.objects.values_list("name", "group"))
    assert groups["Influencing for results"] == Board.Group.LEADERSHIP_DIMENSION
    assert groups["Well-Led: culture"] == Board.Group.WELL_LED
    assert {"Commissioning", "Reducing bureaucracy"} <= groups.keys()
    assert len(groups) == 19
    assert services.boards_ensure() == 0


def test_search_stems_english_words_and_uses_the_gin_index(board, same_org_manager, other_org_hr_admin):
    found = services.thread_create(
        actor=same_org_manager,
        board=board,
        title="Night shift appraisal",
        body="How we run an appraisal at handover.",
        tags=["Night Shift"],
    )
    services.thread_create(actor=same_org_manager, board=board, title="Rotas", body="Rotas and leave.")
    assert _search(other_org_hr_admin, query="appraisals") == [found]
    assert _search(other_org_hr_admin, query="appraising") == [found]
    assert _search(other_org_hr_admin, tag="night shift") == [found]
    assert found.tags == ["night shift"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'boardpost_search_gin'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_a_reply_is_found_and_tells_the_threads_followers(board, same_org_manager, other_org_hr_admin):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Huddles", body="Ten minutes.")
    reply = services.reply_create(
        actor=other_org_hr_admin, thread=thread, body="We hold safety huddles daily."
    )
    assert _search(same_org_manager, query="huddle daily") == [thread]
    told = Notification.objects.get(kind="board_reply")
    assert told.recipient == same_org_manager and told.link == thread.get_absolute_url()
    services.thread_follow(actor=same_org_manager, thread=thread, follow=False)
    services.reply_create(actor=other_org_hr_admin, thread=thread, body="And a weekly review.")
    assert Notification.objects.filter(kind="board_reply").count() == 1
    assert reply.author_organisation == other_org_hr_admin.person.organisation


def test_endorsements_are_once_per_person_and_never_ones_own(board, same_org_manager, other_org_hr_admin):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Huddles", body="Ten minutes.")
    opening = thread.posts.get()
    with pytest.raises(ValidationError):
        services.post_endorse(actor=same_org_manager, post=opening)
    assert services.post_endorse(actor=other_org_hr_admin, post=opening) is True
    assert services.post_endorse(actor=other_org_hr_admin, post=opening) is False
    assert opening.endorsements.count() == 1


def test_only_the_author_or_a_moderator_accepts_an_answer(
    board, same_org_manager, other_org_hr_admin, moderator
):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Huddles", body="Ten minutes.")
    reply = services.reply_create(actor=other_org_hr_admin, thread=thread, body="Daily.")
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=other_org_hr_admin, post=reply)
    assert services.answer_accept(actor=same_org_manager, post=reply).accepted_post == reply
    with pytest.raises(ValidationError):
        services.answer_accept(actor=moderator, post=thread.posts.get(is_opening=True))


def test_a_report_reaches_the_moderators_who_hide_and_restore_with_a_reason(
    board, same_org_manager, other_org_hr_admin, moderator, client_for
):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Huddles", body="Rude words.")
    post = thread.posts.get()
    services.post_report(actor=other_org_hr_admin, post=post, reason="Offensive")
    assert Notification.objects.filter(kind="board_report", recipient=moderator).exists()
    with pytest.raises(ValidationError):
        services.post_report(actor=other_org_hr_admin, post=post, reason="Again")
    with pytest.raises(PermissionDenied):
        services.post_moderate(actor=other_org_hr_admin, post=post, hide=True, reason="No")
    with pytest.raises(ValidationError):
        services.post_moderate(actor=moderator, post=post, hide=True, reason="  ")

    services.post_moderate(actor=moderator, post=post, hide=True, reason="Breaks the code of conduct")
    thread.refresh_from_db()
    assert thread.hidden_at is not None  # the opening post hides its thread
    assert PostReport.objects.get().closed_at is not None
    assert client_for(other_org_hr_admin).get(thread.get_absolute_url()).status_code == 404
    assert client_for(moderator).get(thread.get_absolute_url()).status_code == 200
    assert _search(other_org_hr_admin, query="rude") == []

    services.post_moderate(actor=moderator, post=post, hide=False, reason="Edited by the author")
    steps = list(ModerationStep.objects.order_by("created_at").values_list("action", "reason", "moderator"))
    assert steps == [
        ("hide", "Breaks the code of conduct", moderator.id),
        ("restore", "Edited by the author", moderator.id),
    ]
    # pghistory keeps every state of the post too.
    assert [e.pgh_label for e in BoardPost.pgh_event_model.objects.filter(pgh_obj=post).order_by("pgh_id")][
        -2:
    ] == ["update", "update"]
    assert client_for(other_org_hr_admin).get(thread.get_absolute_url()).status_code == 200


def test_a_hidden_reply_shows_as_hidden_except_to_moderators(
    board, same_org_manager, other_org_hr_admin, moderator, client_for
):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Huddles", body="Fine.")
    reply = services.reply_create(actor=other_org_hr_admin, thread=thread, body="Secret shouting")
    services.post_moderate(actor=moderator, post=reply, hide=True, reason="Personal data")
    reader = client_for(same_org_manager).get(thread.get_absolute_url()).content.decode()
    assert "This post is hidden by a moderator." in reader and "Secret shouting" not in reader
    assert "Secret shouting" in client_for(moderator).get(thread.get_absolute_url()).content.decode()


def test_posting_is_rate_limited(board, same_org_manager):
    burst = services.RATE_LIMITS[0][1]
    thread = services.thread_create(actor=same_org_manager, board=board, title="Many", body="One.")
    for n in range(burst - 1):
        services.reply_create(actor=same_org_manager, thread=thread, body=f"Reply {n}")
    with pytest.raises(PermissionDenied):
        services.reply_create(actor=same_org_manager, thread=thread, body="One too many")
    assert BoardPost.objects.count() == burst


def test_a_refused_reply_is_a_form_error_and_writes_nothing(board, same_org_manager, client_for):
    thread = services.thread_create(actor=same_org_manager, board=board, title="Many", body="One.")
    client = client_for(same_org_manager)
    assert client.post(thread.get_absolute_url(), {"body": ""}).status_code == 200
    for n in range(services.RATE_LIMITS[0][1] - 1):
        services.reply_create(actor=same_org_manager, thread=thread, body=f"Reply {n}")
    response = client.post(thread.get_absolute_url(), {"body": "Over the limit"})
    assert response.status_code == 200 and "You have posted a lot" in response.content.decode()
    assert not BoardPost.objects.filter(body="Over the limit").exists()


def test_bad_tags_are_refused(board, same_org_manager):
    with pytest.raises(ValidationError):
        services.thread_create(actor=same_org_manager, board=board, title="T", body="B", tags="a,b,c,d,e,f")
    with pytest.raises(ValidationError):
        services.thread_create(actor=same_org_manager, board=board, title="T", body="B", tags="<script>")
    assert not BoardThread.objects.exists()


def test_a_board_costs_the_same_queries_for_one_thread_or_many(board, same_org_manager, client_for):
    client = client_for(same_org_manager)
    url = reverse("communications:board_detail", args=[board.slug])
    services.thread_create(actor=same_org_manager, board=board, title="One", body="One.")
    client.get(url)  # the session and grants are cached from here on
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    other = user_with_person(same_org_manager.person.organisation)
    for n in range(4):
        services.thread_create(actor=other, board=board, title=f"T{n}", body="x", tags=["a"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one)

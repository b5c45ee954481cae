"""Training's row rules (catalogue, records, enrolments, imports), on the core in leadership.access."""

from django.db.models import Q, QuerySet

from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
from leadership.access import (
    api_client,
    api_personal_ids,
    delete_events,
    deletions_by_organisation,
    deletions_by_staff,
    grants,
    managed_organisations,
    own_person,
    people_q,
    sees_every_organisation,
)
from leadership.models import ApiScope, Organisation, Person, Role, User
from training.models import Course, CourseRun, Enrolment, Provider, TrainingImport, TrainingRecord

# Training (issue 5). The catalogue and the provider register are open to every signed-in user;
# training records and enrolments follow people visibility (a footprint's agreed trusts by the training
# scope, not the people one); education leads and national admins
# manage providers and courses; HR admins record and import their organisation's training.


def manages_training_catalogue(user: User) -> bool:
    """The national training body's catalogue: the national roles (one rule, sees_every_organisation)."""
    return sees_every_organisation(user)


def providers(user: User):

    return Provider.objects.all() if user.is_authenticated else Provider.objects.none()


def courses(user: User):

    if not user.is_authenticated:
        return Course.objects.none()
    if manages_training_catalogue(user):
        return Course.objects.all()
    return Course.objects.filter(active=True)


def course_runs(user: User):

    return CourseRun.objects.filter(course__in=courses(user))


def training_people(user: User) -> QuerySet[Person]:
    """People whose training the user may read (a footprint by its agreements' training scope)."""
    return Person.objects.filter(people_q(user, ApiScope.TRAINING_READ))


def training_records(user: User):
    """Records of the people whose records the user may read."""

    return TrainingRecord.objects.filter(person__in=training_people(user))


def manageable_training_records(user: User):
    """Records HR admins (and national admins) may change: their organisations' people."""

    return TrainingRecord.objects.filter(organisation__in=managed_organisations(user))


def own_training_records(user: User):
    """Records a person may evaluate: only their own."""

    person = own_person(user)
    return TrainingRecord.objects.none() if person is None else TrainingRecord.objects.filter(person=person)


def enrolments(user: User):

    return Enrolment.objects.filter(person__in=training_people(user))


def enrolment_deciders_q(user: User) -> Q:
    """Enrolments the user may approve or decline: their direct reports', or as their HR admin."""
    person = own_person(user)
    allowed = Q(person__organisation_id__in=managed_organisations(user).values("id"))
    if person is not None:
        allowed |= Q(person__line_manager_id=person.id)
    return allowed


def decidable_enrolments(user: User):

    return Enrolment.objects.filter(enrolment_deciders_q(user))


def cancellable_enrolments(user: User):
    """The person themselves, their line manager, or their HR admin may cancel."""

    person = own_person(user)
    allowed = enrolment_deciders_q(user)
    if person is not None:
        allowed |= Q(person_id=person.id)
    return Enrolment.objects.filter(allowed)


def requestable_people(user: User) -> QuerySet[Person]:
    """Whom the user may ask a place for: themselves and their direct reports."""
    person = own_person(user)
    if person is None:
        return Person.objects.none()
    return Person.objects.filter(Q(id=person.id) | Q(line_manager_id=person.id), active=True)


def training_imports(user: User):

    return TrainingImport.objects.filter(organisation__in=managed_organisations(user))


def training_dashboard_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations whose training dashboard the user may open."""
    if sees_every_organisation(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(id__in=grants(user).orgs(Role.HR_ADMIN))


def api_providers(request):

    return Provider.objects.all()


def api_courses(request):

    if api_client(request) is None:
        return courses(request.user)
    return Course.objects.filter(active=True)


def api_training_records(request):

    client = api_client(request)
    if client is None:
        return training_records(request.user)
    return TrainingRecord.objects.filter(
        organisation_id__in=api_personal_ids(request, client, ApiScope.TRAINING_READ))


def api_training_record_deletions(request):
    """Delete events of training records the actor could have listed (as api_deletions does for people)."""
    return deletions_by_organisation(request, "training", "TrainingRecordEvent", ApiScope.TRAINING_READ)


def api_enrolments(request):
    """Enrolments of the staff whose training records the actor reads (the same personal reach)."""
    client = api_client(request)
    if client is None:
        return enrolments(request.user)
    return Enrolment.objects.filter(
        person__organisation_id__in=api_personal_ids(request, client, ApiScope.TRAINING_READ))


def api_enrolment_deletions(request):
    return deletions_by_staff(request, delete_events("training", "EnrolmentEvent"), ApiScope.TRAINING_READ)

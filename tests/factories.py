"""Factories for every model. A person's line manager always works in the same organisation."""

import factory
from django.utils import timezone

from leadership.models import (
    Band,
    ManagementLevel,
    Notification,
    Organisation,
    PeopleImport,
    Person,
    RoleAssignment,
    StaffGroup,
    User,
)

DEMO_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("ods_code",)

    ods_code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.Sequence(lambda n: f"Test Hospitals {n} NHS Trust")
    kind = Organisation.Kind.NHS_TRUST


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.nhs.uk")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    line_manager = None
    organisation = factory.LazyAttribute(
        lambda o: o.line_manager.organisation if o.line_manager else OrganisationFactory()
    )
    employee_number = factory.Sequence(lambda n: f"E{n:07d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    work_email = factory.LazyAttribute(
        lambda o: f"{o.first_name}.{o.last_name}.{o.employee_number}@example.nhs.uk".lower()
    )
    job_title = "Service manager"
    management_level = ManagementLevel.MIDDLE
    band = Band.BAND_8A
    staff_group = StaffGroup.ADMIN_CLERICAL

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        manager, organisation = kwargs.get("line_manager"), kwargs.get("organisation")
        if manager is not None and manager.organisation_id != organisation.id:
            raise ValueError("A line manager must work in the same organisation.")
        return super()._create(model_class, *args, **kwargs)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = RoleAssignment.Role.HR_ADMIN


class PeopleImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeopleImport

    organisation = factory.SubFactory(OrganisationFactory)
    uploaded_by = factory.SubFactory(UserFactory)
    file_name = "staff.csv"
    content = b""
    finished_at = factory.LazyFunction(timezone.now)
    status = PeopleImport.Status.SUCCEEDED


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    key = factory.Sequence(lambda n: f"test:{n}")
    kind = "test"
    title = "Your check-in is due"
    link = "/"
    email_state = Notification.EmailState.NONE


def user_with_person(organisation: Organisation, *, role: str | None = None, **person_fields) -> User:
    """A login linked to a person in the organisation, optionally holding a role there."""
    user = UserFactory()
    PersonFactory(organisation=organisation, user=user, **person_fields)
    if role:
        RoleAssignmentFactory(user=user, organisation=organisation, role=role)
    return user

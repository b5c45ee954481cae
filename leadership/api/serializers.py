"""Output serializers: public UUIDs and ODS codes only, never database ids. They never write."""

from rest_framework import serializers

from leadership.models import Organisation, Person


class OrganisationOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, allow_null=True,
        help_text="ODS code of the parent organisation."
    )
    successor = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, allow_null=True,
        help_text="ODS code of the organisation that took over when this one was dissolved or merged.",
    )

    class Meta:
        model = Organisation
        fields = ["id", "ods_code", "name", "kind", "parent", "successor", "active", "dissolved_on",
                  "created_at", "updated_at"]


# What list pages read, as output name -> field path: the serializer's fields without instances.
ORGANISATION_COLUMNS = {
    "id": "public_id", "ods_code": "ods_code", "name": "name", "kind": "kind", "parent": "parent__ods_code",
    "successor": "successor__ods_code", "active": "active", "dissolved_on": "dissolved_on",
    "created_at": "created_at", "updated_at": "updated_at",
}


class PersonOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.SlugRelatedField(
        slug_field="ods_code", read_only=True, help_text="ODS code of the employing organisation."
    )
    line_manager = serializers.SlugRelatedField(
        slug_field="public_id", read_only=True, allow_null=True,
        help_text="The line manager's id, in the same organisation.",
    )

    class Meta:
        model = Person
        fields = ["id", "organisation", "employee_number", "first_name", "last_name", "work_email",
                  "job_title", "line_manager", "management_level", "band", "staff_group",
                  "professional_registration", "sector_background", "commissioner_roles", "active",
                  "created_at", "updated_at"]


PERSON_COLUMNS = {
    "id": "public_id", "organisation": "organisation__ods_code",
    **{name: name for name in ["employee_number", "first_name", "last_name", "work_email", "job_title"]},
    "line_manager": "line_manager__public_id",
    **{name: name for name in ["management_level", "band", "staff_group", "professional_registration",
                               "sector_background", "commissioner_roles", "active", "created_at",
                               "updated_at"]},
}


class DeletionOut(serializers.Serializer):
    resource = serializers.SerializerMethodField()
    id = serializers.UUIDField(source="public_id", read_only=True, help_text="The deleted record's id.")
    deleted_at = serializers.DateTimeField(source="pgh_created_at", read_only=True)

    def get_resource(self, event) -> str:
        return self.context["resource"]


class ApiError(serializers.Serializer):
    """The shape of every error: a sentence, and the messages for each bad parameter."""

    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

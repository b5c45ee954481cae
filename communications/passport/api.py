"""GET /api/v1/passports/{person}/: a person's leadership passport for their home organisation's client.

The passport needs communications:read; each section is served only with its own area's scope as well
(competencies development:read, qualifications and training training:read, appraisal bands
appraisals:read, pool status talent:read), and a section the token lacks is left out, named in
`omitted`. The browser share link is for people, never for API clients.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import RetrieveAPIView
from rest_framework.response import Response

from communications import access
from communications.passport import selectors
from communications.passport.access import SECTION_SCOPES
from leadership.api.views import ApiView, detail_responses
from leadership.models import ApiScope, Person


class PassportAttestationOut(serializers.Serializer):
    handbook_version = serializers.IntegerField(source="version.number")
    attested_at = serializers.DateTimeField()
    source = serializers.CharField()
    transferred_from = serializers.CharField()


class PassportRatingOut(serializers.Serializer):
    competency = serializers.CharField()
    code = serializers.CharField()
    level = serializers.DecimalField(max_digits=3, decimal_places=2)
    label = serializers.CharField()
    kind = serializers.CharField()


class PassportQualificationOut(serializers.Serializer):
    name = serializers.CharField()
    senior = serializers.BooleanField()
    awarded_on = serializers.DateField()
    transferred_from = serializers.CharField()


class PassportTrainingOut(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    title = serializers.CharField()
    provider_name = serializers.CharField()
    on = serializers.DateField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    source = serializers.CharField()
    transferred_from = serializers.CharField()


class PassportAppraisalBandOut(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    cycle = serializers.CharField(source="cycle.name")
    signed_off_at = serializers.DateTimeField()
    band = serializers.CharField(source="final_band")


class PassportPoolStatusOut(serializers.Serializer):
    pool = serializers.CharField(source="pool.name")
    status = serializers.CharField()
    readiness = serializers.CharField()


class PassportOut(serializers.Serializer):
    person = serializers.UUIDField(source="person.public_id")
    name = serializers.CharField(source="person.full_name")
    organisation = serializers.CharField(source="person.organisation.ods_code")
    management_level = serializers.CharField(source="person.management_level")
    values = PassportAttestationOut(many=True, required=False, help_text="Needs communications:read.")
    competencies = PassportRatingOut(many=True, required=False, help_text="Needs development:read.")
    qualifications = PassportQualificationOut(many=True, required=False, help_text="Needs training:read.")
    training = PassportTrainingOut(many=True, required=False, help_text="Needs training:read.")
    appraisals = PassportAppraisalBandOut(many=True, required=False, help_text="Needs appraisals:read.")
    talent = PassportPoolStatusOut(many=True, required=False, help_text="Needs talent:read.")
    omitted = serializers.ListField(child=serializers.CharField(),
                                    help_text="Sections left out because the token lacks their scope.")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for section in selectors.SECTIONS:
            if section not in instance.sections:
                data.pop(section, None)
        return data


@extend_schema(summary="A person's leadership passport", responses=detail_responses(PassportOut))
class PassportDetail(ApiView, RetrieveAPIView):
    """The passport of one of the client's own staff; each section needs its own scope too."""

    model = Person
    read_scope = ApiScope.COMMUNICATIONS_READ
    serializer_class = PassportOut

    def rows(self):
        return access.api_passport_people(self.request).select_related("organisation")

    def retrieve(self, request, *args, **kwargs):
        person = access.get_or_404(self.get_queryset(), kwargs["person"])
        allowed = access.api_passport_scopes(request)
        sections = [s for s in selectors.SECTIONS if SECTION_SCOPES[s] in allowed]
        return Response(PassportOut(selectors.passport(person, sections)).data)


def register(router) -> None:
    """No viewsets: the passport is one detail route (extra_urlpatterns)."""


extra_urlpatterns = [
    path("passports/<str:person>/", PassportDetail.as_view(), name="passport-detail"),
]

"""Dashboard factories: a stored figure of one organisation for one quarter."""

from datetime import date

import factory

from dashboards.models import MeasureValue
from tests.factories import OrganisationFactory


class MeasureValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureValue

    organisation = factory.SubFactory(OrganisationFactory)
    period = date(2026, 1, 1)
    measure = factory.Sequence(lambda n: f"managers-{n}")
    numerator = 10.0
    denominator = 20.0

"""Score arithmetic: objectives by their weights within a perspective, perspectives by theirs."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from appraisal.selectors import band_for, compute_score, national_template

pytestmark = pytest.mark.django_db


def test_the_overall_score_weights_perspectives_and_objectives_and_shows_the_working():
    template = national_template()  # weights 30, 30, 20, 20
    p = list(template.perspectives.all())
    objectives = [
        SimpleNamespace(perspective_id=p[0].id, rating=4, weight=60),
        SimpleNamespace(perspective_id=p[0].id, rating=2, weight=40),  # (240 + 80) / 100 = 3.20
        SimpleNamespace(perspective_id=p[1].id, rating=3, weight=100),
        SimpleNamespace(perspective_id=p[2].id, rating=2, weight=100),
        SimpleNamespace(perspective_id=p[3].id, rating=4, weight=100),
    ]
    score = compute_score(SimpleNamespace(template=template), objectives)
    assert [s.score for s in score.perspectives] == [
        Decimal("3.20"),
        Decimal("3.00"),
        Decimal("2.00"),
        Decimal("4.00"),
    ]
    assert score.perspectives[0].working == "(4 x 60 + 2 x 40) / 100 = 3.20"
    # 3.2 x 0.3 + 3 x 0.3 + 2 x 0.2 + 4 x 0.2 = 0.96 + 0.9 + 0.4 + 0.8 = 3.06
    assert score.overall == Decimal("3.06")
    assert score.band == "Meets"
    assert score.working.endswith("= 3.06")


def test_an_unrated_perspective_leaves_the_overall_score_empty():
    template = national_template()
    first = template.perspectives.first()
    score = compute_score(
        SimpleNamespace(template=template), [SimpleNamespace(perspective_id=first.id, rating=3, weight=100)]
    )
    assert score.overall is None and score.band == ""


@pytest.mark.parametrize(
    "score, band",
    [
        ("4.00", "Exceeds"),
        ("3.50", "Exceeds"),
        ("3.49", "Meets"),
        ("2.50", "Meets"),
        ("1.50", "Partly meets"),
        ("1.49", "Does not meet"),
        ("1.00", "Does not meet"),
    ],
)
def test_bands_follow_the_documented_thresholds(score, band):
    assert band_for(Decimal(score), national_template().bands) == band

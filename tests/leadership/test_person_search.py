"""Choosing a person: search by name or employee number within the actor's reach, without JavaScript."""

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

from leadership.models import Person
from leadership.person_search import MATCHES_SHOWN, PersonSearchField, people_matching
from talentpool.models import PoolMembership
from tests.factories import PersonFactory
from tests.talentpool.factories import TalentPoolFactory

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parent.parent.parent
PERSON_FIELDS = {"person", "appraisee", "appraiser", "countersigner", "line_manager"}


@pytest.fixture
def pool(same_org):
    return TalentPoolFactory(owner=same_org, name="Rising leaders")


@pytest.fixture
def quinns(same_org, other_org):
    """Two people called Quinn: one in the HR admin's trust, one in another trust."""
    ours = PersonFactory(organisation=same_org, first_name="Quinn", last_name="Quartermain",
                         employee_number="E4242001", job_title="Deputy director")
    theirs = PersonFactory(organisation=other_org, first_name="Quinn", last_name="Quartermaine",
                           employee_number="E4242002")
    return ours, theirs


def _search(client, pool, query, **extra):
    return client.post(reverse("talentpool:nominate"), {
        "pool": str(pool.public_id), "person-q": query, "person_search": "person", "rationale": "", **extra})


def test_a_search_by_name_finds_only_people_in_the_actors_reach(client_for, same_org_hr_admin, pool, quinns):
    """
    GIVEN a Quinn in the HR admin's trust and another in a trust they do not manage
    WHEN the HR admin searches "quinn quarter" on the nomination page (no JavaScript: the search button posts)
    THEN the page lists their own Quinn to choose, not the other, keeps the pool chosen, shows no
         errors and writes nothing
    """
    ours, theirs = quinns
    response = _search(client_for(same_org_hr_admin), pool, "quinn quarter")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{ours.public_id}"' in html and "Quinn Quartermain (E4242001), Deputy director" in html
    assert str(theirs.public_id) not in html and "Quartermaine" not in html
    assert "There is a problem" not in html and 'value="quinn quarter"' in html
    assert f'<option value="{pool.public_id}" selected>' in html
    assert not PoolMembership.objects.exists()


def test_a_search_by_employee_number_finds_the_person(client_for, same_org_hr_admin, pool, quinns):
    html = _search(client_for(same_org_hr_admin), pool, "e4242").content.decode()
    assert "Quinn Quartermain (E4242001)" in html and "E4242002" not in html


def test_choosing_a_match_and_submitting_nominates_them(client_for, same_org_hr_admin, pool, quinns):
    ours, _ = quinns
    response = client_for(same_org_hr_admin).post(reverse("talentpool:nominate"), {
        "pool": str(pool.public_id), "person-q": "quinn", "person": str(ours.public_id),
        "rationale": "Led the recovery programme"})
    assert response.status_code == 302
    assert PoolMembership.objects.get().person == ours


def test_a_person_outside_reach_posted_by_hand_is_a_form_error_and_nothing_is_written(
        client_for, same_org_hr_admin, pool, quinns):
    _, theirs = quinns
    response = client_for(same_org_hr_admin).post(reverse("talentpool:nominate"), {
        "pool": str(pool.public_id), "person": str(theirs.public_id), "rationale": "Strong"})
    assert response.status_code == 200
    assert "Choose a person from the search results" in response.content.decode()
    assert not PoolMembership.objects.exists()
    nonsense = client_for(same_org_hr_admin).post(reverse("talentpool:nominate"), {
        "pool": str(pool.public_id), "person": "not-an-id", "rationale": "Strong"})
    assert nonsense.status_code == 200 and not PoolMembership.objects.exists()


def test_nothing_chosen_says_to_search_and_choose(client_for, same_org_hr_admin, pool):
    response = client_for(same_org_hr_admin).post(reverse("talentpool:nominate"), {
        "pool": str(pool.public_id), "person-q": "", "rationale": "Strong"})
    assert "Search for a person and choose them" in response.content.decode()


def test_the_page_never_lists_everyone_before_a_search(client_for, same_org_hr_admin, same_org, pool):
    PersonFactory.create_batch(30, organisation=same_org)
    html = client_for(same_org_hr_admin).get(reverse("talentpool:nominate")).content.decode()
    assert "nhsuk-radios__input" not in html and "<select" in html  # the pool is still a dropdown
    assert 'name="person-q"' in html and 'name="person_search" value="person"' in html


def test_the_persons_page_link_arrives_with_the_person_chosen(client_for, same_org_hr_admin, pool, quinns):
    ours, _ = quinns
    url = reverse("talentpool:nominate")
    html = client_for(same_org_hr_admin).get(url, {"person": ours.public_id}).content
    assert f'value="{ours.public_id}" checked'.encode() in html


def test_matches_are_capped_and_say_there_are_more(same_org, django_assert_max_num_queries):
    PersonFactory.create_batch(MATCHES_SHOWN + 3, organisation=same_org, last_name="Smith")
    with django_assert_max_num_queries(1):
        found, more = people_matching(Person.objects.filter(organisation=same_org), "smith")
    assert len(found) == MATCHES_SHOWN and more
    assert people_matching(Person.objects.all(), "  ") == ([], False)


def _form_classes():
    for path in sorted(BASE_DIR.glob("*/**/forms.py")):
        relative = path.relative_to(BASE_DIR)
        if {".venv", "node_modules", "tests", "bench"}.intersection(relative.parts):
            continue
        module = importlib.import_module(".".join(relative.with_suffix("").parts))
        for _, form_class in inspect.getmembers(module, inspect.isclass):
            if issubclass(form_class, forms.BaseForm) and form_class.__module__ == module.__name__:
                yield form_class


def test_every_form_field_that_chooses_a_person_is_the_person_search():
    checked = 0
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            queryset = getattr(field, "queryset", None)
            chooses = name in PERSON_FIELDS or (queryset is not None and queryset.model is Person)
            if isinstance(field, forms.ModelChoiceField) and chooses:
                assert isinstance(field, PersonSearchField), f"{form_class.__name__}.{name}"
                checked += 1
    assert checked >= 7

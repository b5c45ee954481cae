from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from leadership import access, leavers, services
from leadership.models import Person
from leadership.people.forms import LeaverForm, PersonForm
from leadership.web import REFUSED, posted, render_form_page, submit


def _colleagues(organisation, person=None):
    people = organisation.people.filter(active=True).order_by("last_name", "first_name")
    return people.exclude(pk=person.pk) if person is not None else people


@login_required
def person_new(request, ods_code):
    organisation = access.managed_organisation_or_404(request.user, ods_code)
    form = PersonForm(posted(request), colleagues=_colleagues(organisation))

    def create(data):
        return services.person_create(actor=request.user, organisation=organisation, **data)

    person = submit(request, form, create, success=lambda p: f"{p.full_name} is added.")
    if person is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    back = reverse("organisation_detail", args=[organisation.ods_code])
    return render_form_page(request, form, title=f"Add a person to {organisation.name}",
                            submit="Add the person", back=(organisation.name, back),
                            intro="For one new starter or a correction between ESR imports.")


@login_required
def person_edit(request, public_id):
    people = access.manageable_people(request.user).select_related("organisation")
    person = access.get_or_404(people, public_id)
    form = PersonForm(posted(request), instance=person, colleagues=_colleagues(person.organisation, person))

    def update(data):  # on a copy: a refused change leaves the page's person as stored
        return services.person_update(actor=request.user, person=Person.objects.get(pk=person.pk), **data)

    if submit(request, form, update, success=f"{person.full_name}'s details are saved.") is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    return render_form_page(request, form, title=f"Change {person.full_name}'s details", submit="Save",
                            back=(person.full_name, reverse("person_detail", args=[person.public_id])))


@login_required
def person_leave(request, public_id):
    people = access.manageable_people(request.user).select_related("organisation", "line_manager")
    person = access.get_or_404(people, public_id)
    form = LeaverForm(posted(request), person=person, reports=leavers.reports_to_reassign(person),
                      handovers=leavers.handovers_for(person), successors=access.successors(person))

    def leave(_data):  # on a copy: a refused leaving leaves the page's person as stored
        return leavers.person_leave(actor=request.user, person=Person.objects.get(pk=person.pk),
                                    **form.choices())

    if submit(request, form, leave, success=f"{person.full_name} is recorded as a leaver.") is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    return render(request, "leadership/person_leave.html", {
        "form": form, "person": person, "title": f"Record that {person.full_name} has left",
        "person_url": reverse("person_detail", args=[person.public_id]),
        "feedback_rounds": leavers.feedback_rounds_to_leave(person),
    })

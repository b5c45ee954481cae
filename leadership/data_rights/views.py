"""The subject access export page: a confirmation, then the zip."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from leadership import access
from leadership.data_rights import export


@login_required
def person_data_export(request, public_id):
    person = access.get_or_404(
        access.subject_access_people(request.user).select_related("organisation", "user"), public_id)
    if request.method == "POST":
        content = export.person_data_export(actor=request.user, person=person, request=request)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="subject-access-{person.public_id}.zip"'
        return response
    return render(request, "leadership/person_data_export.html", {"person": person})

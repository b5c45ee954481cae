from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from leadership import access, services
from leadership.forms import ButtonForm
from leadership.roles.forms import RoleGrantForm
from leadership.web import REFUSED, posted, render_form_page, submit

MFA_NOTE = ("Roles that manage people's records need two-factor authentication: the person sets it up "
            "before they can do anything else.")


def _roles_section(organisation) -> str:
    return f"{reverse('organisation_detail', args=[organisation.ods_code])}#roles"


@login_required
def role_grant(request, ods_code):
    organisation = access.managed_organisation_or_404(request.user, ods_code)
    roles = access.grantable_roles(request.user, organisation)
    if not roles:
        raise Http404
    form = RoleGrantForm(posted(request), roles=roles)

    def grant(data):
        return services.role_grant(actor=request.user, organisation=organisation, **data)

    granted = submit(request, form, grant, success=lambda assignment: (
        f"{assignment.user.email} is now {assignment.get_role_display()} at {organisation.name}."))
    if granted is not REFUSED:
        return redirect(_roles_section(organisation))
    return render_form_page(request, form, title=f"Grant a role at {organisation.name}",
                            submit="Grant the role", back=(organisation.name, _roles_section(organisation)),
                            intro=MFA_NOTE)


@login_required
def role_revoke(request, public_id):
    assignments = access.revocable_roles(request.user).select_related("organisation", "user")
    assignment = access.get_or_404(assignments, public_id)
    organisation, role = assignment.organisation, assignment.get_role_display()
    form = ButtonForm(posted(request))

    def revoke(data):
        return services.role_withdraw(actor=request.user, assignment=assignment)

    if submit(request, form, revoke, success=(
            f"{assignment.user.email} is no longer {role} at {organisation.name}.")) is not REFUSED:
        return redirect(_roles_section(organisation))
    return render_form_page(
        request, form, title=f"Revoke {assignment.user.email}'s role", submit="Revoke the role",
        back=(organisation.name, _roles_section(organisation)),
        intro=f"They stop being {role} at {organisation.name} at once. If it was their last admin role, "
              f"they are signed out everywhere.")

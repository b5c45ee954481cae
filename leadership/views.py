"""Pages. Each view is short: rows come from leadership.access, writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from leadership import (
    access,
    api_clients,
    home_sections,
    notifications,
    person_page,
    selectors,
    services,
    team,
    todo,
)
from leadership.audit import person_history
from leadership.exports import csv_response
from leadership.forms import (
    ApiClientForm,
    ButtonForm,
    NotificationPreferenceForm,
    OrganisationFilterForm,
    PeopleImportForm,
    SharingAgreementForm,
    people_filters,
)
from leadership.invitations.selectors import pending_invitation, with_login_status
from leadership.models import EMPLOYER_KINDS, FOOTPRINT_KINDS, NotificationPreference, SecurityEvent
from leadership.presenters import import_status, sharing_agreement_rows, undelivered_email
from leadership.selectors import IMPORT_BULK_FIELDS
from leadership.web import REFUSED, posted, submit

PAGE_SIZE = 25


@login_required
def home(request):
    person = access.own_person(request.user)
    managed = list(access.managed_organisations(request.user).order_by("name")[:5])
    context = {
        "person": person,
        "reports": selectors.direct_reports(person)[:10] if person else [],
        "organisation_summaries": [
            {"organisation": org, "summary": selectors.organisation_summary(org)}
            for org in managed
        ] if not access.is_national_admin(request.user) else [],
        "is_national_admin": access.is_national_admin(request.user),
        "roles": request.user.role_assignments.select_related("organisation"),
        "todos": todo.todos(request.user),
        "home_sections": home_sections.sections(request.user),
    }
    return render(request, "leadership/home.html", context)


@login_required
def my_profile(request):
    person = access.own_person(request.user)
    return render(request, "leadership/my_profile.html", {
        "person": person,
        "roles": request.user.role_assignments.select_related("organisation").order_by("role"),
    })


@login_required
def my_team(request):
    person = access.own_person(request.user)
    reports = list(selectors.direct_reports(person)) if person else []
    headings, rows = team.rows(request.user, reports)
    return render(request, "leadership/my_team.html",
                  {"person": person, "reports": reports, "headings": headings, "rows": rows})


@login_required
def people_list(request):
    form, filters = people_filters(request.GET)
    people = selectors.people_search(access.people(request.user), filters)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "leadership/people_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_import": access.managed_organisations(request.user).exists(),
        "can_invite": access.may_invite(request.user),
    })


@login_required
def people_export(request):
    form, filters = people_filters(request.GET)
    if form.is_bound and form.errors:  # never a wider download than the person asked for
        messages.error(request, "Correct the filters before downloading.")
        return redirect(f"{reverse('people_list')}?{request.GET.urlencode()}")
    people = selectors.people_search(access.people(request.user), filters)
    rows = (
        (p.employee_number, p.first_name, p.last_name, p.work_email, p.job_title,
         p.organisation.ods_code, p.line_manager.employee_number if p.line_manager else "",
         p.get_management_level_display(), p.get_band_display(), p.get_staff_group_display(),
         p.get_sector_background_display())
        for p in people.iterator(chunk_size=2000)
    )
    return csv_response("people.csv", [
        "Employee number", "First name", "Last name", "Work email", "Job title",
        "Organisation code", "Line manager employee number", "Management level", "Band",
        "Staff group", "Sector background",
    ], rows)


@login_required
def person_detail(request, public_id):
    person = access.get_or_404(
        with_login_status(access.people(request.user).select_related("organisation", "line_manager", "user")),
        public_id,
    )
    visible = access.people(request.user)
    return render(request, "leadership/person_detail.html", {
        "person": person,
        "can_open_line_manager": visible.filter(id=person.line_manager_id).exists(),
        "reports": selectors.direct_reports(person).filter(id__in=visible.values("id")),
        "history": person_history(person),
        "can_export_data": access.may_export_person_data(request.user, person),
        "can_read_development": access.development_people(request.user).filter(id=person.id).exists(),
        "sections": person_page.sections(request.user, person),
        "login_status": person.login_status,
        "may_invite": access.may_invite(request.user, person),
        "may_edit": access.manageable_people(request.user).filter(id=person.id).exists(),
        "invitation": pending_invitation(person),
    })


@login_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    q = kind = ""
    if form.is_bound and form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    organisations = selectors.organisations_search(access.organisations(request.user), q, kind)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "leadership/organisation_list.html",
                  {"form": form, "page": page, "query": query.urlencode()})


@login_required
def organisation_detail(request, ods_code):
    visible = access.organisations(request.user)
    organisation = visible.select_related("parent", "successor").filter(
        ods_code=ods_code.upper()
    ).first()
    if organisation is None:
        raise Http404
    can_manage = access.can_manage_organisation(request.user, organisation)
    shares = can_manage and organisation.kind in EMPLOYER_KINDS
    return render(request, "leadership/organisation_detail.html", {
        "organisation": organisation,
        "ancestors": selectors.organisation_ancestors(organisation),
        "children": selectors.organisation_children(visible, organisation),
        "predecessors": visible.filter(successor=organisation).order_by("name"),
        "summary": selectors.organisation_summary(organisation),
        "can_manage": can_manage,
        "may_record_mergers": access.may_record_mergers(request.user),
        "shares": shares,
        # A footprint's page leads to the comparison of the scorecards of the organisations under it.
        "compares_scorecards": access.dashboard_footprints(request.user).filter(id=organisation.id).exists(),
        "agreements": sharing_agreement_rows(selectors.sharing_agreements_given(
            access.sharing_agreements(request.user), organisation)) if shares else [],
        "role_holders": selectors.role_holders(access.role_holders(request.user, organisation)),
        "may_grant_roles": bool(access.grantable_roles(request.user, organisation)),
        "revocable": set(access.revocable_roles(request.user).filter(organisation=organisation)
                         .values_list("id", flat=True)),
    })


@login_required
def sharing_agreement_new(request, ods_code):
    trust = access.managed_organisation_or_404(request.user, ods_code)
    if trust.kind not in EMPLOYER_KINDS:  # only a trust employs staff whose records it could share
        raise Http404
    form = SharingAgreementForm(posted(request), footprints=access.footprints_above(trust))
    agreement = submit(request, form, lambda data: services.sharing_agreement_record(
        actor=request.user, trust=trust, **data,
    ), success=lambda agreement: f"{agreement.footprint.name} may now read the records you chose "
                                 f"from {agreement.valid_from:%-d %B %Y}.")
    if agreement is not REFUSED:
        return redirect("organisation_detail", ods_code=trust.ods_code)
    return render(request, "leadership/sharing_agreement_new.html", {"organisation": trust, "form": form})


@login_required
def sharing_agreement_revoke(request, public_id):
    agreement = access.get_or_404(
        access.managed_sharing_agreements(request.user).select_related("trust", "footprint"), public_id)
    form = ButtonForm(posted(request))
    revoked = submit(request, form, lambda _: services.sharing_agreement_revoke(
        actor=request.user, agreement=agreement,
    ), success=f"{agreement.footprint.name} can no longer read {agreement.trust.name}'s "
               "staff records under this agreement.")
    if revoked is not REFUSED:
        return redirect("organisation_detail", ods_code=agreement.trust.ods_code)
    return render(request, "leadership/sharing_agreement_revoke.html", {"agreement": agreement, "form": form})


@login_required
def people_import_new(request, ods_code):
    organisation = access.managed_organisations(request.user).filter(
        ods_code=ods_code.upper()
    ).first()
    if organisation is None:
        raise Http404
    form = PeopleImportForm(posted(request), request.FILES if request.method == "POST" else None)

    def start(data):
        upload = data["file"]
        return services.people_import_start(actor=request.user, organisation=organisation,
                                            file_name=upload.name, content=upload.read(), source="import")

    job = submit(request, form, start, success=lambda _: f"{request.FILES['file'].name} is being checked.")
    if job is not REFUSED:
        return redirect("people_import_detail", public_id=job.public_id)
    recent = access.imports(request.user).filter(organisation=organisation).select_related(
        "uploaded_by").defer(*IMPORT_BULK_FIELDS)[:10]
    return render(request, "leadership/people_import_new.html",
                  {"organisation": organisation, "form": form, "recent": recent})


@login_required
def people_import_detail(request, public_id):
    job = access.get_or_404(
        access.imports(request.user).select_related("organisation").defer(*IMPORT_BULK_FIELDS), public_id)
    return render(request, "leadership/people_import_detail.html",
                  {"job": job, "status": import_status(job), "errors": selectors.import_errors(job)})


@login_required
def people_import_errors(request, public_id):
    job = access.get_or_404(access.imports(request.user).defer(*IMPORT_BULK_FIELDS), public_id)
    return csv_response(f"staff-import-problems-{job.created_at:%Y-%m-%d}.csv", ["Line", "Column", "Problem"],
                        selectors.import_error_rows(job))


@login_required
def people_import_progress(request, public_id):
    job = access.get_or_404(access.imports(request.user).defer(*IMPORT_BULK_FIELDS), public_id)
    return JsonResponse({"status": job.status, **import_status(job),
                         "rows_done": job.rows_done, "rows_total": job.rows_total})




@login_required
def security_events(request):
    if not access.sees_security_log(request.user):
        raise Http404
    kind = request.GET.get("kind", "")
    events = access.security_events(request.user).select_related("user", "actor")
    if kind in SecurityEvent.Kind.values:
        events = events.filter(kind=kind)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "leadership/security_events.html", {
        "page": page, "kinds": SecurityEvent.Kind.choices, "kind": kind,
        "query": f"kind={kind}" if kind else "",
    })


@login_required
def undelivered_mail(request):
    if not access.sees_undelivered_mail(request.user):
        raise Http404
    rows = access.undelivered_notifications(request.user)
    kinds = selectors.undelivered_mail_kinds(rows)
    kind = request.GET.get("kind", "") if request.GET.get("kind") in kinds else ""
    state = request.GET.get("state", "") if request.GET.get("state") in selectors.UNDELIVERED_STATES else ""
    listed = selectors.undelivered_mail(rows, kind=kind, state=state)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(request, "leadership/undelivered_mail.html", {
        "page": page, "rows": [undelivered_email(n) for n in page.object_list], "kinds": kinds,
        "kind": kind, "states": selectors.UNDELIVERED_STATES.items(), "state": state,
        "query": urlencode({k: v for k, v in (("kind", kind), ("state", state)) if v}),
        "max_attempts": notifications.EMAIL_MAX_ATTEMPTS,
    })


def admin_login(request):
    """The Django admin signs in through allauth, so lock-out and MFA protect it the same way."""
    next_url = request.GET.get("next", "")
    if not next_url.startswith("/admin/") or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not request.user.is_staff:  # the admin would send them back here: say no instead
        raise Http404
    return redirect(next_url)


@login_required
def notification_list(request):
    notifications_qs = access.notifications(request.user)
    page = Paginator(notifications_qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "leadership/notification_list.html", {"page": page, "query": ""})


@login_required
def notification_preferences(request):
    current = NotificationPreference.objects.filter(user=request.user).values_list("email", flat=True).first()
    form = NotificationPreferenceForm(posted(request), initial={"email": current or "each"})
    saved = submit(request, form, lambda data: notifications.preference_set(
        actor=request.user, email=data["email"],
    ), success="Your email preference is saved.")
    if saved is not REFUSED:
        return redirect("notification_list")
    return render(request, "leadership/notification_preferences.html", {"form": form})


@login_required
@require_POST
def notification_open(request, public_id):
    notification = access.get_or_404(access.notifications(request.user), public_id)
    notifications.mark_read(notification=notification, actor=request.user)
    return redirect(notification.link if url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts=None) and notification.link else "notification_list")


@login_required
def api_client_list(request, ods_code):
    organisation = access.managed_organisation_or_404(request.user, ods_code)
    form = ApiClientForm(posted(request))
    created = submit(request, form, lambda data: api_clients.api_client_create(
        actor=request.user, organisation=organisation, name=data["name"], scopes=data["scopes"],
    ))
    if created is not REFUSED:  # the secret is shown once, on this response
        client, secret = created
        return render(request, "leadership/api_client_secret.html",
                      {"client": client, "secret": secret, "token_url": _token_url(request)})
    clients = access.api_clients(request.user).filter(organisation=organisation).select_related(
        "application", "created_by")
    received = selectors.sharing_agreements_received(access.sharing_agreements(request.user), organisation)
    return render(request, "leadership/api_client_list.html", {
        "organisation": organisation, "clients": clients, "form": form,
        "is_footprint": organisation.kind in FOOTPRINT_KINDS,
        "agreements": sharing_agreement_rows(received),
    })


def _token_url(request) -> str:
    return request.build_absolute_uri(reverse("api:oauth_token"))


@login_required
def api_client_rotate(request, public_id):
    client = access.get_or_404(access.api_clients(request.user).select_related(
        "application", "organisation"), public_id)
    form = ButtonForm(posted(request))
    secret = submit(request, form, lambda _: api_clients.api_client_rotate(actor=request.user, client=client))
    if secret is not REFUSED:
        return render(request, "leadership/api_client_secret.html",
                      {"client": client, "secret": secret, "token_url": _token_url(request),
                       "rotated": True})
    return render(request, "leadership/api_client_confirm.html",
                  {"client": client, "action": "rotate", "form": form})


@login_required
def api_client_revoke(request, public_id):
    client = access.get_or_404(access.api_clients(request.user).select_related(
        "application", "organisation"), public_id)
    form = ButtonForm(posted(request))
    if submit(request, form, lambda _: api_clients.api_client_revoke(actor=request.user, client=client),
              success=f"{client.application.name} was revoked. Its tokens no longer work.") is not REFUSED:
        return redirect("api_client_list", ods_code=client.organisation.ods_code)
    return render(request, "leadership/api_client_confirm.html",
                  {"client": client, "action": "revoke", "form": form})

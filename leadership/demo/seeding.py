"""Writing the demo set: only the rows that are missing, people through COPY and one INSERT ... SELECT."""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from leadership import services
from leadership.access import MFA_ROLES
from leadership.audit import audit_context
from leadership.demo import development
from leadership.demo.organisation_tree import K, OrgSpec, organisations
from leadership.demo.role_logins import DEMO_PASSWORD, DEMO_TOTP_SECRET, LoginSpec, logins
from leadership.demo.staff import EXTRA_PREFIX, PersonSpec, extra_people, people
from leadership.models import Organisation, Person, User
from leadership.security import has_mfa

STAGE_COLUMNS = ("organisation_id", "employee_number", "first_name", "last_name", "work_email",
                 "job_title", "management_level", "band", "staff_group",
                 "professional_registration", "sector_background", "manager", "user_id")
COPY_CHUNK = 50_000


def _copy_lines(people: Iterable[PersonSpec], org_ids: dict[str, int],
                user_ids: dict[str, int]) -> Iterator[str]:
    for p in people:
        user_id = user_ids.get(f"{p.ods_code}/{p.employee_number}")
        yield (
            f"{org_ids[p.ods_code]}\t{p.employee_number}\t{p.first_name}\t{p.last_name}\t"
            f"{p.work_email}\t{p.job_title}\t{p.management_level}\t{p.band}\t{p.staff_group}\t"
            f"{p.professional_registration}\t{p.sector_background}\t{p.manager or chr(92) + 'N'}\t"
            f"{user_id if user_id else chr(92) + 'N'}\n"
        )


def _person_insert_sql() -> tuple[str, list]:
    """INSERT ... SELECT from the staging table, naming every column of leadership_person."""
    known = {
        "id": "s.id", "public_id": "gen_random_uuid()", "created_at": "%s", "updated_at": "%s",
        "line_manager_id": "COALESCE(m.id, existing.id)",
        **{c: f"s.{c}" for c in STAGE_COLUMNS if c != "manager"},
    }
    now = timezone.now()
    columns, values, params = [], [], []
    for f in Person._meta.concrete_fields:
        columns.append(connection.ops.quote_name(f.column))
        if f.column in known:
            values.append(known[f.column])
            params += [now] if known[f.column] == "%s" else []
        else:  # a column added later: its model default
            values.append("%s")
            params.append(f.get_db_prep_save(f.get_default(), connection))
    # Column names come from the model's own fields; values are expressions or parameters.
    sql = (
        f"INSERT INTO leadership_person ({', '.join(columns)}) SELECT {', '.join(values)} "  # noqa: S608
        "FROM demo_person_stage s "
        "LEFT JOIN demo_person_stage m ON m.organisation_id = s.organisation_id "
        "AND m.employee_number = s.manager "
        "LEFT JOIN leadership_person existing ON existing.organisation_id = s.organisation_id "
        "AND existing.employee_number = s.manager ORDER BY s.id"
    )
    return sql, params


def insert_people(people: Iterable[PersonSpec], org_ids: dict[str, int],
                  user_ids: dict[str, int] | None = None) -> int:
    """COPY people into a staging table, then insert those not already there. Returns the count.

    Ids come from the person sequence before the insert, so each line manager is set in the same
    INSERT (one audit event per person, no follow-up UPDATE). Call inside a transaction.
    """
    lines = _copy_lines(people, org_ids, user_ids or {})
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE leadership_person IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(
            "CREATE TEMPORARY TABLE demo_person_stage (id bigint, organisation_id bigint, "
            "employee_number text, first_name text, last_name text, work_email text, "
            "job_title text, management_level text, band text, staff_group text, "
            "professional_registration text, sector_background text, manager text, "
            "user_id bigint) ON COMMIT DROP"
        )
        copy_sql = f"COPY demo_person_stage ({', '.join(STAGE_COLUMNS)}) FROM STDIN"
        while chunk := [line for _, line in zip(range(COPY_CHUNK), lines, strict=False)]:
            cursor.cursor.copy_expert(copy_sql, io.StringIO("".join(chunk)))
        cursor.execute("ANALYZE demo_person_stage")
        cursor.execute(
            "DELETE FROM demo_person_stage s USING leadership_person p "
            "WHERE p.organisation_id = s.organisation_id AND p.employee_number = s.employee_number"
        )
        cursor.execute("SELECT count(*) FROM demo_person_stage")
        (count,) = cursor.fetchone()
        if count:
            # "Ignore no trigger", in pgtrigger's own format: with the setting present, each audit
            # trigger skips the raise-and-roll-back path it takes when the setting is unset. All
            # triggers still fire and every event is written; the insert runs about 4x faster.
            cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
            cursor.execute("UPDATE demo_person_stage SET id = "
                           "nextval(pg_get_serial_sequence('leadership_person', 'id'))")
            cursor.execute(*_person_insert_sql())
        cursor.execute("DROP TABLE demo_person_stage")
    return count


def _ensure_organisations(specs: list[OrgSpec]) -> tuple[dict[str, int], int]:
    ids = dict(Organisation.objects.filter(ods_code__in=[s.ods_code for s in specs])
               .values_list("ods_code", "id"))
    missing = [s for s in specs if s.ods_code not in ids]
    added = len(missing)
    while missing:  # each wave's parents and successors exist before it is inserted
        ready = [s for s in missing if all(r is None or r in ids for r in (s.parent, s.successor))]
        if not ready:
            raise ValueError(f"Demo organisations name unknown parents: {missing}")
        created = Organisation.objects.bulk_create(
            Organisation(ods_code=s.ods_code, name=s.name, kind=s.kind, parent_id=ids.get(s.parent),
                         successor_id=ids.get(s.successor), active=s.dissolved_on is None,
                         dissolved_on=s.dissolved_on)
            for s in ready
        )
        ids.update((o.ods_code, o.id) for o in created)
        missing = [s for s in missing if s.ods_code not in ids]
    return ids, added


def _ensure_users(specs: list[LoginSpec]) -> tuple[dict[str, User], int]:
    users = {u.email: u for u in User.objects.filter(email__in=[s.email for s in specs])}
    missing = [s for s in specs if s.email not in users]
    if missing:
        password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow by design
        for spec in missing:
            users[spec.email] = User.objects.create(email=spec.email, password=password,
                                                    is_staff=spec.is_staff)
    for user in users.values():
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    for spec in specs:
        if spec.role in MFA_ROLES and not has_mfa(users[spec.email]):
            TOTP.activate(users[spec.email], DEMO_TOTP_SECRET)
    return users, len(missing)


def _link_people(specs: list[LoginSpec], users: dict[str, User], org_ids: dict[str, int]) -> None:
    """Link a login to its person if an earlier run created one without the other."""
    for spec in specs:
        if spec.person is None or Person.objects.filter(user=users[spec.email]).exists():
            continue
        person = Person.objects.filter(organisation_id=org_ids[spec.ods_code],
                                       employee_number=spec.person.employee_number,
                                       user__isnull=True).first()
        if person is not None:
            person.user = users[spec.email]
            person.save(update_fields=["user"])


@dataclass
class SeedReport:
    organisations_added: int = 0
    people_added: int = 0
    extra_people_added: int = 0
    logins_added: int = 0
    development_added: dict[str, int] = field(default_factory=dict)
    organisations_by_kind: dict[str, int] = field(default_factory=dict)
    people_total: int = 0
    extra_people_total: int = 0
    logins: list[LoginSpec] = field(default_factory=list)


@transaction.atomic
def seed(*, extra: int = 0) -> SeedReport:
    """Write whatever part of the demo set is missing, plus `extra` synthetic people."""
    report = SeedReport()
    orgs = organisations()
    base = people(orgs)
    report.logins = logins(base)
    with audit_context(actor=None, source="command"):
        org_ids, report.organisations_added = _ensure_organisations(orgs)
        users, report.logins_added = _ensure_users(report.logins)
        user_ids = {f"{s.ods_code}/{s.person.employee_number}": users[s.email].pk
                    for s in report.logins if s.person is not None}
        report.people_added = insert_people(base, org_ids, user_ids)
        _link_people(report.logins, users, org_ids)
        role_orgs = Organisation.objects.in_bulk(
            [s.ods_code for s in report.logins if s.role], field_name="ods_code")
        for spec in report.logins:
            if spec.role is not None:
                services.role_assign(actor=None, user=users[spec.email],
                                     organisation=role_orgs[spec.ods_code], role=spec.role)
        # The demo manager's team's assessments, plans and cycles, so My team has something to show.
        report.development_added = development.seed()
        if extra:
            chiefs = {p.ods_code: p.employee_number for p in base if p.job_title == "Chief Executive"}
            trusts = sorted((o.ods_code, chiefs.get(o.ods_code)) for o in orgs
                            if o.kind in (K.NHS_TRUST, K.FOUNDATION_TRUST))
            report.extra_people_added = insert_people(extra_people(trusts, extra), org_ids)
    report.organisations_by_kind = dict(
        Organisation.objects.filter(ods_code__in=org_ids).order_by()
        .values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    demo_people = Person.objects.filter(organisation_id__in=org_ids.values())
    report.people_total = demo_people.count()
    report.extra_people_total = demo_people.filter(
        employee_number__startswith=EXTRA_PREFIX).count()
    return report

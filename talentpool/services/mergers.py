"""After a merger (R13): the dissolved organisation's talent rows are re-stamped so the successor's API
clients' delta pulls bring them (leadership.events.organisation_merged, connected in TalentpoolConfig).
Rows that show a person's organisation (PersonRef) are re-stamped by person too: it changes when the
staff move, for every client that lists them (a national body's senior contracts register)."""

from django.db.models import Q

from talentpool.models import GraduateTrainee, PoolMembership, Secondment, SeniorContract, TalentPool


def on_organisation_merged(sender, *, organisation_ids, staff, stamped_at, **kwargs) -> None:
    """Inside the merger's transaction and audit context: one UPDATE per API-listed table."""
    TalentPool.objects.filter(owner_id__in=organisation_ids).update(updated_at=stamped_at)
    PoolMembership.objects.filter(Q(person__in=staff) | Q(pool__owner_id__in=organisation_ids)).update(
        updated_at=stamped_at)
    GraduateTrainee.objects.filter(person__in=staff).update(updated_at=stamped_at)
    Secondment.objects.filter(Q(organisation_id__in=organisation_ids) | Q(person__in=staff)).update(
        updated_at=stamped_at)
    SeniorContract.objects.filter(Q(organisation_id__in=organisation_ids) | Q(person__in=staff)).update(
        updated_at=stamped_at)

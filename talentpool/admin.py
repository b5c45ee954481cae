from django.contrib import admin

from leadership.admin import NationalAdminOnly
from talentpool.models import (
    GraduateCohort,
    GraduateSchemeSettings,
    PoolMembership,
    SeniorContract,
    TalentPool,
)


@admin.register(TalentPool)
class TalentPoolAdmin(NationalAdminOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "region", "owner", "active"]
    list_filter = ["kind", "active"]


@admin.register(PoolMembership)
class PoolMembershipAdmin(NationalAdminOnly, admin.ModelAdmin):
    """Read-only here: every decision goes through talentpool.services so it records who and why."""

    list_display = ["person", "pool", "status", "readiness", "consent_to_share", "last_reviewed_on"]
    list_filter = ["status", "pool__kind"]
    raw_id_fields = ["person"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(GraduateSchemeSettings)
class GraduateSchemeSettingsAdmin(NationalAdminOnly, admin.ModelAdmin):
    list_display = ["baseline_2015_intake", "target_multiplier"]


admin.site.register(GraduateCohort, type("GraduateCohortAdmin", (NationalAdminOnly, admin.ModelAdmin), {}))
admin.site.register(
    SeniorContract,
    type(
        "SeniorContractAdmin",
        (NationalAdminOnly, admin.ModelAdmin),
        {"raw_id_fields": ["person", "organisation"]},
    ),
)

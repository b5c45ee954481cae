from django.contrib import admin

from appraisal.models import Appraisal, AppraisalCycle, OrganisationScorecard, ScorecardTemplate


@admin.register(ScorecardTemplate)
class ScorecardTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "organisation", "locked", "current"]
    readonly_fields = ["family", "version", "locked"]


@admin.register(AppraisalCycle)
class AppraisalCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "opens_on", "closes_on"]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    """Read-only: appraisals change only through their steps (appraisal.services)."""

    list_display = ["appraisee", "appraiser", "cycle", "state", "band"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(OrganisationScorecard)
class OrganisationScorecardAdmin(admin.ModelAdmin):
    list_display = ["organisation", "period"]

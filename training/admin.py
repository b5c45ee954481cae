from django.contrib import admin

from training.models import Course, CourseRun, Enrolment, Evaluation, Provider, Qualification, TrainingRecord


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "accreditation_status", "accredited_until"]
    list_filter = ["kind", "accreditation_status"]
    search_fields = ["name"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "provider", "mode", "senior_qualification", "active"]
    list_filter = ["mode", "senior_qualification", "active"]
    search_fields = ["title", "code"]
    list_select_related = ["provider"]


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_on", "place", "capacity", "cancelled"]
    list_select_related = ["course"]


# Records, enrolments and ratings change through services (audit, notifications): read-only here.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "run", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["person", "run__course"]


@admin.register(TrainingRecord)
class TrainingRecordAdmin(ReadOnlyAdmin):
    list_display = ["person", "title", "status", "on"]
    list_filter = ["status", "source"]
    list_select_related = ["person"]


@admin.register(Qualification)
class QualificationAdmin(ReadOnlyAdmin):
    list_display = ["person", "name", "senior", "awarded_on"]
    list_select_related = ["person"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["course", "content", "delivery", "relevance", "created_at"]
    list_select_related = ["course"]

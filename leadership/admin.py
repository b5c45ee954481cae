from copy import copy

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from leadership import access, security, services
from leadership.models import Organisation, PeopleImport, Person, RoleAssignment, User


class NationalAdminOnly:
    """The Django admin is for national admins only (plus superusers for operations)."""

    def has_module_permission(self, request):
        return request.user.is_superuser or access.is_national_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Organisation)
class OrganisationAdmin(NationalAdminOnly, admin.ModelAdmin):
    list_display = ["ods_code", "name", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["ods_code", "name"]
    raw_id_fields = ["parent", "successor"]


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "organisation", "employee_number", "first_name", "last_name", "work_email", "job_title",
            "line_manager", "management_level", "band", "staff_group", "professional_registration",
            "sector_background", "commissioner_roles", "user", "active",
        ]

    def clean(self):
        """The same line-manager rules as everywhere else (same organisation, no loops)."""
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if organisation is not None:
            person = copy(self.instance)
            person.organisation_id = organisation.id
            services.check_line_manager(person, cleaned.get("line_manager"))
        return cleaned


@admin.register(Person)
class PersonAdmin(NationalAdminOnly, admin.ModelAdmin):
    list_display = ["employee_number", "last_name", "first_name", "organisation",
                    "management_level", "band"]
    list_filter = ["management_level", "band", "staff_group"]
    search_fields = ["employee_number", "last_name", "first_name", "work_email"]
    raw_id_fields = ["organisation", "line_manager", "user"]
    list_select_related = ["organisation"]

    form = PersonAdminForm


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    raw_id_fields = ["organisation", "created_by"]
    extra = 0


@admin.register(User)
class UserAdmin(NationalAdminOnly, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "last_login"]
    search_fields = ["email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Status", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]
    inlines = [RoleInline]

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser hands out superuser or admin access.
        return () if request.user.is_superuser else ("is_superuser", "is_staff")

    def save_formset(self, request, form, formset, change):
        """Roles change through the services, so each grant is checked and logged."""
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for assignment in formset.deleted_objects:
            services.role_revoke(actor=request.user, assignment=assignment)
        for assignment in formset.new_objects:
            services.role_assign(actor=request.user, user=form.instance,
                                 organisation=assignment.organisation, role=assignment.role)
        for assignment, _ in formset.changed_objects:
            RoleAssignment.objects.get(pk=assignment.pk).delete()
            services.role_assign(actor=request.user, user=form.instance,
                                 organisation=assignment.organisation, role=assignment.role)

    def save_model(self, request, obj, form, change):
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        if deactivating:
            obj.is_active = True  # the service makes the change, ending the user's sessions
        super().save_model(request, obj, form, change)
        if deactivating:
            security.user_deactivate(actor=request.user, user=obj)


@admin.register(PeopleImport)
class PeopleImportAdmin(NationalAdminOnly, admin.ModelAdmin):
    list_display = ["file_name", "organisation", "status", "created_at"]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = [f.name for f in PeopleImport._meta.fields if f.name != "content"]

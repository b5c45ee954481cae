"""Training pages, one module per URL group: the catalogue and its register, enrolment, records,
imports and dashboards. Rows come from training.access; every form runs through a service with
leadership.web.submit."""

from training.views.catalogue import (
    catalogue,
    course_detail,
    course_edit,
    provider_detail,
    provider_edit,
    provider_list,
    run_cancel,
    run_edit,
    run_new,
)
from training.views.dashboards import (
    dashboard_national,
    dashboard_national_export,
    dashboard_organisation,
    dashboard_organisation_export,
)
from training.views.enrolments import enrolment_cancel, enrolment_decide, enrolment_request, my_training
from training.views.imports import import_detail, import_errors, import_new, import_progress
from training.views.pathway_links import pathway_courses
from training.views.records import (
    person_training,
    record_certificate,
    record_edit,
    record_evaluate,
    record_new,
)

__all__ = [
    "catalogue", "course_detail", "course_edit", "dashboard_national", "dashboard_national_export",
    "dashboard_organisation", "dashboard_organisation_export", "enrolment_cancel", "enrolment_decide",
    "enrolment_request", "import_detail", "import_errors", "import_new", "import_progress", "my_training",
    "person_training", "provider_detail", "provider_edit", "provider_list", "record_certificate",
    "record_edit", "record_evaluate", "record_new", "run_cancel", "run_edit", "run_new",
    "pathway_courses",
]

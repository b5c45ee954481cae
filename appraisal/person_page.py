"""Appraisal's section of a person's page (leadership.person_page): national admins see when the
person may not appraise (R11) and record an exception there."""

from django.urls import reverse
from django.utils import timezone

from appraisal import access, selectors
from leadership.person_page import Section


def appraiser_section(user, person) -> Section | None:
    if not access.may_record_appraiser_exception(user):
        return None
    if selectors.appraiser_may_appraise(person, timezone.localdate()):
        return None
    return Section("Appraiser training",
                   f"{person.first_name} has not completed the appraisal-skills course: record an exception "
                   "to the appraiser-training rule",
                   reverse("appraisal:appraiser_exception_new", args=[person.public_id]))

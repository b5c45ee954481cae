"""Pages of the governance app (mounted at /governance/)."""

from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.home, name="home"),
    path("returns/", views.return_list, name="return_list"),
    path("returns/new/", views.return_new, name="return_new"),
    path("returns/overlaps/", views.overlap_list, name="overlap_list"),
    path("returns/report/", views.report, name="report"),
    path("returns/report.pdf", views.report_pdf, name="report_pdf"),
    path("returns/<uuid:public_id>/", views.return_detail, name="return_detail"),
    path("returns/<uuid:public_id>/review/", views.return_review, name="return_review"),
    path("returns/<uuid:public_id>/edit/", views.return_edit, name="return_edit"),
    path("returns/<uuid:public_id>/end/", views.return_end, name="return_end"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/pay-bands/", views.pay_rate_list, name="pay_rate_list"),
    path("assessments/pay-bands/<str:band>/", views.pay_rate_edit, name="pay_rate_edit"),
    path("assessments/<uuid:public_id>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<uuid:public_id>/decide/", views.assessment_decide, name="assessment_decide"),
    path("board/", views.position_list, name="position_list"),
    path("board/new/", views.position_new, name="position_new"),
    path("board/attest/", views.attest, name="attest"),
    path("board/<uuid:public_id>/", views.position_detail, name="position_detail"),
    path("board/<uuid:public_id>/review/", views.review_new, name="review_new"),
    path("board/<uuid:public_id>/edit/", views.position_edit, name="position_edit"),
    path("board/<uuid:public_id>/end/", views.position_end, name="position_end"),
    path("board/<uuid:public_id>/check/", views.check_new, name="check_new"),
    path("board/reviews/<uuid:public_id>/", views.review_detail, name="review_detail"),
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", views.volunteer_new, name="volunteer_new"),
    path("volunteers/<uuid:public_id>/", views.volunteer_detail, name="volunteer_detail"),
    path("volunteers/<uuid:public_id>/appoint/", views.volunteer_appoint, name="volunteer_appoint"),
]

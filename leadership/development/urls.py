"""Pages for competencies, development and the 90-day cycle (mounted at /development/)."""

app_name = "development"

urlpatterns: list = []

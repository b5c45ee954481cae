"""Pages of the appraisal app (mounted at /appraisal/ by leadership/urls.py)."""

app_name = "appraisal"

urlpatterns: list = []

"""Pages of the talentpool app (mounted at /talentpool/ by leadership/urls.py)."""

app_name = "talentpool"

urlpatterns: list = []

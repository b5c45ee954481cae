"""Pages of the training app (mounted at /training/ by leadership/urls.py)."""

app_name = "training"

urlpatterns: list = []

"""API v1 resources of communications: /api/v1/broadcasts/ (with read rates) and /api/v1/boards/
(best-practice board threads with their visible posts). Read-only, under communications:read.

A client reads the broadcasts aimed at its organisations (for an ICB, those under it) and those its
organisation sent; rates cover its organisations only, exact for its own, small numbers hidden for
the others (leadership/disclosure.py). Boards are NHS-wide: every client reads every visible thread.
"""

import django_filters as filters
from django.core.validators import RegexValidator
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from communications import access, markdown, selectors
from communications.models import BoardPost, BoardThread, Broadcast, BroadcastCategory
from leadership.api.filters import StrictFilterSet, updated_since_filter
from leadership.api.views import PublicIdViewSet, list_and_detail_schema
from leadership.models import ApiScope


class RateOut(serializers.Serializer):
    organisation = serializers.CharField(help_text="ODS code.")
    audience = serializers.IntegerField(help_text="Staff with a login the broadcast is for.")
    read = serializers.IntegerField(allow_null=True, help_text="Null when hidden (see read_hidden).")
    acknowledged = serializers.IntegerField(allow_null=True, help_text="Null when hidden or not asked for.")
    read_hidden = serializers.CharField(allow_null=True, help_text="Why the figure is hidden: small, rate.")
    acknowledged_hidden = serializers.CharField(allow_null=True)


class BroadcastOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    sender_organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True)
    body_html = serializers.SerializerMethodField(help_text="The message as sanitised HTML.")
    cascade_of = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    rates = serializers.SerializerMethodField()

    class Meta:
        model = Broadcast
        fields = [
            "id",
            "sender_organisation",
            "title",
            "category",
            "body",
            "body_html",
            "everyone",
            "organisation_kinds",
            "management_levels",
            "commissioner_roles",
            "publish_at",
            "expires_at",
            "cascade_of",
            "rates",
            "created_at",
            "updated_at",
        ]

    def get_body_html(self, broadcast) -> str:
        return str(markdown.to_html(broadcast.body))

    def get_rates(self, broadcast) -> list[dict]:
        rates = self.context.get("rates", {}).get(broadcast.id, [])
        return RateOut([rate.as_api() for rate in rates], many=True).data


class PostOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    author_organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True, allow_null=True)
    body_html = serializers.SerializerMethodField()

    class Meta:
        model = BoardPost
        fields = ["id", "author_organisation", "is_opening", "body", "body_html", "created_at"]

    def get_body_html(self, post) -> str:
        return str(markdown.to_html(post.body))


class ThreadOut(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    board = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author_organisation = serializers.SlugRelatedField(slug_field="ods_code", read_only=True, allow_null=True)
    accepted_post = serializers.SlugRelatedField(slug_field="public_id", read_only=True, allow_null=True)
    posts = PostOut(many=True, read_only=True, source="visible_posts")

    class Meta:
        model = BoardThread
        fields = [
            "id",
            "board",
            "title",
            "tags",
            "author_organisation",
            "accepted_post",
            "posts",
            "last_post_at",
            "created_at",
            "updated_at",
        ]


class BroadcastFilter(StrictFilterSet):
    category = filters.ChoiceFilter(choices=BroadcastCategory.choices)
    updated_since = updated_since_filter("broadcasts")

    class Meta:
        model = Broadcast
        fields = ["category", "updated_since"]


BOARD_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class ThreadFilter(StrictFilterSet):
    board = filters.CharFilter(
        method="filter_board", help_text="A board's slug, e.g. engaging-the-team.",
        validators=[RegexValidator(BOARD_SLUG, "Enter a board's slug: small letters, digits and hyphens.")],
    )
    updated_since = updated_since_filter("threads")

    class Meta:
        model = BoardThread
        fields = ["board", "updated_since"]

    @extend_schema_field({"type": "string", "pattern": BOARD_SLUG})
    def filter_board(self, queryset, name, value):
        return queryset.filter(board__slug=value)


@list_and_detail_schema("broadcasts", BroadcastOut, csv=False)
class BroadcastViewSet(PublicIdViewSet):
    model = Broadcast
    read_scope = ApiScope.COMMUNICATIONS_READ
    serializer_class = BroadcastOut
    filterset_class = BroadcastFilter
    csv_allowed = False

    def rows(self):
        return access.api_broadcasts(self.request).select_related("sender_organisation", "cascade_of")

    def get_serializer(self, *args, **kwargs):
        """Rates for the whole page at once (selectors.rates_by_broadcast: three queries)."""
        rows = args[0] if args else None
        if rows is not None:
            broadcasts = rows if isinstance(rows, list) else [rows]
            organisation_ids, exact_ids = access.api_rate_organisations(self.request)
            kwargs["context"] = self.get_serializer_context() | {
                "rates": selectors.rates_by_broadcast(
                    broadcasts, organisation_ids=organisation_ids, exact_ids=exact_ids
                )
            }
        return super().get_serializer(*args, **kwargs)


@list_and_detail_schema("best-practice board threads", ThreadOut, csv=False)
class ThreadViewSet(PublicIdViewSet):
    model = BoardThread
    read_scope = ApiScope.COMMUNICATIONS_READ
    serializer_class = ThreadOut
    filterset_class = ThreadFilter
    csv_allowed = False

    def rows(self):
        visible = BoardPost.objects.filter(hidden_at__isnull=True).select_related("author_organisation")
        return (
            access.api_board_threads(self.request)
            .select_related("board", "author_organisation", "accepted_post")
            .prefetch_related(
                Prefetch("posts", queryset=visible.order_by("created_at", "id"), to_attr="visible_posts")
            )
        )


def register(router) -> None:
    """Add this app's viewsets to the shared /api/v1/ router."""
    router.register("broadcasts", BroadcastViewSet, basename="broadcast")
    router.register("boards", ThreadViewSet, basename="board-thread")


extra_urlpatterns: list = []

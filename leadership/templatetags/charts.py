"""{% trend_chart trend %}: a trend over quarters as an SVG chart with its data table (leadership.charts)."""

from django import template

from leadership.charts import Trend, chart

register = template.Library()


@register.inclusion_tag("components/trend_chart.html")
def trend_chart(trend: Trend) -> dict:
    return chart(trend)

"""The quarterly data-return report as a PDF (reportlab), for the executive and non-executive teams."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from governance.selectors import QuarterReport

NHS_BLUE = colors.HexColor("#005eb8")


def _p(text, style):
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _table(rows, widths):
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def quarterly_report(report: QuarterReport) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Data returns review report, {report.label}",
        author="NHS Leadership Portal",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    story = [
        _p(f"Data returns review report, {report.label}", styles["Title"]),
        _p(
            f"{report.start:%-d %B %Y} to the end of the quarter. For the executive and non-executive teams.",
            body,
        ),
        _p(
            f"Active returns: {report.returns_total}, taking {report.hours_per_year_total:,} hours a year. "
            f"Reviews overdue: {report.overdue}. Hours saved a year by this quarter's decisions: "
            f"{report.hours_saved_per_year:,}.",
            body,
        ),
        Spacer(1, 6 * mm),
        _table(
            [["Decision", "Reviews"], *[[_p(label, body), str(count)] for label, count in report.decisions]],
            [120 * mm, 40 * mm],
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [["Return", "Reviewed", "Decision", "Hours saved a year", "Findings"]]
    rows += [
        [
            _p(r.data_return.title, body),
            f"{r.reviewed_on:%-d %b %Y}",
            _p(r.get_decision_display(), body),
            f"{r.hours_saved_per_year:,}",
            _p(r.findings, body),
        ]
        for r in report.reviews
    ]
    story.append(
        _table(rows, [40 * mm, 22 * mm, 30 * mm, 22 * mm, 60 * mm])
        if report.reviews
        else _p("No reviews were recorded in this quarter.", body)
    )
    doc.build(story)
    return buffer.getvalue()

"""The signed-off appraisal as a PDF (reportlab), for the appraisee's own records and for HR."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from appraisal import selectors
from appraisal.models import Appraisal

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


def render(appraisal: Appraisal) -> bytes:
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Appraisal of {appraisal.appraisee.full_name}",
        author="NHS Leadership Portal",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
    )
    objectives = list(appraisal.objectives.select_related("perspective"))
    score = selectors.compute_score(appraisal, objectives)
    story = [
        _p(f"Appraisal of {appraisal.appraisee.full_name}", styles["Title"]),
        _p(
            f"{appraisal.organisation.name}. Cycle {appraisal.cycle.name}. Template {appraisal.template}.",
            body,
        ),
        _p(
            f"Appraiser: {appraisal.appraiser.full_name}."
            + (
                f" Countersigning manager: {appraisal.countersigner.full_name}."
                if appraisal.countersigner
                else ""
            ),
            body,
        ),
        _p(f"Signed off {appraisal.signed_off_at:%d %B %Y}." if appraisal.signed_off_at else "", body),
        Spacer(1, 4 * mm),
        _p("Objectives", styles["Heading2"]),
        _table(
            [["Perspective", "Objective", "Measure", "Target", "Actual", "Weight", "Rating"]]
            + [
                [
                    _p(o.perspective.name, small),
                    _p(o.title, small),
                    _p(o.measure, small),
                    _p(o.target, small),
                    _p(o.actual, small),
                    f"{o.weight}%",
                    o.rating or "",
                ]
                for o in objectives
            ],
            [30 * mm, 38 * mm, 30 * mm, 22 * mm, 22 * mm, 15 * mm, 15 * mm],
        ),
        Spacer(1, 4 * mm),
        _p("Score", styles["Heading2"]),
        _table(
            [["Perspective", "Weight", "Working", "Score"]]
            + [
                [_p(p.name, small), f"{p.weight}%", _p(p.working, small), str(p.score or "")]
                for p in score.perspectives
            ],
            [45 * mm, 18 * mm, 85 * mm, 24 * mm],
        ),
        _p(
            f"Overall: {score.working}. Band: {appraisal.band}."
            + (f" Agreed at calibration: {appraisal.calibrated_band}." if appraisal.calibrated_band else ""),
            body,
        ),
    ]
    ratings = list(appraisal.competency_ratings.all())
    if ratings:
        names = dict(selectors.competencies_for_level(appraisal.level))
        story += [
            Spacer(1, 4 * mm),
            _p("Competencies", styles["Heading2"]),
            _table(
                [["Competency", "Rating"]]
                + [
                    [
                        _p(names.get(r.code, r.code), small),
                        f"{r.rating} - {selectors.COMPETENCY_SCALE[r.rating]}",
                    ]
                    for r in ratings
                ],
                [120 * mm, 52 * mm],
            ),
        ]
    for heading, text in (
        ("Self-review", appraisal.self_review),
        ("Appraiser review", appraisal.appraiser_review),
        ("Meeting notes", appraisal.meeting_notes),
    ):
        story += [_p(heading, styles["Heading2"]), _p(text, body)]
    needs = list(appraisal.agreed_needs.all())
    if needs:
        story += [_p("Agreed development needs", styles["Heading2"])] + [
            _p(f"- {n.description}", body) for n in needs
        ]
    addenda = list(appraisal.addenda.select_related("author"))
    if addenda:
        story += [_p("Addenda", styles["Heading2"])] + [
            _p(f"{a.created_at:%d %B %Y}: {a.text}", body) for a in addenda
        ]
    doc.build(story)
    return buffer.getvalue()

"""The leadership passport as a PDF (reportlab): the same sections as the page."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from communications.passport.selectors import Passport

NHS_BLUE = colors.HexColor("#005eb8")


def _p(text, style):
    return Paragraph(escape(str(text or "")), style)


def _table(header, rows, style):
    cells = [[_p(cell, style) for cell in header], *[[_p(cell, style) for cell in row] for row in rows]]
    table = Table(cells, repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), NHS_BLUE),
                               ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _section(story, heading, header, rows, styles, empty):
    story += [_p(heading, styles["Heading2"])]
    body = _table(header, rows, styles["BodyText"]) if rows else _p(empty, styles["BodyText"])
    story += [body, Spacer(1, 4 * mm)]


def render(passport: Passport) -> bytes:
    styles = getSampleStyleSheet()
    person = passport.person
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Leadership passport: {person.full_name}",
                            author="NHS Leadership Portal", leftMargin=18 * mm, rightMargin=18 * mm)
    story = [_p(f"Leadership passport: {person.full_name}", styles["Title"]),
             _p(f"{person.job_title}, {person.organisation.name} ({person.organisation.ods_code}). "
                f"Management level: {person.get_management_level_display()}.", styles["BodyText"]),
             Spacer(1, 4 * mm)]
    _section(story, "NHS values attested", ["Handbook version", "Attested", "Source"],
             [[a.version.number, f"{a.attested_at:%d %B %Y}",
               a.transferred_from or a.get_source_display()] for a in passport.values],
             styles, "No attestation recorded.")
    _section(story, "Competencies and latest ratings", ["Competency", "Rating", "From"],
             [[c["competency"], f"{c['label']} ({c['level']})", c["kind"]] for c in passport.competencies],
             styles, "No submitted assessment.")
    _section(story, "Qualifications", ["Qualification", "Awarded"],
             [[q.name, f"{q.awarded_on:%d %B %Y}"] for q in passport.qualifications],
             styles, "None recorded.")
    _section(story, "Completed management training", ["Training", "Provider", "Completed", "Hours"],
             [[r.title, r.provider_name, f"{r.on:%d %B %Y}", r.hours] for r in passport.training],
             styles, "None recorded.")
    _section(story, "Appraisal history", ["Cycle", "Organisation", "Band"],
             [[a.cycle.name, a.organisation.name, a.final_band] for a in passport.appraisals],
             styles, "No signed-off appraisal.")
    _section(story, "Talent pools", ["Pool", "Status", "Readiness"],
             [[m.pool.name, m.get_status_display(), m.get_readiness_display()] for m in passport.talent],
             styles, "Not in a talent pool.")
    doc.build(story)
    return buffer.getvalue()

"""The PDF handout: a summary page for the municipality, then a one-page profile per village, for
printing or for sending by messenger. Text is set in DejaVu Sans (bundled, so Kyrgyz ң ө ү print on
any machine); the charts are drawn by ``render`` in the system's Chromium."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from readiness import escape
from readiness.charts.style import percent_ticks
from readiness.i18n import Translator
from readiness.model import schema as s
from readiness.model.labels import FIELD_LABELS
from readiness.present.figures import deck_figure
from readiness.present.slide import VILLAGE_PREFIX, Slide

FONTS = Path(__file__).resolve().parent.parent / "fonts"
CHART_SIZE = (1000, 560)  # CSS pixels (drawn at twice that); 17 cm wide on paper
Render = Callable[[list, int, int], list[bytes]]


@cache
def _fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    return "DejaVuSans", "DejaVuSans-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=22, leading=27, spaceAfter=6),
        "headline": ParagraphStyle("headline", fontName=bold, fontSize=24, leading=28),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=16, spaceBefore=7, spaceAfter=2
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, spaceAfter=3),
        "small": ParagraphStyle(
            "small",
            fontName=regular,
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#333333"),
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape.pdf(text), style)  # text from files stays text


def _image(png: bytes) -> Image:
    width = 17 * cm
    return Image(io.BytesIO(png), width=width, height=width * CHART_SIZE[1] / CHART_SIZE[0])


def handout_pdf(slides: list[Slide], t: Translator, render: Render) -> bytes:
    """Page 1 sums up the municipality (every slide but the villages'); then one page per
    village. ``render(figures, width, height)`` draws the charts (``readiness.present.png``)."""
    styles = _styles()
    title, *rest = slides
    villages = [slide for slide in rest if slide.key.startswith(VILLAGE_PREFIX)]
    summary = [slide for slide in rest if not slide.key.startswith(VILLAGE_PREFIX)]
    ticks = percent_ticks(t.percent)
    figures = [
        deck_figure(v.chart, t.separators, percent_ticks=ticks)
        for v in villages
        if v.chart is not None
    ]
    images = iter(render(figures, *CHART_SIZE))

    story: list = [
        _p(f"{title.heading}, {title.headline}", styles["title"]),
        _p(title.message, styles["body"]),
    ]
    story += [_p(note, styles["small"]) for note in title.notes]
    said = set(title.notes)  # each definition once
    for slide in summary:
        story.append(_p(slide.heading, styles["heading"]))
        if slide.headline:
            story.append(_p(slide.headline, styles["headline"]))
        story.append(_p(slide.message, styles["body"]))
        small = styles["body"] if slide.key == "priorities" else styles["small"]
        story += [_p(note, small) for note in slide.notes if note not in said]
        said.update(slide.notes)
    story.append(_p(t("Villages"), styles["heading"]))
    story.append(_village_table(villages, t))
    for slide in villages:
        story.append(PageBreak())
        story.append(_p(slide.heading, styles["title"]))
        if slide.headline:
            story.append(
                _p(t("Ready for school: {share}", share=slide.headline), styles["headline"])
            )
        story.append(_p(slide.message, styles["body"]))
        story += [_p(note, styles["body"]) for note in slide.notes]
        story.append(Spacer(1, 0.2 * cm))
        story.append(_numbers_table(slide, t))
        story.append(Spacer(1, 0.3 * cm))
        if slide.chart is not None:
            story.append(_image(next(images)))
        story.append(_p(title.notes[0], styles["small"]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.6 * cm,
        title=escape.text(f"{title.heading}, {title.headline}"),
        author=t("Preschool readiness"),
    )
    document.build(story)
    return buffer.getvalue()


def _numbers_table(slide: Slide, t: Translator) -> Table:
    """A village's counts for the school year, each beside what it is."""
    regular, _ = _fonts()
    numbers = slide.numbers
    ready, entrants = numbers.get("grade1_ready"), numbers.get("grade1_entrants")
    not_ready = None if ready is None or entrants is None else entrants - ready
    rows = [
        (FIELD_LABELS[s.CHILDREN], numbers.get(s.CHILDREN)),
        (FIELD_LABELS[s.ENROLLED], numbers.get(s.ENROLLED)),
        (FIELD_LABELS[s.ENTRANTS], entrants),
        (FIELD_LABELS[s.READY], ready),
        (FIELD_LABELS[s.NOT_READY], not_ready),
    ]
    table = Table(
        [[t(label), t.number(value)] for label, value in rows], colWidths=[8 * cm, 3 * cm]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 10),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
            ]
        )
    )
    return table


def _village_table(villages: list[Slide], t: Translator) -> Table:
    regular, bold = _fonts()
    cell = ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    header = [t("Village"), t("Ready for school"), t("Attending preschool")]
    rows = [[_p(text, head) for text in header]]
    for slide in villages:
        numbers = slide.numbers
        texts = [
            slide.heading,
            t.rate(numbers.get("grade1_ready"), numbers.get("grade1_entrants")),
            t.rate(numbers.get("enrolled_3_6"), numbers.get("children_3_6")),
        ]
        rows.append([_p(text, cell) for text in texts])
    table = Table(rows, colWidths=[4.6 * cm, 6.2 * cm, 6.2 * cm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table

"""The deck as PowerPoint (.pptx), with native charts: the numbers stay editable in PowerPoint,
and no browser is needed to make the file."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches, Pt

from readiness import escape
from readiness.present.figures import child_shapes
from readiness.present.slide import Chart, Slide

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
TITLE_ONLY = 5  # the default template's "Title Only" layout
INK = RGBColor(0, 0, 0)
KINDS = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "hbar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def _text(slide, left, top, width, height, lines: list[tuple[str, int, bool]]) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for index, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = escape.pptx(text, limit=2_000)
        paragraph.font.size, paragraph.font.bold = Pt(size), bold
        paragraph.font.color.rgb = INK


def _number_format(chart: Chart) -> str:
    """The chart's own format (in the deck's language), else a plain one."""
    return chart.number_format or ("0%" if chart.percent else "#,##0")


def _chart(slide, chart: Chart, left, top, width, height) -> None:
    number_format = _number_format(chart)
    data = CategoryChartData(number_format=number_format)
    data.categories = [escape.pptx(c) for c in chart.categories]
    for series in chart.series:
        data.add_series(escape.pptx(series.name), list(series.values))
    graphic = slide.shapes.add_chart(KINDS[chart.kind], left, top, width, height, data).chart
    graphic.category_axis.reverse_order = chart.kind == "hbar"  # the first name on top
    graphic.has_title = True
    graphic.chart_title.text_frame.text = escape.pptx(chart.title)
    graphic.chart_title.text_frame.paragraphs[0].font.size = Pt(20)
    graphic.has_legend = len(chart.series) > 1
    if graphic.has_legend:
        graphic.legend.position = XL_LEGEND_POSITION.TOP
        graphic.legend.include_in_layout = False
        graphic.legend.font.size = Pt(16)
    axis = graphic.value_axis
    axis.minimum_scale = 0  # bars and rates start at zero
    if chart.percent or chart.top is not None:
        axis.maximum_scale = 1 if chart.percent else chart.top
    axis.tick_labels.number_format = number_format
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(14)
    graphic.category_axis.tick_labels.font.size = Pt(14)
    if chart.kind != "line":
        plot = graphic.plots[0]
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        labels.font.size, labels.font.bold = Pt(20), True


def _pictogram(slide, filled: int, left, top, width) -> None:
    scale = width / 12.0  # the ten figures span 12 units
    for shape in child_shapes(filled):
        kind = MSO_SHAPE.OVAL if shape["kind"] == "circle" else MSO_SHAPE.ROUNDED_RECTANGLE
        x0, x1 = left + Emu(int(shape["x0"] * scale)), left + Emu(int(shape["x1"] * scale))
        y0 = top + Emu(int((2.05 - shape["y1"]) * scale))
        y1 = top + Emu(int((2.05 - shape["y0"]) * scale))
        drawn = slide.shapes.add_shape(kind, x0, y0, x1 - x0, y1 - y0)
        drawn.fill.solid()
        drawn.fill.fore_color.rgb = _rgb(shape["colour"])
        drawn.line.color.rgb = INK


def deck_pptx(slides: list[Slide]) -> bytes:
    """One PowerPoint slide per slide: its heading as the title, the big figure, the message,
    the chart (native, with its numbers) or the pictogram, and the notes (also as speaker notes)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    layout = deck.slide_layouts[TITLE_ONLY]
    for item in slides:
        slide = deck.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top = Inches(0.5), Inches(0.3)
        title.width, title.height = Inches(12.3), Inches(1.0)
        title.text = escape.pptx(item.heading)
        title.text_frame.paragraphs[0].font.size = Pt(40)
        title.text_frame.paragraphs[0].font.bold = True
        left_width = Inches(5.6) if item.chart or item.pictogram is not None else Inches(12.3)
        size = 66 if item.headline and len(item.headline) <= 8 else 44
        lines = [(item.headline, size, True)] if item.headline else []
        lines.append((item.message, 24, False))
        lines += [(note, 16, False) for note in item.notes]
        _text(slide, Inches(0.5), Inches(1.4), left_width, Inches(5.8), lines)
        if item.chart is not None:
            _chart(slide, item.chart, Inches(6.3), Inches(1.4), Inches(6.7), Inches(5.6))
        elif item.pictogram is not None:
            _pictogram(slide, item.pictogram, Inches(6.4), Inches(3.0), Inches(6.5))
        notes = [escape.pptx(line, limit=2_000) for line in (item.message, *item.notes)]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()

"""Benchmark: the assembly deck for the demo data as PowerPoint (goal: under 3 s) and the PDF
handout with its charts drawn in the system's Chromium (goal: under 15 s), in each language."""

from __future__ import annotations

import io
import time

from pypdf import PdfReader

from readiness import load_workbook
from readiness.i18n import LANGUAGES, Translator
from readiness.model.places import registry
from readiness.paths import DEMO_WORKBOOK
from readiness.present.deck import build_deck, default_municipality
from readiness.present.pdf import handout_pdf
from readiness.present.png import render_png
from readiness.present.pptx import deck_pptx


def main() -> None:
    data = load_workbook(DEMO_WORKBOOK)
    municipality = default_municipality(data.villages)
    print(f"{'language':10}{'deck':>10}{'.pptx':>10}{'.pdf':>10}{'pages':>7}")
    for lang in LANGUAGES:
        t = Translator(lang)
        start = time.perf_counter()
        slides = build_deck(
            data.observations, data.villages, municipality, 2025, t, registry(), "demo.xlsx"
        )
        built = time.perf_counter()
        deck_pptx(slides)
        pptx = time.perf_counter()
        pdf = handout_pdf(slides, t, render_png)
        done = time.perf_counter()
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(
            f"{lang:10}{(built - start) * 1000:8.0f} ms{(pptx - start):9.2f} s"
            f"{(done - pptx):9.2f} s{pages:7d}"
        )


if __name__ == "__main__":
    main()

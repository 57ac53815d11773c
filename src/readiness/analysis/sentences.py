"""Plain sentences about changes, from translated templates (never glued from pieces), e.g.
"Readiness rose from 22% (58 of 263) to 49% (131 of 268). This is more than chance would explain."

Each rate has its own templates (``Measure.changes``), so that a translator can make the verb
agree with it (Russian: "готовность выросла", "охват вырос").
"""

from __future__ import annotations

from readiness.analysis.stats import Rate, Verdict
from readiness.i18n import N_, Translator
from readiness.model.measures import MEASURES

VERDICT_LABELS = {
    Verdict.IMPROVED: N_("Improved"),
    Verdict.WORSENED: N_("Worsened"),
    Verdict.NO_RELIABLE_CHANGE: N_("No reliable change"),
    Verdict.TOO_FEW: N_("Too few children to judge"),
}
VERDICT_SENTENCES = {
    Verdict.IMPROVED: N_("This is more than chance would explain."),
    Verdict.WORSENED: N_("This is more than chance would explain."),
    Verdict.NO_RELIABLE_CHANGE: N_("Chance alone could explain a change this size."),
    Verdict.TOO_FEW: N_("Too few children to judge: fewer than 20 in a period."),
}

# The project's effect beside the villages outside it, in words that do not repeat the verdict
# said of the project villages just above it.
DID_SENTENCES = {
    Verdict.IMPROVED: N_(
        "Beside the villages outside the project, the difference is {difference}, too large to "
        "be chance."
    ),
    Verdict.NO_RELIABLE_CHANGE: N_(
        "Beside the villages outside the project, the difference is {difference}, small enough "
        "to be chance."
    ),
    Verdict.TOO_FEW: N_(
        "Beside the villages outside the project, the difference is {difference}; there are too "
        "few children to judge it."
    ),
}
DID_SENTENCES[Verdict.WORSENED] = DID_SENTENCES[Verdict.IMPROVED]


def after_colon(text: str) -> str:
    """A sentence that follows a colon starts lower-case, as Kyrgyz, Russian and English write
    it: "Сёла проекта: готовность выросла…". Only for text that begins with a common word, never
    a name."""
    return text[:1].lower() + text[1:]


def rate_text(rate: Rate, t: Translator) -> str:
    """ "22% (58 of 263)", or "—" when nobody was counted."""
    return t.rate(rate.count, rate.base)


def change_sentence(measure: str, before: Rate, after: Rate, judged: Verdict, t: Translator) -> str:
    """Where the rate went, in words, followed by what the verdict means."""
    if before.base <= 0 or after.base <= 0:
        return t(VERDICT_SENTENCES[Verdict.TOO_FEW])
    shown_before, shown_after = (round(100 * r.value) for r in (before, after))
    way = "rose" if shown_after > shown_before else "fell" if shown_after < shown_before else "same"
    template = getattr(MEASURES[measure].changes, way)
    moved = t(template, before=rate_text(before, t), after=rate_text(after, t))
    return f"{moved} {t(VERDICT_SENTENCES[judged])}"


def interval_text(low: float, high: float, t: Translator) -> str:
    """A change's interval in percentage points: "from +3 to +12 p.p."."""
    return t("from {low} to {high}", low=t.points(low), high=t.points(high))


def both_periods_note(villages: int, members: int, t: Translator) -> str | None:
    """Said of a group when some of its villages did not report in both periods."""
    if villages >= members:
        return None
    return t.plural(
        "Based on the {n} village that reported both before and after.",
        "Based on the {n} villages that reported both before and after.",
        villages,
    )

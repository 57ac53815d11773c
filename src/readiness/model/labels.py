"""What each column and measure is called, and how it is defined, for the translation catalogue."""

from __future__ import annotations

from readiness.i18n import N_, Translator
from readiness.model import schema as s

FIELD_LABELS = {
    s.MUNICIPALITY: N_("Municipality"),
    s.VILLAGE: N_("Village"),
    s.YEAR: N_("School year"),
    s.SEX: N_("Sex"),
    s.CHILDREN: N_("Children aged 3-6"),
    s.ENROLLED: N_("Attending preschool"),
    s.ENTRANTS: N_("Grade 1 entrants"),
    s.READY: N_("Ready for school"),
    s.DISTRICT: N_("District"),
    s.IN_PROJECT: N_("In the project"),
    s.PROJECT_START: N_("Project start year"),
    s.LATITUDE: N_("Latitude"),
    s.LONGITUDE: N_("Longitude"),
    s.SPELLINGS: N_("Other spellings"),
    s.COVERAGE: N_("Coverage"),
    s.READINESS: N_("School readiness"),
    s.NOT_READY: N_("Children not ready"),
}

SEX_LABELS = {s.TOTAL: N_("Girls and boys"), s.GIRLS: N_("Girls"), s.BOYS: N_("Boys")}

DEFINITIONS = {
    s.COVERAGE: N_(
        "Coverage: children aged 3-6 attending any preschool programme (kindergarten or a "
        "school-preparation group), divided by all children aged 3-6 living in the village."
    ),
    s.READINESS: N_(
        "School readiness: grade 1 entrants assessed as ready for school, divided by all grade 1 "
        "entrants of that school year."
    ),
    s.NOT_READY: N_(
        "Children not ready: grade 1 entrants minus those assessed as ready for school."
    ),
}


def field_label(t: Translator, field: str) -> str:
    """The translated name of a canonical column or measure (the field itself if unknown)."""
    return t(FIELD_LABELS[field]) if field in FIELD_LABELS else field

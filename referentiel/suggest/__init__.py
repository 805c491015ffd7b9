"""Job-title and skill suggestion over the ROME 4.0 referential, in plain Python (no Django).

    records = load_records("referentiel/data")
    index = TitleIndex.build(records)
    index.search("je cherche un poste de cariste à Rungis")  # -> [Suggestion(... "Cariste" ...)]

Build an index once (about a second for the 13,000 appellations) and keep it: searching is
read-only, so one index serves every thread of a process.
"""

from .skills import SkillIndex, SkillItem, SkillSuggestion, load_occupation_skills, load_skill_items
from .titles import Record, Suggestion, TitleIndex, load_records

__all__ = [
    "Record",
    "SkillIndex",
    "SkillItem",
    "SkillSuggestion",
    "Suggestion",
    "TitleIndex",
    "load_occupation_skills",
    "load_records",
    "load_skill_items",
]

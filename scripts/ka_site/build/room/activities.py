"""What a room does together: each activity's page, its tool and whether it is sent or a quiz.

Declared once, here: the join page lists these (each with its own link and QR code), the phone's
"Send to trainer" button appears on the table activities' tools, the trainer's console starts the
quiz activities, and the room service accepts nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from calculators import REGISTRY
from calculators.drills._drill import Drill
from ka_site.pages import Lang
from ka_site.paths import language_prefix

#: A table a group fills and sends, or a drill the whole room answers as a live quiz.
Kind = Literal["table", "quiz"]


@dataclass(frozen=True)
class Activity:
    """One room activity: ``key`` names it in the room's data, ``page`` is its page's address
    (from the site's root, English; the Chinese page is under ``zh/``), ``calculator`` the tool
    on that page."""

    key: str
    kind: Kind
    page: str
    calculator: str

    @property
    def anchor(self) -> str:
        """The tool's heading on its page (docs/overrides/partials/_calculator.html)."""
        return f"ka-{self.calculator}-title"

    def url(self, site_url: str, lang: Lang, join_code: str) -> str:
        """The address a phone opens to take part: the page at its tool, the room's join code
        and, for an exercise, a blank start (a group starts from the exercise's names with no
        points, a learner from no answers).

        A tool with nothing the group gives (``Calculator.exercise`` false: the pipeline board,
        whose deals are the case the group reads and argues about, not answers it gives) opens
        at its worked example, and its link asks for no blank start.
        """
        root = site_url if site_url.endswith("/") else site_url + "/"
        prefix = language_prefix(lang)
        query = {"room": join_code}
        if REGISTRY[self.calculator].exercise:
            query["start"] = "blank"
        return f"{root}{prefix}{self.page}?{urlencode(query)}#{self.anchor}"


ACTIVITIES: tuple[Activity, ...] = (
    Activity("group-screening", "table", "workshop/group-screening/", "screening"),
    Activity("pipeline-board", "table", "workshop/pipeline-board/", "pipeline"),
    Activity("wall-worksheet", "table", "workshop/wall-worksheet/", "wall"),
    Activity("questions", "quiz", "self-check/questions/", "drill_questions"),
    Activity("grades", "quiz", "self-check/grades/", "drill_grades"),
    Activity(
        "stage-probability", "quiz", "self-check/stage-probability/", "drill_stage_probability"
    ),
    Activity("customer-first", "quiz", "self-check/customer-first/", "drill_customer_first"),
)
BY_KEY = {activity.key: activity for activity in ACTIVITIES}
#: The activity whose tables the debrief compares.
DEBRIEFED = "group-screening"


def by_calculator(slug: str) -> Activity | None:
    return next((a for a in ACTIVITIES if a.calculator == slug), None)


def drill_of(slug: str) -> Drill | None:
    """The drill behind a quiz activity's tool (its module's ``DRILL``), or None."""
    if not any(a.calculator == slug and a.kind == "quiz" for a in ACTIVITIES):
        return None
    drill = getattr(REGISTRY.module(slug), "DRILL", None)
    return drill if isinstance(drill, Drill) else None

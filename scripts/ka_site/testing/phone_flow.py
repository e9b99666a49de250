"""A group scores the group exercise's eight prospects on a phone, counting every action.

The benchmark (``scripts/bench.py --phone``) prints the count, and a browser test holds the
count and checks the bands against CPython; both drive the page through :func:`score_prospects`.
An action is what a finger does: a tap, a key press, or a scroll to bring the next control into
view (the page opens at the room's link, ``?start=blank``, which starts the exercise blank).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from calculators import REGISTRY
from ka_site.paths import language_prefix

EXERCISE_PAGE = "workshop/group-screening/"
START_BLANK = "?start=blank"
PHONE: dict[str, Any] = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@dataclass
class Actions:
    """What the group did with their fingers, by kind."""

    taps: int = 0
    keys: int = 0
    scrolls: int = 0
    #: synthetic taps the browser dropped (a touch held too long on a busy machine reads as a
    #: long press) and the driver gave again: counted apart, never in the total
    retries: int = 0
    log: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.taps + self.keys + self.scrolls


def exercise_points(lang: str) -> list[dict[str, Any]]:
    """The points the group gives: the worked example's, prospect by prospect."""
    return cast("list[dict[str, Any]]", REGISTRY["screening"].defaults(lang)["prospects"])


#: Where a control is on the screen and whether all of it shows below the page's sticky header:
#: one question to the page per tap (a hidden control has no box, and is not in view).
_PLACE = """(control) => {
  const box = control.getBoundingClientRect();
  const top = document.querySelector('.md-header')?.getBoundingClientRect().bottom ?? 0;
  const shown = box.width > 0 || box.height > 0;
  return { x: box.x, y: box.y, width: box.width, height: box.height,
           inView: shown && box.y >= top && box.y + box.height <= innerHeight };
}"""


def _tap(page: Any, locator: Any, actions: Actions, what: str, done: str) -> None:
    """A finger's tap where the control is on the screen (a scroll first, if it is not there):
    at its place, as a finger does, not through a driver that scrolls to it unasked. ``done``
    is a script that is true once the tap has had its effect."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only where it drives

    box = locator.evaluate(_PLACE)
    if not box["inView"]:
        locator.scroll_into_view_if_needed()
        actions.scrolls += 1
        actions.log.append(f"scroll to {what}")
        box = locator.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    actions.taps += 1
    actions.log.append(f"tap {what}")
    done = f"() => ({done})"  # a function: the site's policy refuses evaluating a string
    for _ in range(3):
        try:
            page.wait_for_function(done, timeout=3_000)
            return
        except PlaywrightTimeout:
            box = locator.bounding_box()
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            actions.retries += 1
            actions.log.append(f"tap {what} again (dropped by the browser)")
    page.wait_for_function(done, timeout=3_000)


def score_prospects(page: Any, base: str, lang: str, timeout: float = 90_000) -> Actions:
    """Open the exercise blank and score every prospect by tapping, one card after another.

    Returns the actions counted; the page is left with every prospect scored.
    """
    prefix = language_prefix(lang)
    page.goto(base + prefix + EXERCISE_PAGE + START_BLANK)
    widget = '.ka-calc[data-calc="screening"]'
    page.wait_for_selector(f'{widget} .ka-calc-status[data-state="todo"]', timeout=timeout)
    table = f'{widget} .ka-table[data-field="prospects"]'
    actions = Actions()
    prospects = exercise_points(lang)
    criteria = len(REGISTRY["screening"].defaults(lang)["criteria"])
    current = f"{table} tbody tr.ka-current"
    for n, prospect in enumerate(prospects):
        card = page.locator(current)
        assert card.locator('td[data-column="name"] input').input_value() == prospect["name"]
        for c in range(1, criteria + 1):
            value = prospect[f"c{c}"]
            where = f'td[data-column="c{c}"] .ka-tap[data-value="{value}"]'
            pressed = f"document.querySelector('{current} {where}')?.ariaPressed === 'true'"
            _tap(page, card.locator(where), actions, f"{prospect['name']} C{c}={value}", pressed)
        if n < len(prospects) - 1:
            following = json.dumps(prospects[n + 1]["name"])
            shown = f"""document.querySelector('{current} td[data-column="name"] input')
                        ?.value === {following}"""
            _tap(page, page.locator(f"{table} .ka-pager-next"), actions, "next", shown)
    page.wait_for_selector(f'{widget} .ka-calc-status[data-state="live"]', timeout=timeout)
    return actions

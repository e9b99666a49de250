// @ts-check
// Keyboard access to wide tables: Material wraps tables in a scrolling box; when a box really
// scrolls, it becomes focusable and named, so a keyboard can scroll it too.

import { onEveryPage } from "./material.mjs";

function focusableScrollBoxes() {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (!(box instanceof HTMLElement)) continue;
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const caption = box.querySelector("caption")?.textContent?.trim();
      box.setAttribute("aria-label", caption || document.title);
    }
  }
}

// When the page is idle: measuring the boxes then reads a layout the browser has already done,
// instead of forcing one in the middle of the page's start-up.
/** @param {() => void} run */
const whenIdle = (run) => ("requestIdleCallback" in window
  ? requestIdleCallback(run, { timeout: 1000 })
  : requestAnimationFrame(run));
// once per page load: instant navigation keeps the window, so these are never added twice
onEveryPage(() => whenIdle(focusableScrollBoxes));
window.addEventListener("resize", focusableScrollBoxes);

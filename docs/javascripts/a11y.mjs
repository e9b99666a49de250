// Keyboard access to wide tables: Material wraps tables in a scrolling box; when a box really
// scrolls, it becomes focusable and named, so a keyboard can scroll it too.

function focusableScrollBoxes() {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const caption = box.querySelector("caption")?.textContent?.trim();
      box.setAttribute("aria-label", caption || document.title);
    }
  }
}

if (window.document$) window.document$.subscribe(() => requestAnimationFrame(focusableScrollBoxes));
window.addEventListener("resize", focusableScrollBoxes);

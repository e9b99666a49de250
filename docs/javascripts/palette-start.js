// @ts-check
// Runs right after the header's light/dark switch is parsed (partials/javascripts/palette.html),
// before the page's content: the body wears the reader's stored scheme, or on a first visit the
// one the device prefers, and the switch shows the button for the other scheme, so nothing is
// restyled later. Stored as Material stores it ("__palette", with head.js's helpers), so
// Material's own pages and this one agree; palette.mjs switches on a click.

(() => {
  const inputs = document.querySelectorAll("[data-ka-palette] input[name=__palette]");
  if (!inputs.length) return;
  /** @type {{index?: unknown} | null} */
  const stored = __md_get("__palette");
  let index = stored && typeof stored.index === "number" && inputs[stored.index] ? stored.index : -1;
  if (index < 0) {
    index = 0;
    for (let i = 0; i < inputs.length; i++) {
      if (matchMedia(inputs[i].getAttribute("data-md-color-media") ?? "").matches) {
        index = i;
        break;
      }
    }
  }
  const input = inputs[index];
  if (!(input instanceof HTMLInputElement)) return;
  input.checked = true;
  for (const key of ["media", "scheme", "primary", "accent"]) {
    document.body.setAttribute(`data-md-color-${key}`, input.getAttribute(`data-md-color-${key}`) ?? "");
  }
  const label = input.nextElementSibling;
  if (label instanceof HTMLLabelElement) label.hidden = false;
})();

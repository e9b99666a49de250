// @ts-check
// The header's light/dark switch. The page already wears the reader's scheme (head.js set it
// while the page was parsed); this switches it when the reader clicks, or presses Enter on the switch, and keeps the
// choice where Material keeps it, so the next page opens in it.

import { keepSetting } from "./material.mjs";

const FORM = "[data-ka-palette]";
const SCHEME_KEYS = ["media", "scheme", "primary", "accent"];

/** @param {HTMLInputElement} input the radio of the scheme to wear */
function wear(input) {
  const inputs = [...document.querySelectorAll(`${FORM} input[name="__palette"]`)];
  const body = document.body;
  // no colour transitions while everything changes colour at once (Material's own flag)
  body.setAttribute("data-md-color-switching", "");
  /** @type {Record<string, string>} */
  const color = {};
  for (const key of SCHEME_KEYS) {
    color[key] = input.getAttribute(`data-md-color-${key}`) ?? "";
    body.setAttribute(`data-md-color-${key}`, color[key]);
  }
  for (const each of inputs) {
    const label = each.nextElementSibling;
    if (label instanceof HTMLLabelElement) label.hidden = each !== input;
  }
  keepSetting("__palette", { index: inputs.indexOf(input), color });
  requestAnimationFrame(() => requestAnimationFrame(() => body.removeAttribute("data-md-color-switching")));
}

document.addEventListener("change", (event) => {
  const input = event.target;
  if (input instanceof HTMLInputElement && input.name === "__palette" && input.closest(FORM)) wear(input);
});

// Enter on the focused switch moves to the next scheme, as Material's switch does.
document.addEventListener("keydown", (event) => {
  const input = event.target;
  if (event.key !== "Enter" || !(input instanceof HTMLInputElement) || input.name !== "__palette") return;
  const inputs = [...document.querySelectorAll(`${FORM} input[name="__palette"]`)];
  const next = inputs[(inputs.indexOf(input) + 1) % inputs.length];
  if (next instanceof HTMLInputElement) {
    event.preventDefault();
    next.click();
    next.focus();
  }
});

// @ts-check
// "Print this worksheet only": the button ka_site.build.worksheets puts at the top of each worksheet.
// The sheet it belongs to is marked, the page is marked as printing one sheet (worksheets.css
// leaves everything else off the paper), the browser's print dialog opens, and the marks go
// once printing is over. One listener on the document serves every page instant navigation
// brings in.

const MARK = "data-ka-printing";

/** Remove the marks of a sheet printed alone. */
function unmark() {
  document.body.removeAttribute(MARK);
  for (const sheet of document.querySelectorAll(`[${MARK}]`)) sheet.removeAttribute(MARK);
}

document.addEventListener("click", (event) => {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const button = target.closest("[data-ka-print-sheet]");
  if (!(button instanceof HTMLButtonElement)) return;
  const n = button.getAttribute("data-ka-print-sheet");
  const sheet = document.querySelector(`.ka-worksheet[data-ka-sheet="${n}"]`);
  if (!sheet) return;
  unmark();
  sheet.setAttribute(MARK, "");
  document.body.setAttribute(MARK, "");
  window.addEventListener("afterprint", unmark, { once: true });
  window.print();
});

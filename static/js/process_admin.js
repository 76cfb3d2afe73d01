// The idea process pages in the admin. Progressive enhancement only: every
// page works without this script.
//
// After a failed submit, move focus to the error summary, as the site's own
// forms do, so that a screen reader reads it out and a keyboard user starts
// from its links to the fields.
function focusErrorSummary() {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", focusErrorSummary);
} else {
  focusErrorSummary();
}

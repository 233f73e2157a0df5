// Progressive enhancement only: every page works without this file.
// Move focus to a form's error summary, so keyboard and screen reader users meet it first.
var errorSummary = document.querySelector("[data-error-summary]");
if (errorSummary) errorSummary.focus();

// Escape in a search box closes its suggestions (search.js) but never clears what was
// typed, which browsers otherwise do, so that Enter then still searches for it.
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape" && event.target.matches && event.target.matches("input[type=search]")) {
    event.preventDefault();
  }
});

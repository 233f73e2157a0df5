// Progressive enhancement only: every page works without this file.
// Move focus to a form's error summary, so keyboard and screen reader users meet it first.
var errorSummary = document.querySelector("[data-error-summary]");
if (errorSummary) errorSummary.focus();

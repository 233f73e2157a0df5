// The page editor, made to fit the content (casestudies/admin_panels.py). Loaded into
// every Wagtail editor by casestudies/wagtail_hooks.py; without it the forms still work.
(function () {
  "use strict";

  // An inline row (a speaker, a lesson, a source) is titled by its [data-panel-title]
  // field, as the editor types; "Speaker 2" stays only while the field is empty.
  function titleRow(input) {
    var row = input.closest("[data-inline-panel-child]");
    var heading = row && row.querySelector("[data-panel-heading-text]");
    if (!heading) return;
    if (!heading.dataset.defaultTitle) {
      heading.dataset.defaultTitle = heading.textContent.trim();
    }
    var title = input.value.trim();
    var count = heading.querySelector("[data-inline-panel-child-count]");
    var text = heading.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) {
      text = heading.insertBefore(document.createTextNode(""), heading.firstChild);
    }
    text.data = title || heading.dataset.defaultTitle.replace(/\s*\d+$/, "");
    if (count) count.hidden = Boolean(title);
  }

  // Rows that already hold something start collapsed; a row with an error stays open.
  function collapseFilledRows() {
    document.querySelectorAll("[data-inline-panel-child]").forEach(function (row) {
      var input = row.querySelector("[data-panel-title]");
      if (!input || !input.value.trim()) return;
      if (row.querySelector(".error-message, .w-field--error, [aria-invalid=true]")) return;
      var toggle = row.querySelector("[data-panel-toggle]");
      if (toggle && toggle.getAttribute("aria-expanded") === "true") toggle.click();
    });
  }

  // Wagtail's tag field builds its own text box with no label: give it the field's.
  function labelTagInputs() {
    document.querySelectorAll("ul.tagit").forEach(function (list) {
      var box = list.querySelector("input.ui-autocomplete-input");
      var original = list.previousElementSibling;
      if (!box || box.hasAttribute("aria-labelledby") || !original || !original.id) return;
      var label = document.getElementById(original.id + "-label") ||
        document.querySelector("label[for='" + original.id + "']");
      if (!label) return;
      if (!label.id) label.id = original.id + "-label";
      box.setAttribute("aria-labelledby", label.id);
    });
  }

  // Organisations (OrganisationsInput): the search box narrows the list of checkboxes;
  // chosen organisations always stay in view.
  function filterOrganisations(widget) {
    var query = widget.querySelector("[data-organisations-query]").value.trim().toLowerCase();
    var options = widget.querySelectorAll("[data-organisations-list] label");
    var shown = 0;
    var chosen = 0;
    options.forEach(function (label) {
      var checked = label.querySelector("input").checked;
      var match = checked || !query || label.textContent.toLowerCase().indexOf(query) !== -1;
      (label.parentElement.tagName === "DIV" ? label.parentElement : label).hidden = !match;
      if (match) shown += 1;
      if (checked) chosen += 1;
    });
    widget.querySelector("[data-organisations-shown]").textContent = query
      ? shown + " of " + options.length + " organisations shown, " + chosen + " chosen."
      : options.length + " organisations, " + chosen + " chosen.";
  }

  function setUpOrganisations() {
    document.querySelectorAll("[data-organisations-input]").forEach(function (widget) {
      widget.querySelector("[data-organisations-search]").hidden = false;
      widget.classList.add("organisations-input--searchable");
      filterOrganisations(widget);
    });
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches("[data-panel-title]")) titleRow(target);
    if (target.matches("[data-organisations-query]")) {
      filterOrganisations(target.closest("[data-organisations-input]"));
    }
  });
  document.addEventListener("change", function (event) {
    var widget = event.target.closest && event.target.closest("[data-organisations-input]");
    if (widget && event.target.type === "checkbox") filterOrganisations(widget);
  });
  // Enter in the organisation search must not submit the page.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches("[data-organisations-query]")) {
      event.preventDefault();
    }
  });

  function start() {
    document.querySelectorAll("[data-panel-title]").forEach(titleRow);
    collapseFilledRows();
    labelTagInputs();
    setUpOrganisations();
    // Tag fields and new rows appear after load.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        labelTagInputs();
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  // After Wagtail's own start-up, which wires the panels' toggles.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { window.setTimeout(start, 0); });
  } else {
    window.setTimeout(start, 0);
  }
})();

// The search page, enhanced: facets and sort apply as soon as they change, and the search
// box offers titles as you type. Without this file the page works with its buttons.
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  var FOCUS_KEY = "search-focus";

  // Facets apply on change (the results change, nothing else on the page moves); the sort
  // applies with its button, so choosing with the arrow keys never reloads the page.
  form.querySelectorAll("[data-apply-filters]").forEach(function (button) {
    button.hidden = true;
  });
  form.addEventListener("change", function (event) {
    if (!event.target.matches(".facet input[type=checkbox]")) return;
    focusResultsNext();
    submitClean();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    focusResultsNext();
    submitClean();
  });
  // After removing a filter or turning a page, focus goes to the results heading too.
  document.querySelectorAll("[data-selected-filters] a, .pagination a").forEach(function (link) {
    link.addEventListener("click", focusResultsNext);
  });

  // The page reloads: say where focus goes once it has (the heading that announces the
  // new total), unless the search box was used, which keeps the usual start of the page.
  function focusResultsNext() {
    if (document.activeElement && document.activeElement.matches("input[type=search]")) return;
    try {
      sessionStorage.setItem(FOCUS_KEY, "results-title");
    } catch (error) {
      // Storage may be switched off; focus then starts at the top of the page.
    }
  }

  // On narrow screens the facets fold behind a "Filter results" button, so that the count
  // and the first results come first.
  var panel = form.querySelector("[data-facets]");
  var toggle = form.querySelector("[data-facets-toggle]");
  if (panel && toggle) {
    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");
    panel.classList.add("facets--folded");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      panel.classList.toggle("facets--folded", !open);
    });
  }

  // Submit as a GET, leaving out an empty query and the default sort, so that the URL
  // says only what was chosen.
  function submitClean() {
    var params = new URLSearchParams(new FormData(form));
    if (!params.get("q")) params.delete("q");
    if (params.get("sort") === "relevance") params.delete("sort");
    var query = params.toString();
    window.location.assign(form.getAttribute("action") + (query ? "?" + query : ""));
  }
  try {
    var focusId = sessionStorage.getItem(FOCUS_KEY);
    sessionStorage.removeItem(FOCUS_KEY);
    var toFocus = focusId && document.getElementById(focusId);
    if (toFocus) {
      if (!toFocus.hasAttribute("tabindex")) toFocus.setAttribute("tabindex", "-1");
      toFocus.focus();
    }
  } catch (error) {
    // As above.
  }

  // Opened results are counted for the editors' insights (search/insights.py), with
  // nothing about the person. Without this script the links' `ping` does it where the
  // browser allows; here a beacon does it in every browser, once.
  if (navigator.sendBeacon) {
    document.querySelectorAll("a[data-search-opened]").forEach(function (link) {
      var opened = link.getAttribute("ping");
      link.removeAttribute("ping");
      function send(event) {
        if (event.type === "auxclick" && event.button !== 1) return;
        navigator.sendBeacon(opened);
      }
      link.addEventListener("click", send);
      link.addEventListener("auxclick", send);
    });
  }

  var input = form.querySelector("[data-autocomplete]");
  if (input && window.fetch) autocomplete(input, input.getAttribute("data-autocomplete"));

  // An ARIA combobox: the box keeps focus, the arrow keys move through the titles, Enter
  // opens the chosen one and Escape closes the list.
  function autocomplete(input, url) {
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    list.id = input.id + "-suggestions";
    list.className = "autocomplete";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.classList.add("autocomplete__wrapper");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        // Positions run from -1 (the box itself) to the last option, and wrap round.
        var step = event.key === "ArrowDown" ? 1 : -1;
        var positions = options.length + 1;
        select(((active + 1 + step + positions) % positions) - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options[active].url);
      } else if (event.key === "Escape") {
        event.preventDefault(); // close the list, keep the words
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    function load() {
      var text = input.value.trim();
      var request = ++latest;
      if (text.length < 2) return close();
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (suggestions) {
          if (request === latest) show(suggestions);
        })
        .catch(close);
    }

    function show(suggestions) {
      options = suggestions;
      active = -1;
      list.textContent = "";
      suggestions.forEach(function (suggestion, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = suggestion.text;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(suggestion.url);
        });
        list.appendChild(option);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      status.textContent = suggestions.length
        ? suggestions.length + " suggestion" + (suggestions.length === 1 ? "" : "s") +
          " available: use the up and down arrows to choose one."
        : "";
    }

    function select(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (option, position) {
        option.setAttribute("aria-selected", String(position === index));
      });
      if (index >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + index);
      else input.removeAttribute("aria-activedescendant");
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
  }
})();

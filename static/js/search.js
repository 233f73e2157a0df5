// A faceted listing, enhanced: a ticked filter updates the results in place (the panel
// stays open and focus stays on the checkbox), the new total is announced, and the search
// box offers titles as you type. Without this file the page works with its buttons.
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  var FOCUS_KEY = "search-focus";
  var panel = form.querySelector("[data-facets]");
  var toggle = form.querySelector("[data-facets-toggle]");
  var status = form.querySelector("[data-results-status]");
  var live = Boolean(window.fetch && window.DOMParser && window.history.replaceState);
  var latest = 0;

  form.addEventListener("change", function (event) {
    if (!event.target.matches(".facet input[type=checkbox]")) return;
    if (live) update();
    else navigate();
  });
  // "Apply filters" (shown on narrow screens) applies and closes the panel; the search
  // box and the sort load the page anew, as without this file.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (live && event.submitter && event.submitter.matches("[data-apply-filters]")) {
      update().then(function () {
        setOpen(false);
        document.getElementById("results-title").focus();
      });
      return;
    }
    navigate();
  });
  // Removing a filter or turning a page loads the page; focus then goes to the heading.
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-selected-filters] a, .pagination a")) focusResultsNext();
  });

  // On narrow screens the panel folds behind "Filters" (search.css, from the first paint);
  // the button only opens and closes it.
  if (panel && toggle) {
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
  }

  function setOpen(open) {
    if (!panel || !toggle) return;
    toggle.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("facets--open", open);
  }

  // The URL of the form as it stands, leaving out an empty query and the default sort, so
  // that it says only what was chosen.
  function currentUrl() {
    var params = new URLSearchParams(new FormData(form));
    if (!params.get("q")) params.delete("q");
    if (params.get("sort") === "relevance") params.delete("sort");
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function navigate() {
    focusResultsNext();
    window.location.assign(currentUrl());
  }

  // Fetch the page the form now describes and take its results, facet counts and title.
  // Only the answer to the latest change is used, so quick ticks never undo each other;
  // if anything goes wrong, the page is loaded as without this file.
  function update() {
    var url = currentUrl();
    var request = ++latest;
    return fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("The listing answered " + response.status + ".");
        return response.text();
      })
      .then(function (html) {
        if (request !== latest) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        swap(fresh);
        window.history.replaceState(null, "", url);
        document.title = fresh.title;
        status.textContent = document.getElementById("results-title").textContent.trim();
      })
      .catch(function () {
        window.location.assign(url);
      });
  }

  // Replace each part marked data-swap with the fresh page's, then give focus back to the
  // element that had it (the checkbox just ticked, or wherever the person has moved on to).
  function swap(fresh) {
    var focusedId = document.activeElement && document.activeElement.id;
    form.querySelectorAll("[data-swap]").forEach(function (part) {
      var name = part.getAttribute("data-swap");
      var replacement = fresh.querySelector('[data-swap="' + name + '"]');
      if (replacement) part.innerHTML = replacement.innerHTML;
    });
    var again = focusedId && document.getElementById(focusedId);
    if (again && again !== document.activeElement) again.focus();
    countOpens(form);
  }

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
  try {
    var focusId = sessionStorage.getItem(FOCUS_KEY);
    sessionStorage.removeItem(FOCUS_KEY);
    var toFocus = focusId && document.getElementById(focusId);
    if (toFocus) toFocus.focus();
  } catch (error) {
    // As above.
  }

  // Opened results are counted for the editors' insights (search/insights.py), with
  // nothing about the person. Without this script the links' `ping` does it where the
  // browser allows; here a beacon does it in every browser, once. The ping is absolute
  // (SITE_BASE_URL); the beacon goes to this page's own origin, which the Content
  // Security Policy's connect-src allows.
  countOpens(form);
  function countOpens(root) {
    if (!navigator.sendBeacon) return;
    root.querySelectorAll("a[data-search-opened][ping]").forEach(function (link) {
      var ping = new URL(link.getAttribute("ping"), window.location.href);
      var opened = ping.pathname + ping.search;
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

// The contribution form, with JavaScript: save as the member types (debounced), show
// "Saved at 14:02" in a live region, refresh the server-rendered preview and the similar
// case studies; "Add another" adds a blank row of outcomes, lessons, sources or partners.
// Without JavaScript the form's own buttons do all of this (saving brings blank rows).
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-autosave-status]");
  var base = form.querySelector("[data-base-revision]");
  var preview = document.querySelector("[data-preview]");
  var similar = document.querySelector("[data-similar]");
  var DELAY = 1500;
  var timer = null;
  var saving = false;
  var again = false;
  var stopped = false;

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle("contribute__status--error", !!isError);
  }

  // Saved, except these boxes: each named, with a link to it, so the member can put it
  // right while everything else keeps being saved.
  function notSaved(problems) {
    status.appendChild(document.createTextNode(", except: "));
    problems.forEach(function (problem, index) {
      if (index) status.appendChild(document.createTextNode("; "));
      var text = problem.label ? problem.label + ": " + problem.message : problem.message;
      if (problem.id) {
        var link = document.createElement("a");
        link.href = "#" + problem.id;
        link.textContent = text;
        link.addEventListener("click", function (event) {
          var box = document.getElementById(problem.id);
          if (!box) return;
          event.preventDefault();
          var closed = box.closest("details:not([open])");
          if (closed) closed.open = true;
          box.focus();
        });
        status.appendChild(link);
      } else {
        status.appendChild(document.createTextNode(text));
      }
    });
    status.classList.add("contribute__status--error");
  }

  function showSimilar(items) {
    if (!similar) return;
    similar.textContent = "";
    if (!items.length) {
      var none = document.createElement("li");
      none.textContent = "None found yet.";
      similar.appendChild(none);
      return;
    }
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      similar.appendChild(li);
    });
  }

  function keepRefused(text) {
    // The server refused a stale save: keep the member's text on the page, beside the form.
    var box = document.getElementById("refused-text");
    if (!box) {
      var notice = document.createElement("div");
      notice.className = "notice contribute__conflict";
      notice.innerHTML = '<p class="notice__title">Your text that was not saved</p>' +
        '<label class="label" for="refused-text">Copy what you need from it, then reload the page to see the latest saved version.</label>' +
        '<textarea id="refused-text" rows="8" readonly></textarea>';
      form.parentNode.insertBefore(notice, form);
      box = document.getElementById("refused-text");
    }
    box.value = text;
  }

  function signedOut(signInUrl) {
    // The session has ended: say so, and offer a sign-in that comes back to this draft,
    // in another tab so that nothing typed here is lost.
    say("You have been signed out, so this was not saved. ", true);
    var link = document.createElement("a");
    link.href = signInUrl || form.dataset.signIn + "?next=" + encodeURIComponent(window.location.pathname);
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = "Sign in again (opens in a new tab)";
    status.appendChild(link);
    status.appendChild(document.createTextNode(", then keep typing here: nothing on this page is lost."));
  }

  function addRow(rows) {
    var total = rows.querySelector("input[name$='-TOTAL_FORMS']");
    var list = rows.querySelector("[data-rows-list]");
    var index = parseInt(total.value, 10);
    var html = rows.querySelector("[data-rows-template]").innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    var row = list.lastElementChild;
    row.querySelector("[data-row-number]").textContent = String(index + 1);
    total.value = String(index + 1);
    var max = rows.querySelector("input[name$='-MAX_NUM_FORMS']");
    if (max && index + 1 >= parseInt(max.value, 10)) rows.querySelector("[data-rows-add]").hidden = true;
    var first = row.querySelector("input, textarea");
    if (first) first.focus();
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-rows]"), function (rows) {
    var add = rows.querySelector("[data-rows-add]");
    add.hidden = false;
    rows.querySelector("[data-rows-more]").hidden = true;
    add.querySelector("button").addEventListener("click", function () { addRow(rows); });
  });

  function freshToken() {
    // Signing in again (in another tab) changes the CSRF token: use the current one, for
    // this save and for the form's own buttons.
    var token = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var field = form.querySelector("[name=csrfmiddlewaretoken]");
    if (token && field) field.value = decodeURIComponent(token[1]);
  }

  form.addEventListener("submit", freshToken);

  function save() {
    if (stopped) return;
    if (saving) { again = true; return; }
    saving = true;
    say("Saving…");
    freshToken();
    var body = new FormData(form);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual"
    }).then(function (response) {
      if (response.status === 401) {
        return response.json().then(function (answer) { signedOut(answer.sign_in_url); });
      }
      if (response.type === "opaqueredirect" || response.status === 403) {
        signedOut(null);
        return null;
      }
      return response.json().then(function (answer) {
        if (preview && typeof answer.preview === "string") preview.innerHTML = answer.preview;
        if (answer.similar) showSimilar(answer.similar);
        if (answer.saved) {
          base.value = answer.revision;
          if (form.dataset.autosave !== answer.autosave_url) {
            form.dataset.autosave = answer.autosave_url;
            form.action = answer.edit_url;
            window.history.replaceState(null, "", answer.edit_url);
          }
          say("Saved at " + answer.saved_at);
          if (answer.not_saved && answer.not_saved.length) notSaved(answer.not_saved);
        } else if (answer.message) {
          say(answer.message, true);
          if (response.status === 409) {
            stopped = true;
            if (answer.refused_text !== undefined) keepRefused(answer.refused_text);
          }
        }
      });
    }).catch(function () {
      say("Not saved: the site could not be reached. Keep this page open and try again.", true);
    }).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "website") return;
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  });
})();

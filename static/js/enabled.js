// Loaded in the head, before the first paint: tells the CSS that scripts run, so that
// what they enhance (the folding filters of a listing) is drawn in its final state at once.
document.documentElement.classList.add("js-enabled");

/* Soft Power Reader: tap and Escape for annotation popovers (see annotations.css).
 *
 * Hover and keyboard focus need no script. This adds what CSS cannot do: a tap (or click)
 * on the words keeps the tip open until the next tap elsewhere, and Escape hides an open
 * tip. Listeners sit on the document, which Material's instant navigation keeps while it
 * swaps the page content, so they work on every page without re-binding. */
(function () {
  "use strict";
  if (window.__readerAnnotations) return;
  window.__readerAnnotations = true;

  var OPEN = "annotation--open";
  var DISMISSED = "annotation--dismissed";

  function closest(target, selector) {
    return target && target.closest ? target.closest(selector) : null;
  }

  function closeAll(except) {
    var open = document.querySelectorAll(".annotation." + OPEN);
    for (var i = 0; i < open.length; i++) {
      if (open[i] !== except) open[i].classList.remove(OPEN);
    }
  }

  document.addEventListener("click", function (event) {
    var trigger = closest(event.target, ".annotation__trigger");
    if (trigger) {
      var annotation = trigger.parentElement;
      var opening = !annotation.classList.contains(OPEN);
      closeAll(annotation);
      annotation.classList.toggle(OPEN, opening);
      annotation.classList.remove(DISMISSED);
      return;
    }
    if (!closest(event.target, ".annotation__tip")) closeAll(null);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var shown = document.querySelectorAll(
      ".annotation:hover, .annotation:focus-within, .annotation." + OPEN
    );
    for (var i = 0; i < shown.length; i++) {
      shown[i].classList.remove(OPEN);
      shown[i].classList.add(DISMISSED);
    }
  });

  function undismiss(event) {
    var annotation = closest(event.target, ".annotation");
    if (annotation && !annotation.contains(event.relatedTarget)) {
      annotation.classList.remove(DISMISSED);
    }
  }
  document.addEventListener("focusout", undismiss);
  document.addEventListener("mouseout", undismiss);
})();

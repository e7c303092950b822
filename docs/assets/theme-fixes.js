/* Accessibility fix to the theme's own markup (found by axe-core in the browser tests):
   Material's search dialog has role="dialog" but no accessible name. Naming it here keeps
   the theme's templates unmodified, so an upgrade of the theme does not undo the fix. */
(function () {
  "use strict";
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", "Search");
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();

/* Soft Power Reader — "Keep this edition offline" (the online edition as a web app).
 *
 * The service worker (sw.js, written by `reader site` with Workbox; reader.app.webapp)
 * precaches every page, asset and the search index. It is registered only when the
 * reader asks, with the footer's button; from then on the browser checks for a new
 * version at each visit, installs it beside the one in use and this script shows a
 * notice to switch to it. Nothing happens on file:// (the offline zip) or in a browser
 * without service workers: the button stays hidden.
 */
(function () {
  "use strict";

  var box, button, status;

  function base() {
    var el = document.getElementById("__config");  // Material's config: { base: "../.." }
    var data = {};
    try { data = JSON.parse(el ? el.textContent : "{}"); } catch (e) { data = {}; }
    return new URL((data.base || ".") + "/", location.href);
  }

  function say(text) { if (status) status.textContent = text; }

  function ask(worker, type) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data || {}); };
      worker.postMessage({ type: type }, [channel.port2]);
      setTimeout(function () { resolve({}); }, 3000);
    });
  }

  function kept(version) {
    button.hidden = true;
    say("This edition" + (version ? " (version " + version + ")" : "") +
      " is kept offline in this browser: it reads, searches and cites without a network.");
    box.classList.add("is-kept");
  }

  function offerUpdate(worker) {
    ask(worker, "GET_VERSION").then(function (edition) {
      var notice = document.createElement("div");
      notice.className = "reader-update";
      notice.setAttribute("role", "status");
      var text = document.createElement("span");
      text.textContent = "A new version" + (edition.version ? " (" + edition.version + ")" : "") +
        " of the edition is available.";
      var reload = document.createElement("button");
      reload.type = "button";
      reload.textContent = "Reload to read it";
      reload.addEventListener("click", function () {
        navigator.serviceWorker.addEventListener("controllerchange", function () {
          location.reload();
        });
        worker.postMessage({ type: "SKIP_WAITING" });
      });
      notice.appendChild(text);
      notice.appendChild(reload);
      document.body.appendChild(notice);
    });
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) {
      offerUpdate(registration.waiting);
    }
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", function () {
        if (worker.state !== "installed") return;
        if (navigator.serviceWorker.controller) offerUpdate(worker);
        else ask(worker, "GET_VERSION").then(function (e) { kept(e.version); });
      });
    });
  }

  function keep() {
    button.disabled = true;
    say("Saving every page, asset and the search index…");
    navigator.serviceWorker.register(new URL("sw.js", base()).href, { updateViaCache: "none" })
      .then(function (registration) {
        watch(registration);
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        return ask(registration.active, "GET_VERSION");
      })
      .then(function (edition) { kept(edition.version); })
      .catch(function (error) {
        button.disabled = false;
        say("Could not keep the edition offline: " + error.message);
      });
  }

  function init() {
    box = document.querySelector(".reader-keep");
    if (!box || !("serviceWorker" in navigator) || !window.isSecureContext) return;
    button = box.querySelector(".reader-keep__button");
    status = box.querySelector(".reader-keep__status");
    box.hidden = false;
    button.addEventListener("click", keep);
    navigator.serviceWorker.getRegistration(base().href).then(function (registration) {
      if (!registration) return;
      watch(registration);
      if (registration.active) ask(registration.active, "GET_VERSION").then(function (e) {
        kept(e.version);
      });
      registration.update().catch(function () { /* offline: keep what is cached */ });
    });
  }

  init();
})();

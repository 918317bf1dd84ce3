/* Keep a quiz attempt's answers as the learner goes: save them in the
   background when a control changes (after a short pause) and when the page
   is hidden or left, so answers chosen before leaving are not lost.
   Progressive: without JavaScript the Save button (and Enter) still save.
   It only ever sends action=save, never finishes; the header asks the server
   for a bare 204 instead of a message and a redirect. One save at a time, in
   order: a change made while one is sending is sent after it ends. */
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var sending = false;
  var pending = false;
  var submitting = false;
  var timer = null;
  var saved = null;
  // Not form.action: the buttons named "action" shadow that property.
  var url = new URL(form.getAttribute("action"), document.baseURI).href;

  function snapshot() {
    var data = new FormData(form);
    data.set("action", "save");
    return data;
  }

  function signature(data) {
    var parts = [];
    data.forEach(function (value, name) {
      parts.push(name + "=" + value);
    });
    return parts.join("&");
  }

  function save() {
    clearTimeout(timer);
    if (submitting) {
      return;
    }
    if (sending) {
      pending = true;
      return;
    }
    var data = snapshot();
    var key = signature(data);
    if (key === saved) {
      return;
    }
    sending = true;
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      keepalive: true,
      headers: { "X-Background-Save": "1" }
    }).then(function (response) {
      if (response.ok) {
        saved = key;
      }
    }, function () {}).then(function () {
      sending = false;
      if (pending) {
        pending = false;
        save();
      }
    });
  }

  saved = signature(snapshot());
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
  form.addEventListener("submit", function () {
    // The learner pressed a button: the form itself saves or finishes.
    submitting = true;
    clearTimeout(timer);
  });
  window.addEventListener("pageshow", function (event) {
    // Back from the confirmation page (the page kept in memory): save again.
    if (event.persisted) {
      submitting = false;
    }
  });
  window.addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save();
    }
  });
})();

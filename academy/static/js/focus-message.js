/* After a form error or an action that reloaded the page, move the focus to
   the message so that a screen reader reads it and a keyboard user starts
   from it. Progressive: without JavaScript the page title says "Error: ".
   A page opened at a #fragment keeps its place (the message still has a
   live role). */
(function () {
  "use strict";
  var message = document.querySelector(".error-summary, .flashes");
  if (message && !window.location.hash) {
    message.focus();
  }
})();

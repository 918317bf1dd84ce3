// Registration: tell the server the browser's time zone (an IANA name), so
// dates can be shown in it when the country has several zones. Optional:
// without scripts the field stays empty and the country or UTC decides.
(function () {
  var field = document.getElementById("time_zone");
  if (!field || field.value || !window.Intl) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
})();

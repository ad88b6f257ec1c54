// Small niceties only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  // choice forms (sex, period type, breakdown) update as soon as a choice changes
  document.querySelectorAll("form.auto").forEach(function (form) {
    form.querySelectorAll("input[type=radio], select").forEach(function (input) {
      input.addEventListener("change", function () { form.submit(); });
    });
    var button = form.querySelector("button[type=submit]");
    if (button) { button.hidden = true; }
  });
  // confirmation before irreversible admin actions
  document.querySelectorAll("form[data-bekrafta]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-bekrafta"))) { event.preventDefault(); }
    });
  });
});

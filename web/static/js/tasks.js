/* Lintas — task and start forms: add and remove rows of repeating groups in place, and bring the
   error summary into view when a form comes back with errors. Without this file the "Tambah baris"
   and "Hapus" buttons submit the form and the server redraws it (forms/README.md). */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.lintas-tambah, button.lintas-hapus");
    if (!button) { return; }
    if (button.classList.contains("lintas-hapus")) {
      event.preventDefault();
      var row = button.closest(".lintas-baris");
      var group = row && row.closest("[data-lintas-ulang]");
      if (row) { row.remove(); }
      var add = group && group.querySelector("button.lintas-tambah");
      if (add) { add.focus(); }
      return;
    }
    var holder = button.closest("[data-lintas-ulang]");
    if (!holder) { return; }
    var template = holder.querySelector(":scope > template");
    var list = holder.querySelector(":scope > .lintas-daftar-baris");
    if (!template || !list) { return; }
    if (list.children.length >= Number(template.dataset.lintasMaks)) { return; }   // the server says why
    event.preventDefault();
    var next = Number(template.dataset.lintasBerikut);
    template.dataset.lintasBerikut = String(next + 1);
    list.insertAdjacentHTML("beforeend", template.innerHTML.split(template.dataset.lintasSlot).join(String(next)));
    var first = list.lastElementChild && list.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".lintas-ringkasan-galat");
    if (summary) { summary.focus(); }
  });
})();

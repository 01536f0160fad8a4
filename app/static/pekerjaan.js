/* Status page of a background job: poll the JSON endpoint, move the bar, reload once it has ended
   (the server then renders the result: download button, summary or per-row errors). No CDN. */
(function () {
  var el = document.getElementById("pekerjaan");
  if (!el || el.getAttribute("data-akhir") === "ya") { return; }
  var url = el.getAttribute("data-status-url");
  var bar = document.getElementById("pekerjaan-bar");
  var persen = document.getElementById("pekerjaan-persen");
  var tahap = document.getElementById("pekerjaan-tahap");
  var status = document.getElementById("pekerjaan-status");
  var jeda = 700;

  function tampil(d) {
    bar.style.width = d.progres + "%";
    bar.setAttribute("aria-valuenow", d.progres);
    persen.textContent = d.progres + " %";
    tahap.textContent = d.tahap || "";
    status.textContent = d.status_label;
  }

  function tanya() {
    var x = new XMLHttpRequest();
    x.open("GET", url, true);
    x.setRequestHeader("Accept", "application/json");
    x.onload = function () {
      if (x.status !== 200) { setTimeout(tanya, 5000); return; }
      var d = JSON.parse(x.responseText);
      tampil(d);
      if (d.akhir) { window.location.reload(); return; }
      jeda = Math.min(jeda * 1.2, 3000);
      setTimeout(tanya, jeda);
    };
    x.onerror = function () { setTimeout(tanya, 5000); };
    x.send();
  }
  setTimeout(tanya, 300);
})();

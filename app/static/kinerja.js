/* Select2 in Indonesian (FAB ships no select2 i18n file): every Select2 on the page — FAB's own
   non-AJAX ".my_select2" (ab.js, ab_filters.js hard-code "Select a State") and ours — gets Indonesian
   messages and placeholder when the page language is Indonesian (<html lang="id">). Runs before ab.js's
   ready handler, which is where FAB creates its Select2s. */
(function ($) {
  if (!$ || !$.fn.select2 || (document.documentElement.lang || "id").indexOf("id") !== 0) { return; }
  var BAHASA = {
    errorLoading: function () { return "Hasil tidak dapat dimuat."; },
    inputTooLong: function (a) { return "Hapus " + (a.input.length - a.maximum) + " huruf"; },
    inputTooShort: function (a) { return "Masukkan " + (a.minimum - a.input.length) + " huruf lagi"; },
    loadingMore: function () { return "Memuat lebih banyak…"; },
    maximumSelected: function (a) { return "Anda hanya dapat memilih " + a.maximum + " pilihan"; },
    noResults: function () { return "Tidak ditemukan"; },
    searching: function () { return "Mencari…"; },
    removeAllItems: function () { return "Hapus semua pilihan"; }
  };
  var PLACEHOLDER_INGGRIS = { "Select a State": 1, "Select": 1 };
  var asli = $.fn.select2;
  $.fn.select2 = function (opsi) {
    if (opsi && typeof opsi === "object") {
      if (PLACEHOLDER_INGGRIS[opsi.placeholder]) { opsi.placeholder = "Pilih…"; }
      if (!opsi.language) { opsi.language = BAHASA; }
    }
    var hasil = asli.apply(this, arguments);
    if (opsi === undefined || typeof opsi === "object") { this.each(function () { beriNama(this); }); }
    return hasil;
  };
  // Select2 names its combobox after the current value only: give it the original control's label
  function beriNama(el) {
    var nama = el.getAttribute("aria-label");
    if (!nama && el.id) {
      var lbl = document.querySelector('label[for="' + el.id + '"]');
      if (lbl) { nama = lbl.textContent.replace(/\s+/g, " ").replace(/\s*\*\s*$/, "").trim(); }  // minus the "required" star
    }
    var kotak = $(el).next(".select2").find(".select2-selection");
    if (nama && kotak.length) { kotak.attr("aria-label", nama); }
  }
  $.extend($.fn.select2, asli);  // keep select2's defaults/amd hooks reachable
  if (asli.defaults) { asli.defaults.set("language", BAHASA); }
})(window.jQuery);

/* AJAX selects for big tables (the Flask-AppBuilder 5.3 recipe): bundled Select2 4 in ajax mode. */
(function ($) {
  function pasang(el) {
    var $el = $(el);
    if ($el.data("select2")) { return; }
    $el.select2({
      width: "100%",
      allowClear: true,
      placeholder: $el.data("placeholder") || "",
      minimumInputLength: 0,
      ajax: {
        url: $el.data("url"),
        dataType: "json",
        delay: 250,
        data: function (p) {
          var d = { q: p.term || "", page: p.page || 1 };
          // data-ikut="a b": also send the current values of those fields of the same form (e.g. the counsellor
          // lookup offers only people eligible for the chosen jenis_konselor)
          ($el.data("ikut") || "").split(/\s+/).forEach(function (n) {
            var f = n && el.form && el.form.elements[n];
            if (f) { d[n] = f.value; }
          });
          return d;
        },
        processResults: function (d) { return d; }
      },
      language: {
        noResults: function () { return "Tidak ditemukan"; },
        searching: function () { return "Mencari…"; },
        loadingMore: function () { return "Memuat…"; }
      }
    });
  }
  $(function () {
    $("select.kinerja-ajax").each(function () { pasang(this); });
    $(document).on("select2:open", function () {
      var s = document.querySelector(".select2-container--open .select2-search__field");
      if (s) { s.focus(); }
    });
  });
})(jQuery);

/* Behaviour that used to live in inline handlers (onclick=, onchange=): the CSP allows no inline script
   without a nonce, and an attribute handler cannot carry one. Delegated, so rows added later work too.
   data-cetak: print the page; data-kirim-saat-berubah: submit the control's form when it changes;
   data-konfirmasi="…": ask before the click goes through (cancel = nothing happens). */
(function () {
  document.addEventListener("click", function (e) {
    var el = e.target.closest ? e.target.closest("[data-cetak], [data-konfirmasi]") : null;
    if (!el) { return; }
    if (el.hasAttribute("data-konfirmasi")) {
      if (!window.confirm(el.getAttribute("data-konfirmasi"))) { e.preventDefault(); e.stopImmediatePropagation(); }
      return;
    }
    e.preventDefault();
    window.print();
  }, true);
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el && el.hasAttribute && el.hasAttribute("data-kirim-saat-berubah") && el.form) { el.form.submit(); }
  });
})();

/* Navbar bell: the unread count comes from /notifikasi/jumlah after the page, so pages send no statement for it. */
(function () {
  var lonceng = document.getElementById("lonceng-notifikasi");
  var lencana = document.getElementById("jumlah-notifikasi");
  if (!lonceng || !lencana || !window.fetch) { return; }
  fetch(lonceng.getAttribute("data-jumlah-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (d) {
      var n = d ? d.belum_dibaca : 0;
      if (n > 0) {
        lencana.textContent = n > 99 ? "99+" : String(n);
        lencana.hidden = false;
        lonceng.setAttribute("title", n + " notifikasi belum dibaca");
      }
    })
    .catch(function () { /* the bell stays without a count */ });
})();

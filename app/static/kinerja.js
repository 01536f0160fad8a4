/* AJAX selects for big tables (FAB-NOTES recipe): bundled Select2 4 in ajax mode. */
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
        data: function (p) { return { q: p.term || "", page: p.page || 1 }; },
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

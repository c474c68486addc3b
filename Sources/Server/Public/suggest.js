// Enhancement only: fills the occupation suggestions from the search API as one types.
(function () {
  var list = document.getElementById("occupation-list");
  if (!list || !window.fetch) return;
  var timer;
  document.querySelectorAll('input[list="occupation-list"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) return;
      timer = setTimeout(function () {
        fetch("/api/v1/occupations?limit=8&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
          .then(function (data) {
            list.innerHTML = "";
            data.hits.forEach(function (hit) {
              var option = document.createElement("option");
              option.value = hit.name;
              if (hit.code) option.label = hit.code;
              list.appendChild(option);
            });
          });
      }, 150);
    });
  });
})();

// Small progressive enhancements; every page works without this file.
(function () {
  // Ask before destructive actions (forms marked data-confirm).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form && form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });
  // Move focus to the error summary so screen readers announce it.
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();

  // As-you-type suggestions for the service search: the same search, with the last word as a prefix.
  var input = document.querySelector('input[data-suggest]');
  var list = input && document.getElementById(input.getAttribute('list'));
  if (input && list && window.fetch) {
    var lang = input.dataset.suggest;
    var timer = null;
    var last = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch('/api/v1/services?prefix=true&per_page=6&lang=' + lang + '&q=' + encodeURIComponent(q), { headers: { accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) {
            if (input.value.trim() !== q) return;
            list.textContent = '';
            data.items.forEach(function (s) {
              var o = document.createElement('option');
              o.value = lang === 'ar' ? s.name_ar : s.name_en;
              list.appendChild(o);
            });
          })
          .catch(function () {});
      }, 150);
    });
  }
})();

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

  // Autosave (forms marked data-autosave, with an AutosaveStatus inside): the form is posted as it
  // is, asking for JSON, 1.5 s after a change; the route answers { versions } (optimistic versions
  // to carry on, in hidden inputs v_<key>), 409 with { conflicts }, or an { error }. Without this
  // file the form's own Save button does the same.
  (function () {
    var form = document.querySelector('form[data-autosave]');
    if (form && window.fetch && window.FormData) {
      var status = form.querySelector('.autosave-status');
      var timer = null;
      var busy = false;
      var again = false;
      var say = function (text) {
        if (status) status.textContent = text;
      };
      var save = function () {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        var body = new URLSearchParams(new FormData(form));
        fetch(form.action, {
          method: 'POST',
          body: body,
          credentials: 'same-origin',
          headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        })
          .then(function (r) {
            return r.json().then(function (data) {
              return { ok: r.ok, status: r.status, data: data };
            });
          })
          .then(function (res) {
            var versions = (res.data && res.data.versions) || {};
            Object.keys(versions).forEach(function (key) {
              var input = form.querySelector('input[name="v_' + key.replace(/"/g, '') + '"]');
              if (input) input.value = String(versions[key]);
            });
            if (res.status === 409 && res.data.conflicts) say(status.dataset.conflict);
            else if (res.ok) say(status.dataset.saved + ' ' + new Date().toLocaleTimeString(document.documentElement.lang));
            else say(res.data && res.data.error ? res.data.error : status.dataset.failed);
          })
          .catch(function () {
            say(status.dataset.failed);
          })
          .then(function () {
            busy = false;
            if (again) {
              again = false;
              save();
            }
          });
      };
      var later = function () {
        clearTimeout(timer);
        timer = setTimeout(save, 1500);
      };
      form.addEventListener('change', later);
      form.addEventListener('input', function (e) {
        if (e.target && e.target.tagName === 'TEXTAREA') later();
      });
    }
  })();
})();

// Autosave for the measurement answer form; the form saves without this file too (its Save button).
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

  // Evidence upload: name the file after the one chosen unless the person typed a name.
  var upload = document.querySelector('form[data-evidence]');
  if (upload) {
    var file = upload.querySelector('input[type=file]');
    var name = upload.querySelector('input[name=filename]');
    if (file && name)
      file.addEventListener('change', function () {
        if (!name.value && file.files && file.files[0]) name.value = file.files[0].name;
      });
  }
})();

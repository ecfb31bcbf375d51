// Measurement's own enhancement (the page works without it); autosave is the platform's (yusr.js).
(function () {
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

// The import page's progress: when the form is sent, it names the upload by a token and polls where the server's
// import stands (phase and percentage) until the answer replaces the page. Without JavaScript the form works the same.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('form[data-import-progress]').forEach(function (form) {
    var status = document.getElementById(form.getAttribute('data-import-progress'));
    if (!status) return;
    form.addEventListener('submit', function () {
      var token = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(36).slice(2, 12);
      var action = new URL(form.action, window.location.href);
      action.searchParams.set('jeton', token);
      form.action = action.toString();
      var bar = status.querySelector('progress');
      var label = status.querySelector('[data-label]');
      status.hidden = false;
      function poll() {
        fetch('/importer/progression/' + encodeURIComponent(token), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (view) {
            if (view) {
              bar.value = view.percent;
              bar.textContent = view.percent + ' %';
              label.textContent = view.label + ' (' + view.percent + ' %)';
            }
          })
          .catch(function () {})
          .then(function () { setTimeout(poll, 500); });
      }
      setTimeout(poll, 300);
    });
  });
});

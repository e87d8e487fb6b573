// Tidings console: light JavaScript only.
// 1. A form of class "once" is sent once: its button is disabled on submit, so a
//    double click starts one run (the server holds the campaign's lock as well).
// 2. An element with data-refresh reloads its content from that URL every two seconds
//    while a run shows as running.
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!form.classList || !form.classList.contains('once')) {
    return;
  }
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'true';
  // disabled after the form data is taken: a submitter disabled now would not be sent
  window.setTimeout(function () {
    form.querySelectorAll('button').forEach(function (button) { button.disabled = true; });
  }, 0);
});

function refreshing(element) {
  return element.querySelector('.status.STARTED, .status.STARTING, .status.STOPPING') !== null;
}

document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('[data-refresh]').forEach(function (element) {
    var url = element.dataset.refresh;
    var timer = window.setInterval(function () {
      if (!refreshing(element)) {
        window.clearInterval(timer);
        return;
      }
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) {
          if (response.redirected || !response.ok) {
            window.location.reload();
            return null;
          }
          return response.text();
        })
        .then(function (html) {
          if (html !== null) {
            element.innerHTML = html;
          }
        });
    }, 2000);
  });
});

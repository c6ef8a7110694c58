// Latchkey dashboard: small enhancements only; every page works without this file.
'use strict';

(function () {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.content : '';

  // Checks one account and puts the server-rendered (escaped) status into its cell.
  async function check(cell) {
    cell.setAttribute('aria-busy', 'true');
    const state = cell.querySelector('.state');
    if (state) {
      state.textContent = 'checking…';
    }
    try {
      const response = await fetch(cell.dataset.check, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf, 'X-Fragment': '1' }
      });
      if (response.status === 423) {
        window.location.assign('/unlock');
        return;
      }
      const html = await response.text();
      if (response.ok) {
        cell.innerHTML = html;
        cell.dataset.state = 'checked';
      } else if (state) {
        state.textContent = 'could not check: ' + html;
      }
    } catch (e) {
      if (state) {
        state.textContent = 'could not reach the dashboard';
      }
    } finally {
      cell.removeAttribute('aria-busy');
    }
  }

  function cellFor(form) {
    const row = form.closest('tr');
    return row ? row.querySelector('[data-check]') : document.querySelector('#status[data-check]');
  }

  // Waits count down between updates, from the seconds the server computed (not this clock).
  function startCountdowns(root) {
    const shown = Date.now();
    root.querySelectorAll('.countdown[data-left]').forEach(function (span) {
      span.dataset.shownAt = String(shown);
    });
  }

  function tickCountdowns() {
    document.querySelectorAll('.countdown[data-left]').forEach(function (span) {
      const left = parseInt(span.dataset.left, 10);
      const since = Math.floor((Date.now() - parseInt(span.dataset.shownAt || Date.now(), 10)) / 1000);
      span.textContent = Math.max(0, left - since) + ' s';
    });
  }

  // Collections: the server sends the list again (rendered and escaped there) when it changes.
  function follow(container) {
    if (!window.EventSource) {
      return;
    }
    const events = new EventSource(container.dataset.events);
    events.addEventListener('collections', function (event) {
      const data = JSON.parse(event.data);
      container.innerHTML = data.html;
      container.dataset.updates = String(parseInt(container.dataset.updates || '0', 10) + 1);
      startCountdowns(container);
    });
    events.addEventListener('locked', function () {
      events.close();
      window.location.assign('/unlock');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    // Live status: accounts not checked yet are checked as soon as the page shows.
    document.querySelectorAll('[data-check][data-state="unchecked"]').forEach(check);

    document.querySelectorAll('form[data-check-one]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        const cell = cellFor(form);
        if (cell) {
          event.preventDefault();
          check(cell);
        }
      });
    });

    const all = document.querySelector('form[data-check-all]');
    if (all) {
      all.addEventListener('submit', function (event) {
        event.preventDefault();
        document.querySelectorAll('[data-check]').forEach(check);
      });
    }

    const collections = document.querySelector('[data-events]');
    if (collections) {
      startCountdowns(document);
      window.setInterval(tickCountdowns, 1000);
      follow(collections);
    }

    // A revealed secret is hidden again after its time (the page also reloads then).
    document.querySelectorAll('[data-hide-after]').forEach(function (code) {
      let left = parseInt(code.dataset.hideAfter, 10);
      const countdown = code.parentElement.querySelector('.countdown');
      const timer = window.setInterval(function () {
        left -= 1;
        if (left <= 0) {
          window.clearInterval(timer);
          code.textContent = code.dataset.masked;
          code.classList.remove('revealed');
          if (countdown) {
            countdown.textContent = 'hidden again';
          }
        } else if (countdown) {
          countdown.textContent = 'shown for ' + left + ' s';
        }
      }, 1000);
    });
  });
})();

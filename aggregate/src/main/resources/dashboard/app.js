/* wirewatch dashboard: plain JS, no dependencies. Reads ?org=ID and ?asOf=DATE from the URL. */
(function () {
  'use strict';

  var API = '/api/organizations';
  var state = { orgs: [], selected: null, asOf: null };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined) return;
      if (k === 'text') e.textContent = v;
      else if (k === 'className') e.className = v;
      else e.setAttribute(k, v);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error(body.error || ('HTTP ' + r.status));
          err.status = r.status;
          throw err;
        }
        return body;
      });
    });
  }

  function setBusy(s) { document.body.setAttribute('data-state', s); }

  function message(text) {
    var m = $('message');
    m.textContent = text || '';
    m.hidden = !text;
  }

  function badge(status) {
    return el('span', { className: 'status-badge status-' + status, 'data-status': status, text: status.replace(/_/g, ' ') });
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || '') ? url : null;
  }

  function hostOf(url) {
    try { return new URL(url).host; } catch (e) { return url; }
  }

  /* ---------- organization list ---------- */

  function renderList() {
    var q = fold($('org-search').value.trim());
    var list = $('org-list');
    list.textContent = '';
    var shown = 0;
    state.orgs.forEach(function (o) {
      var hay = fold([o.id, o.name].concat(o.aliases || []).join(' | '));
      if (q && hay.indexOf(q) < 0) return;
      shown++;
      var n = (o.jurisdictions || []).length;
      var a = el('a', { href: '?org=' + encodeURIComponent(o.id) }, [
        el('span', { className: 'org-name', text: o.name || o.id }),
        el('span', { className: 'org-meta', text: o.id + ' \u00b7 ' + n + (n === 1 ? ' jurisdiction' : ' jurisdictions') })
      ]);
      a.addEventListener('click', function (ev) {
        ev.preventDefault();
        select(o.id, state.asOf);
      });
      var li = el('li', { className: 'org-item' + (o.id === state.selected ? ' selected' : ''), 'data-id': o.id }, [a]);
      if (o.id === state.selected) li.setAttribute('aria-current', 'true');
      list.appendChild(li);
    });
    $('org-list-empty').hidden = shown > 0 || state.orgs.length === 0;
    $('org-count').textContent = state.orgs.length === 0 ? 'No organization has a status table yet.'
      : shown + ' of ' + state.orgs.length + ' organizations';
  }

  /* ---------- one organization ---------- */

  function timeline(history) {
    var ol = el('ol', { className: 'timeline' });
    (history || []).forEach(function (h) {
      var when = h.since ? el('time', { datetime: h.since, text: h.since }) : el('span', { className: 'unknown', text: 'date unknown' });
      ol.appendChild(el('li', { className: 'timeline-entry', 'data-status': h.status, 'data-since': h.since || '' },
        [el('span', { className: 'when' }, [badge(h.status), when])]));
    });
    return ol;
  }

  function evidenceList(evidence) {
    var ul = el('ul', { className: 'evidence-list' });
    (evidence || []).slice().sort(function (a, b) {
      return String(b.published || '').localeCompare(String(a.published || ''));
    }).forEach(function (e) {
      var url = safeUrl(e.url);
      ul.appendChild(el('li', { className: 'evidence-item', 'data-article': e.articleId }, [
        el('span', { className: 'outlet', text: e.outlet || hostOf(e.url) || 'unknown outlet' }),
        e.published ? el('time', { className: 'published', datetime: e.published, text: e.published }) : el('span', { className: 'published', text: 'undated' }),
        el('blockquote', { className: 'sentence', text: e.sentence || '' }),
        url ? el('a', { className: 'evidence-link', href: url, target: '_blank', rel: 'noopener noreferrer', text: 'read at ' + hostOf(url) }) : null
      ]));
    });
    return ul;
  }

  function renderOrg(org) {
    $('org-detail').hidden = false;
    $('org-name').textContent = org.name || org.id;
    $('org-id').textContent = org.id;
    $('org-aliases').textContent = org.aliases && org.aliases.length ? ' \u00b7 also ' + org.aliases.join(', ') : '';
    var banner = $('as-of-banner');
    banner.hidden = !org.asOf;
    banner.textContent = org.asOf ? 'The table as it stood on ' + org.asOf + ' (reconstructed from what is known today).' : '';
    var tbody = $('org-table').tBodies[0];
    tbody.textContent = '';
    var rows = org.jurisdictions || [];
    rows.forEach(function (r) {
      var conf = typeof r.confidence === 'number' ? Math.round(r.confidence * 100) + '%' : '';
      tbody.appendChild(el('tr', { className: 'jurisdiction-row', 'data-code': r.code, 'data-list': r.list || '', 'data-status': r.status }, [
        el('td', { className: 'jurisdiction' }, [el('span', { className: 'code', text: r.code }), ' ', r.name || '']),
        el('td', { className: 'status' }, [badge(r.status)]),
        el('td', { className: 'since', text: r.since || 'unknown' }),
        el('td', { className: 'list', text: r.list || '\u2014' }),
        el('td', { className: 'sources', text: String(r.sources == null ? '' : r.sources) }),
        el('td', { className: 'confidence', text: conf }),
        el('td', { className: 'history' }, [timeline(r.history)])
      ]));
      tbody.appendChild(el('tr', { className: 'evidence-row', 'data-evidence-for': r.code, 'data-list': r.list || '' }, [
        el('td', { colspan: '7' }, [evidenceList(r.evidence)])
      ]));
    });
    $('org-table-empty').hidden = rows.length > 0;
  }

  function updateUrl() {
    var p = new URLSearchParams();
    if (state.selected) p.set('org', state.selected);
    if (state.asOf) p.set('asOf', state.asOf);
    var q = p.toString();
    try { history.replaceState(null, '', location.pathname + (q ? '?' + q : '')); } catch (e) { /* file: or sandbox */ }
  }

  function select(id, asOf) {
    state.selected = id;
    state.asOf = asOf || null;
    document.body.setAttribute('data-org', id);
    $('as-of').value = state.asOf || '';
    $('as-of-error').hidden = true;
    renderList();
    setBusy('loading');
    var url = API + '/' + encodeURIComponent(id) + (state.asOf ? '?asOf=' + encodeURIComponent(state.asOf) : '');
    return getJson(url).then(function (org) {
      if (state.selected !== id) return;
      message(null);
      renderOrg(org);
      updateUrl();
      setBusy('ready');
    }).catch(function (err) {
      if (state.selected !== id) return;
      if (err.status === 400) {
        $('as-of-error').textContent = err.message;
        $('as-of-error').hidden = false;
        setBusy('ready');
      } else if (err.status === 404) {
        $('org-detail').hidden = true;
        message('No status table for "' + id + '".');
        setBusy('ready');
      } else if (err.status === 503) {
        message('The status tables are being rebalanced; retrying\u2026');
        setTimeout(function () { if (state.selected === id) select(id, state.asOf); }, 2000);
      } else {
        message('Could not load ' + id + ': ' + err.message);
        setBusy('error');
      }
    });
  }

  function loadList() {
    return getJson(API).then(function (orgs) {
      state.orgs = orgs.slice().sort(function (a, b) {
        return fold(a.name || a.id).localeCompare(fold(b.name || b.id));
      });
      message(null);
      renderList();
    }).catch(function (err) {
      if (err.status === 503) {
        message('The status tables are being rebalanced; retrying\u2026');
        return new Promise(function (res) { setTimeout(res, 2000); }).then(loadList);
      }
      message('Could not load the organizations: ' + err.message);
      throw err;
    });
  }

  function init() {
    var params = new URLSearchParams(location.search);
    $('org-search').addEventListener('input', renderList);
    if (params.get('q')) $('org-search').value = params.get('q');
    $('as-of-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (state.selected) select(state.selected, $('as-of').value.trim() || null);
    });
    $('as-of-clear').addEventListener('click', function () {
      if (state.selected) select(state.selected, null);
    });
    loadList().then(function () {
      var wanted = params.get('org') || (state.orgs[0] && state.orgs[0].id);
      if (wanted) return select(wanted, params.get('asOf'));
      $('org-detail').hidden = true;
      setBusy('ready');
    }).catch(function () { setBusy('error'); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();

/*
 * SCP API portal search: an ARIA 1.2 combobox (input + listbox popup, aria-activedescendant) over the
 * operation index, which is loaded on first use from a content-hashed script (works from file://).
 * Shows the true number of matching operations, the first 30, and a button to show them all.
 * Classic script, no dependencies.
 */
(function () {
  'use strict';
  var input = document.getElementById('search');
  var panel = document.getElementById('search-panel');
  var list = document.getElementById('search-results');
  var count = document.getElementById('search-count');
  var status = document.getElementById('search-status');
  if (!input || !panel || !list || !count || typeof ScpSearch === 'undefined') return;

  var FIRST = 30;
  var showAll = false;
  var active = -1;
  var loading = false;

  function entries() {
    return (window.ScpSearchIndex && window.ScpSearchIndex.entries) || null;
  }

  function load() {
    if (entries() || loading) return;
    loading = true;
    var script = document.createElement('script');
    script.src = input.getAttribute('data-index-src');
    script.onload = function () { loading = false; render(); };
    script.onerror = function () { loading = false; status.textContent = 'The search index could not be loaded.'; };
    document.head.appendChild(script);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function optionNode(hit, i, q) {
    var e = hit.entry;
    var li = el('li', 'result');
    li.id = 'search-option-' + i;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.setAttribute('data-href', e.href);
    var head = el('span', 'result-head');
    var name = el('span', 'result-name', e.summary || e.operationId || e.path);
    if (/[\u3130-\u318f\uac00-\ud7af]/.test(name.textContent)) name.lang = 'ko';
    head.appendChild(name);
    if (e.operationId && e.summary) head.appendChild(el('code', 'result-id', e.operationId));
    li.appendChild(head);
    var line = el('span', 'result-line');
    line.appendChild(el('span', 'method method-' + e.method.toLowerCase(), e.method));
    line.appendChild(el('code', 'result-path', e.path));
    li.appendChild(line);
    var why = ScpSearch.snippet(e, q);
    if (why) {
      var note = el('span', 'result-snippet', why);
      if (/[\u3130-\u318f\uac00-\ud7af]/.test(why)) note.lang = 'ko';
      li.appendChild(note);
    }
    var meta = el('span', 'result-meta');
    meta.appendChild(el('span', 'result-service', e.serviceTitle + ' ' + e.version));
    meta.appendChild(el('span', 'badge badge-' + (e.status ? e.status.toLowerCase() : 'unknown'), e.status || 'UNKNOWN'));
    if (hit.others.length > 0) meta.appendChild(el('span', 'result-versions', 'also in ' + hit.others.map(function (o) { return o.version; }).join(', ')));
    li.appendChild(meta);
    return li;
  }

  function options() {
    return list.querySelectorAll('[role="option"]');
  }

  function setActive(i) {
    var all = options();
    if (all.length === 0) { active = -1; input.removeAttribute('aria-activedescendant'); return; }
    active = (i + all.length) % all.length;
    for (var j = 0; j < all.length; j++) all[j].setAttribute('aria-selected', j === active ? 'true' : 'false');
    input.setAttribute('aria-activedescendant', all[active].id);
    all[active].scrollIntoView({ block: 'nearest' });
  }

  function close() {
    panel.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function render() {
    var q = input.value;
    list.textContent = '';
    count.textContent = '';
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (q.trim() === '') { close(); status.textContent = ''; return; }
    var all = entries();
    if (!all) { status.textContent = 'Loading the search index\u2026'; load(); return; }
    var hits = ScpSearch.group(ScpSearch.search(all, q));
    var shown = showAll ? hits : hits.slice(0, FIRST);
    shown.forEach(function (h, i) { list.appendChild(optionNode(h, i, q)); });
    var words = hits.length === 1 ? ' operation' : ' operations';
    if (hits.length === 0) count.appendChild(el('span', 'no-results', 'No operation matches \u201c' + q.trim() + '\u201d.'));
    else if (shown.length < hits.length) {
      count.appendChild(el('span', '', 'Showing ' + shown.length + ' of ' + hits.length + words + '. '));
      var more = el('button', 'show-all', 'Show all ' + hits.length);
      more.type = 'button';
      more.addEventListener('click', function () { showAll = true; render(); input.focus(); });
      count.appendChild(more);
    } else count.appendChild(el('span', '', hits.length + words + ' found.'));
    panel.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = hits.length + words + ' found';
  }

  function open(option) {
    var href = option && option.getAttribute('data-href');
    if (href) location.href = href;
  }

  input.addEventListener('focus', load);
  input.addEventListener('input', function () { showAll = false; render(); });
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (panel.hidden) render(); setActive(active + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(active - 1); }
    else if (ev.key === 'Enter') {
      var all = options();
      if (all.length > 0) { ev.preventDefault(); open(all[active >= 0 ? active : 0]); }
    } else if (ev.key === 'Escape') {
      if (!panel.hidden) close();
      else { input.value = ''; render(); }
    }
  });
  list.addEventListener('click', function (ev) {
    var option = ev.target.closest && ev.target.closest('[role="option"]');
    if (option) open(option);
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (ev.key === '/' && !typing) { ev.preventDefault(); input.focus(); input.select(); }
  });
  if (input.value) { load(); render(); }
})();

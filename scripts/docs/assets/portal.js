/*
 * SCP API portal behaviour: operation search over the embedded search index (falls back to fetching
 * search-index.json), keyboard navigation, and the "/" shortcut. Classic script, no dependencies.
 */
(function () {
  'use strict';
  var input = document.getElementById('search');
  var box = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!input || !box || typeof ScpSearch === 'undefined') return;

  var entries = [];
  var embedded = document.getElementById('scp-search-index');
  try {
    if (embedded) entries = JSON.parse(embedded.textContent || '{}').entries || [];
  } catch (e) {
    entries = [];
  }
  if (entries.length === 0 && typeof fetch === 'function' && location.protocol !== 'file:') {
    fetch('search-index.json')
      .then(function (r) { return r.ok ? r.json() : { entries: [] }; })
      .then(function (idx) { entries = idx.entries || []; render(); })
      .catch(function () { /* search stays empty */ });
  }

  var active = -1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function badge(s) {
    return el('span', 'badge badge-' + (s ? s.toLowerCase() : 'unknown'), s || 'UNKNOWN');
  }

  function options() {
    return box.querySelectorAll('.result');
  }

  function setActive(i) {
    var list = options();
    if (list.length === 0) { active = -1; return; }
    active = (i + list.length) % list.length;
    for (var j = 0; j < list.length; j++) list[j].setAttribute('aria-selected', j === active ? 'true' : 'false');
    list[active].scrollIntoView({ block: 'nearest' });
  }

  function hitNode(hit) {
    var e = hit.entry;
    var li = el('li', 'result');
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    var a = el('a', 'result-main');
    a.href = e.href;
    var head = el('span', 'result-head');
    head.appendChild(el('span', 'result-name', e.summary || e.operationId || e.path));
    if (e.operationId && e.summary) head.appendChild(el('code', 'result-id', e.operationId));
    a.appendChild(head);
    var line = el('span', 'result-line');
    line.appendChild(el('span', 'method method-' + e.method.toLowerCase(), e.method));
    line.appendChild(el('code', 'result-path', e.path));
    a.appendChild(line);
    var meta = el('span', 'result-meta');
    meta.appendChild(el('span', 'result-service', e.serviceTitle + ' ' + e.version));
    meta.appendChild(badge(e.status));
    a.appendChild(meta);
    li.appendChild(a);
    if (hit.others.length > 0) {
      var more = el('span', 'result-versions');
      more.appendChild(el('span', 'result-versions-label', 'Also in'));
      hit.others.forEach(function (o) {
        var v = el('a', 'result-version', o.version);
        v.href = o.href;
        v.title = e.serviceTitle + ' ' + o.version + (o.status ? ' (' + o.status + ')' : '');
        more.appendChild(v);
      });
      li.appendChild(more);
    }
    return li;
  }

  function render() {
    var q = input.value;
    box.textContent = '';
    active = -1;
    if (q.trim() === '') {
      box.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      status.textContent = '';
      return;
    }
    var hits = ScpSearch.group(ScpSearch.search(entries, q, 200)).slice(0, 30);
    if (hits.length === 0) {
      box.appendChild(el('p', 'no-results', 'No operation matches \u201c' + q.trim() + '\u201d.'));
    } else {
      var ul = el('ul', 'result-list');
      hits.forEach(function (h) { ul.appendChild(hitNode(h)); });
      box.appendChild(ul);
    }
    box.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = hits.length + (hits.length === 1 ? ' operation' : ' operations') + ' found';
  }

  input.addEventListener('input', render);
  input.addEventListener('keydown', function (ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); setActive(active + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(active - 1); }
    else if (ev.key === 'Enter') {
      var list = options();
      var target = list[active >= 0 ? active : 0];
      var link = target && target.querySelector('a');
      if (link) { ev.preventDefault(); location.href = link.href; }
    } else if (ev.key === 'Escape') { input.value = ''; render(); }
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (ev.key === '/' && !typing) { ev.preventDefault(); input.focus(); input.select(); }
  });
  if (input.value) render();
})();

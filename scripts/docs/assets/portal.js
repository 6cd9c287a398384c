/*
 * SCP API portal search: an ARIA 1.2 combobox (input + listbox popup, aria-activedescendant) over the
 * operation index, which is loaded on first use from a content-hashed script (works from file://).
 * Shows the true number of matching operations, the first 30, and a button to show them all.
 * Classic script, no dependencies. The functions live in a block (strict mode keeps them out of the
 * global scope) and share one `s` (the elements and the combobox state).
 */
'use strict';
{
  const FIRST = 30;
  const KOREAN = /[\u3130-\u318f\uac00-\ud7af]/;

  const el = function (tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    if (text && KOREAN.test(text)) node.lang = 'ko';
    return node;
  };

  const entries = function () {
    return (window.ScpSearchIndex && window.ScpSearchIndex.entries) || null;
  };

  const load = function (s) {
    if (entries() || s.loading) return;
    s.loading = true;
    const script = document.createElement('script');
    script.src = s.input.getAttribute('data-index-src');
    script.onload = function () { s.loading = false; render(s); };
    script.onerror = function () { s.loading = false; s.status.textContent = 'The search index could not be loaded.'; };
    document.head.appendChild(script);
  };

  /* One result: name (and operationId), method and path, why it matched, service, status and other versions. */
  const optionNode = function (hit, i, q) {
    const e = hit.entry;
    const li = el('li', 'result');
    li.id = 'search-option-' + i;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.setAttribute('data-href', e.href);
    const head = el('span', 'result-head');
    head.appendChild(el('span', 'result-name', e.summary || e.operationId || e.path));
    if (e.operationId && e.summary) head.appendChild(el('code', 'result-id', e.operationId));
    li.appendChild(head);
    const line = el('span', 'result-line');
    line.appendChild(el('span', 'method method-' + e.method.toLowerCase(), e.method));
    line.appendChild(el('code', 'result-path', e.path));
    li.appendChild(line);
    const why = ScpSearch.snippet(e, q);
    if (why) li.appendChild(el('span', 'result-snippet', why));
    const meta = el('span', 'result-meta');
    meta.appendChild(el('span', 'result-service', e.serviceTitle + ' ' + e.version));
    meta.appendChild(el('span', 'badge badge-' + (e.status ? e.status.toLowerCase() : 'unknown'), e.status || 'UNKNOWN'));
    if (hit.others.length > 0) meta.appendChild(el('span', 'result-versions', 'also in ' + hit.others.map(function (o) { return o.version; }).join(', ')));
    li.appendChild(meta);
    return li;
  };

  const options = function (s) {
    return s.list.querySelectorAll('[role="option"]');
  };

  const setActive = function (s, i) {
    const all = options(s);
    if (all.length === 0) { s.active = -1; s.input.removeAttribute('aria-activedescendant'); return; }
    s.active = (i + all.length) % all.length;
    all.forEach(function (o, j) { o.setAttribute('aria-selected', j === s.active ? 'true' : 'false'); });
    s.input.setAttribute('aria-activedescendant', all[s.active].id);
    all[s.active].scrollIntoView({ block: 'nearest' });
  };

  const close = function (s) {
    s.panel.hidden = true;
    s.input.setAttribute('aria-expanded', 'false');
    s.input.removeAttribute('aria-activedescendant');
  };

  /* The count line: the true number of matches, and a button to show them all when only the first are shown. */
  const showCount = function (s, hits, shown, q) {
    const words = hits.length === 1 ? ' operation' : ' operations';
    if (hits.length === 0) s.count.appendChild(el('span', 'no-results', 'No operation matches \u201c' + q.trim() + '\u201d.'));
    else if (shown < hits.length) {
      s.count.appendChild(el('span', '', 'Showing ' + shown + ' of ' + hits.length + words + '. '));
      const more = el('button', 'show-all', 'Show all ' + hits.length);
      more.type = 'button';
      more.addEventListener('click', function () { s.showAll = true; render(s); s.input.focus(); });
      s.count.appendChild(more);
    } else s.count.appendChild(el('span', '', hits.length + words + ' found.'));
    s.status.textContent = hits.length + words + ' found';
  };

  const render = function (s) {
    const q = s.input.value;
    s.list.textContent = '';
    s.count.textContent = '';
    s.active = -1;
    s.input.removeAttribute('aria-activedescendant');
    if (q.trim() === '') { close(s); s.status.textContent = ''; return; }
    const all = entries();
    if (!all) { s.status.textContent = 'Loading the search index\u2026'; load(s); return; }
    const hits = ScpSearch.group(ScpSearch.search(all, q));
    const shown = s.showAll ? hits : hits.slice(0, FIRST);
    shown.forEach(function (h, i) { s.list.appendChild(optionNode(h, i, q)); });
    showCount(s, hits, shown.length, q);
    s.panel.hidden = false;
    s.input.setAttribute('aria-expanded', 'true');
  };

  const open = function (option) {
    const href = option && option.getAttribute('data-href');
    if (href) location.href = href;
  };

  const onKey = function (s, ev) {
    if (ev.key === 'ArrowDown') { ev.preventDefault(); if (s.panel.hidden) render(s); setActive(s, s.active + 1); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); setActive(s, s.active - 1); }
    else if (ev.key === 'Enter') {
      const all = options(s);
      if (all.length > 0) { ev.preventDefault(); open(all[s.active >= 0 ? s.active : 0]); }
    } else if (ev.key === 'Escape') {
      if (!s.panel.hidden) close(s);
      else { s.input.value = ''; render(s); }
    }
  };

  const wire = function (s) {
    s.input.addEventListener('focus', function () { load(s); });
    s.input.addEventListener('input', function () { s.showAll = false; render(s); });
    s.input.addEventListener('keydown', function (ev) { onKey(s, ev); });
    s.list.addEventListener('click', function (ev) { open(ev.target.closest && ev.target.closest('[role="option"]')); });
    document.addEventListener('keydown', function (ev) {
      const t = ev.target;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
      if (ev.key === '/' && !typing) { ev.preventDefault(); s.input.focus(); s.input.select(); }
    });
    if (s.input.value) { load(s); render(s); }
  };

  const s = {
    input: document.getElementById('search'),
    panel: document.getElementById('search-panel'),
    list: document.getElementById('search-results'),
    count: document.getElementById('search-count'),
    status: document.getElementById('search-status'),
    showAll: false,
    active: -1,
    loading: false,
  };
  if (s.input && s.panel && s.list && s.count && s.status && typeof ScpSearch !== 'undefined') wire(s);
}

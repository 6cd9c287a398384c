/*
 * Operation search for the SCP API portal. A classic script (no modules: pages must work from
 * file://) defining the global `ScpSearch`. Pure functions only; the unit tests run this same file
 * in a VM context.
 *
 *   ScpSearch.search(entries, query, limit?) -> every matching entry of the index, best first
 *   ScpSearch.group(entries)                 -> one hit per service + operation, other versions attached
 *   ScpSearch.snippet(entry, query)          -> the description words that matched, when the name did not
 */
var ScpSearch = (function () {
  'use strict';

  /* Letters and digits only, lower-cased: "ListDataFlows", "list data flows", "list-data-flows" meet. */
  function squash(text) {
    return String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  }

  /*
   * Every whitespace-separated term must occur in the operationId, summary, path, method, service
   * name, description or the parameter and field descriptions — or the whole query, squashed, must
   * occur in the squashed operationId or summary. Exact and prefix operationId matches rank first,
   * then summary and path matches, then description matches, then matches in field descriptions
   * only; shorter operationIds before longer ones; default versions win ties. Returns every match
   * (`limit` cuts the list when given).
   */
  function search(entries, query, limit) {
    var q = String(query).trim().toLowerCase();
    if (q === '') return [];
    var terms = q.split(/\s+/);
    var whole = squash(q);
    var scored = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var id = squash(e.operationId);
      var summary = squash(e.summary);
      var name = [e.operationId, e.summary, e.path, e.method, e.service, e.serviceTitle].join(' ').toLowerCase();
      var description = String(e.description || '').toLowerCase();
      var text = String(e.text || '').toLowerCase();
      var inName = 0, inDescription = 0, allTerms = true;
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t];
        if (name.indexOf(term) !== -1) inName++;
        else if (description.indexOf(term) !== -1) inDescription++;
        else if (text.indexOf(term) === -1) { allTerms = false; break; }
      }
      var joined = whole !== '' && (id.indexOf(whole) !== -1 || summary.indexOf(whole) !== -1);
      if (!allTerms && !joined) continue;
      var score = 0;
      if (whole !== '' && id === whole) score += 100;
      else if (whole !== '' && id.indexOf(whole) === 0) score += 50;
      else if (whole !== '' && id.indexOf(whole) !== -1) score += 30;
      if (whole !== '' && summary.indexOf(whole) !== -1) score += 20;
      // Among partial matches, the operationId the query covers most of is the closer one.
      if (whole !== '' && id.indexOf(whole) !== -1) score += Math.round((10 * whole.length) / id.length);
      if (e.path.toLowerCase().indexOf(q) !== -1) score += 15;
      score += 4 * inName + 2 * inDescription;
      if (e.isDefault) score += 5;
      if (e.deprecated || e.status === 'DEPRECATED') score -= 3;
      scored.push({ entry: e, score: score, order: i });
    }
    scored.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var list = limit ? scored.slice(0, limit) : scored;
    return list.map(function (s) { return s.entry; });
  }

  /* Collapse the versions of one operation into a single hit (the best-ranked version first). */
  function group(entries) {
    var hits = [];
    var byKey = {};
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var key = e.service + '\u0000' + (e.operationId || e.method + ' ' + e.path);
      var hit = byKey[key];
      if (hit) hit.others.push(e);
      else {
        hit = { entry: e, others: [] };
        byKey[key] = hit;
        hits.push(hit);
      }
    }
    return hits;
  }

  /*
   * Why an entry matched when its name does not show it: the words around the first query term
   * found in its description or field descriptions ('' when the name, path or service has every term).
   */
  function snippet(e, query) {
    var terms = String(query).trim().toLowerCase().split(/\s+/);
    var name = [e.operationId, e.summary, e.path, e.method, e.service, e.serviceTitle].join(' ').toLowerCase();
    var term = terms.filter(function (t) { return t !== '' && name.indexOf(t) === -1; })[0];
    if (!term) return '';
    var sources = [String(e.description || ''), String(e.text || '')];
    for (var i = 0; i < sources.length; i++) {
      var at = sources[i].toLowerCase().indexOf(term);
      if (at === -1) continue;
      var start = Math.max(0, at - 30);
      var end = Math.min(sources[i].length, at + term.length + 40);
      return (start > 0 ? '\u2026' : '') + sources[i].slice(start, end).trim() + (end < sources[i].length ? '\u2026' : '');
    }
    return '';
  }

  return { squash: squash, search: search, group: group, snippet: snippet };
})();
if (typeof globalThis !== 'undefined') globalThis.ScpSearch = ScpSearch;

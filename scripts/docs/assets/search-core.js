/*
 * Operation search for the SCP API portal. A classic script (no modules: pages must work from
 * file://) defining the global `ScpSearch`. Pure functions only; the unit tests run this same file
 * in a VM context.
 *
 *   ScpSearch.search(entries, query, limit?) -> every matching entry of the index, best first
 *   ScpSearch.group(entries)                 -> one hit per service + operation, other versions attached
 *   ScpSearch.snippet(entry, query)          -> the description words that matched, when the name did not
 *
 * The functions live in a block (strict mode keeps them out of the global scope) rather than one
 * long wrapping function.
 */
'use strict';
var ScpSearch;
{
  /* Letters and digits only, lower-cased: "ListDataFlows", "list data flows", "list-data-flows" meet. */
  const squash = function (text) {
    return String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  };

  /* What an entry is called: operationId, summary, path, method and service, lower-cased. */
  const nameText = function (e) {
    return [e.operationId, e.summary, e.path, e.method, e.service, e.serviceTitle].join(' ').toLowerCase();
  };

  /* How many terms occur in the name, how many (only) in the description, and whether every term occurs somewhere. */
  const termCounts = function (e, terms) {
    const name = nameText(e);
    const description = String(e.description || '').toLowerCase();
    const text = String(e.text || '').toLowerCase();
    let inName = 0;
    let inDescription = 0;
    for (const term of terms) {
      if (name.indexOf(term) !== -1) inName++;
      else if (description.indexOf(term) !== -1) inDescription++;
      else if (text.indexOf(term) === -1) return { inName: inName, inDescription: inDescription, allTerms: false };
    }
    return { inName: inName, inDescription: inDescription, allTerms: true };
  };

  /*
   * Exact and prefix operationId matches rank first, then summary and path matches, then
   * description matches, then matches in field descriptions only; shorter operationIds before
   * longer ones; default versions win ties.
   */
  const scoreOf = function (e, q, whole, counts) {
    const id = squash(e.operationId);
    let score = 0;
    if (whole !== '' && id === whole) score += 100;
    else if (whole !== '' && id.indexOf(whole) === 0) score += 50;
    else if (whole !== '' && id.indexOf(whole) !== -1) score += 30;
    if (whole !== '' && squash(e.summary).indexOf(whole) !== -1) score += 20;
    // Among partial matches, the operationId the query covers most of is the closer one.
    if (whole !== '' && id.indexOf(whole) !== -1) score += Math.round((10 * whole.length) / id.length);
    if (e.path.toLowerCase().indexOf(q) !== -1) score += 15;
    score += 4 * counts.inName + 2 * counts.inDescription;
    if (e.isDefault) score += 5;
    if (e.deprecated || e.status === 'DEPRECATED') score -= 3;
    return score;
  };

  /*
   * Every whitespace-separated term must occur in the operationId, summary, path, method, service
   * name, description or the parameter and field descriptions — or the whole query, squashed, must
   * occur in the squashed operationId or summary. Returns every match, best first (`limit` cuts the
   * list when given).
   */
  const search = function (entries, query, limit) {
    const q = String(query).trim().toLowerCase();
    if (q === '') return [];
    const terms = q.split(/\s+/);
    const whole = squash(q);
    const scored = [];
    entries.forEach(function (e, i) {
      const counts = termCounts(e, terms);
      const joined = whole !== '' && (squash(e.operationId).indexOf(whole) !== -1 || squash(e.summary).indexOf(whole) !== -1);
      if (counts.allTerms || joined) scored.push({ entry: e, score: scoreOf(e, q, whole, counts), order: i });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    const list = limit ? scored.slice(0, limit) : scored;
    return list.map(function (s) { return s.entry; });
  };

  /* Collapse the versions of one operation into a single hit (the best-ranked version first). */
  const group = function (entries) {
    const hits = [];
    const byKey = {};
    for (const e of entries) {
      const key = e.service + '\u0000' + (e.operationId || e.method + ' ' + e.path);
      if (byKey[key]) byKey[key].others.push(e);
      else {
        byKey[key] = { entry: e, others: [] };
        hits.push(byKey[key]);
      }
    }
    return hits;
  };

  /*
   * Why an entry matched when its name does not show it: the words around the first query term
   * found in its description or field descriptions ('' when the name, path or service has every term).
   */
  const snippet = function (e, query) {
    const name = nameText(e);
    const term = String(query).trim().toLowerCase().split(/\s+/).filter(function (t) { return t !== '' && name.indexOf(t) === -1; })[0];
    if (!term) return '';
    for (const source of [String(e.description || ''), String(e.text || '')]) {
      const at = source.toLowerCase().indexOf(term);
      if (at === -1) continue;
      const start = Math.max(0, at - 30);
      const end = Math.min(source.length, at + term.length + 40);
      return (start > 0 ? '\u2026' : '') + source.slice(start, end).trim() + (end < source.length ? '\u2026' : '');
    }
    return '';
  };

  ScpSearch = { squash: squash, search: search, group: group, snippet: snippet };
}
if (typeof globalThis !== 'undefined') globalThis.ScpSearch = ScpSearch;

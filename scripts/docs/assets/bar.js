/*
 * The version bar (reference pages and Redoc views): switching versions keeps the operation in view
 * when the other page has it. Each version link lists the in-page addresses its page has
 * (data-keep); the current address (`#op-…`, or a Redoc route whose inner `#…` is dropped) is
 * carried over only then. A deferred file rather than an inline script: an inline script in the
 * bar made the HTML parser stop and paint the bar alone before the first operation.
 */
(function () {
  'use strict';
  var bar = document.querySelector('.scp-bar');
  if (!bar) return;

  function currentAddress() {
    var h = location.hash.slice(1).split('#')[0];
    try { h = decodeURIComponent(h); } catch (e) { /* keep it as written */ }
    return h && h !== '/' ? h : '';
  }

  bar.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-keep]');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var h = currentAddress();
    if (!h) return;
    var list;
    try { list = JSON.parse(a.getAttribute('data-keep')); } catch (x) { return; }
    if (list.indexOf(h) !== -1) {
      e.preventDefault();
      location.href = a.getAttribute('href') + '#' + h;
    }
  });
})();

/*
 * Reference page conveniences (the page is complete without this script): copy buttons on code
 * samples, the operations menu folded on narrow screens, and the current operation marked in the menu.
 */
(function () {
  'use strict';
  var nav = document.querySelector('.ref-nav details');
  if (nav && window.matchMedia && window.matchMedia('(max-width: 960px)').matches) nav.removeAttribute('open');

  function markCurrent() {
    var links = document.querySelectorAll('.ref-nav a[aria-current]');
    for (var i = 0; i < links.length; i++) links[i].removeAttribute('aria-current');
    if (!location.hash) return;
    var here = document.querySelector('.ref-nav a[href="' + location.hash.replace(/"/g, '') + '"]');
    if (here) here.setAttribute('aria-current', 'location');
  }
  window.addEventListener('hashchange', markCurrent);
  markCurrent();

  if (!navigator.clipboard) return;
  var blocks = document.querySelectorAll('.sample pre.code');
  for (var i = 0; i < blocks.length; i++) {
    (function (pre) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(pre.textContent || '').then(function () {
          button.textContent = 'Copied';
          setTimeout(function () { button.textContent = 'Copy'; }, 1500);
        });
      });
      pre.parentNode.insertBefore(button, pre);
    })(blocks[i]);
  }
})();

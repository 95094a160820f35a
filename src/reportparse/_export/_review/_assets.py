"""The review pages' inline style sheet and script: no file, font or script from elsewhere."""

from __future__ import annotations

__all__ = ["INDEX_SCRIPT", "PAGE_SCRIPT", "STYLE"]

STYLE = """
:root { --read: #1a9850; --placeholder: #8c8c8c; --warning: #f39c12; --unread: #d7191c; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; background: #f4f4f4; }
header, main, .index { max-width: 1100px; margin: 0 auto; padding: 0 16px 16px 16px; }
header { background: #fff; border-bottom: 1px solid #ddd; padding-top: 8px; }
h1 { font-size: 20px; margin: 8px 0; }
h2 { font-size: 16px; margin: 16px 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.meta dt { color: #666; }
dl.meta dd { margin: 0; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -1px; border: 2px solid; }
.s-read { --c: var(--read); } .s-placeholder { --c: var(--placeholder); }
.s-warning { --c: var(--warning); } .s-unread { --c: var(--unread); }
.swatch { border-color: var(--c); background: color-mix(in srgb, var(--c) 30%, transparent); }
#warnings li { margin: 2px 0; }
.keys { color: #666; font-size: 12px; }
#details { position: fixed; right: 12px; bottom: 12px; width: 340px; max-height: 45vh;
  overflow: auto; background: #fffef4; border: 1px solid #bbb; border-radius: 4px;
  padding: 8px 10px; white-space: pre-wrap; font: 12px/1.4 ui-monospace, monospace;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); z-index: 10; }
.page { position: relative; background: #fff; margin: 16px auto; box-shadow: 0 1px 4px #0003;
  width: 100%; }
.page img { display: block; width: 100%; height: auto; }
.page figcaption { position: absolute; top: -14px; left: 0; font-size: 11px; color: #666; }
.box { position: absolute; display: block; border: 1.5px solid var(--c);
  background: color-mix(in srgb, var(--c) 18%, transparent); }
.box.fact { border-style: dashed; }
.box:hover, .box:focus, .box.current, .box:target, td.current, td:target, mark.current,
mark:target { outline: 3px solid #1f4fd8; outline-offset: 1px; z-index: 5; }
table.cells { border-collapse: collapse; background: #fff; margin: 6px 0 12px; }
table.cells td, table.cells th { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top;
  white-space: pre-wrap; }
table.cells th { background: #f0f0f0; font-weight: 600; }
table.cells td[class^="s-"] { background: color-mix(in srgb, var(--c) 22%, #fff);
  box-shadow: inset 3px 0 0 var(--c); cursor: pointer; }
mark[class^="s-"] { background: color-mix(in srgb, var(--c) 25%, #fff);
  border-bottom: 2px solid var(--c); cursor: pointer; }
.text p { background: #fff; padding: 6px 10px; margin: 4px 0; }
table.files { border-collapse: collapse; background: #fff; width: 100%; }
table.files th, table.files td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; }
table.files th { background: #eee; cursor: pointer; user-select: none; }
table.files td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.failed td { background: #fde8e8; }
"""

PAGE_SCRIPT = """
(function () {
  var panel = document.getElementById('details');
  var marks = Array.prototype.slice.call(document.querySelectorAll('[data-mark]'));
  var warned = marks.filter(function (m) { return m.classList.contains('s-warning'); });
  var current = null, position = -1;
  function show(mark) {
    if (current) { current.classList.remove('current'); }
    current = mark;
    mark.classList.add('current');
    panel.textContent = mark.getAttribute('data-details') || mark.getAttribute('title') || '';
  }
  marks.forEach(function (mark) {
    mark.addEventListener('click', function (event) { event.preventDefault(); show(mark); });
    mark.addEventListener('mouseenter', function () { show(mark); });
    mark.addEventListener('focus', function () { show(mark); });
  });
  function step(by) {
    if (!warned.length) { return; }
    position = (position + by + warned.length) % warned.length;
    var mark = warned[position];
    mark.scrollIntoView({block: 'center'});
    mark.focus({preventScroll: true});
    show(mark);
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === 'n' || event.key === 'j') { step(1); }
    if (event.key === 'p' || event.key === 'k') { step(-1); }
  });
  document.querySelectorAll('a.to-mark').forEach(function (link) {
    link.addEventListener('click', function () {
      var mark = document.getElementById(link.getAttribute('href').slice(1));
      if (mark) { position = warned.indexOf(mark); show(mark); }
    });
  });
}());
"""

INDEX_SCRIPT = """
(function () {
  var table = document.querySelector('table.files');
  var body = table.tBodies[0];
  table.querySelectorAll('th').forEach(function (th, column) {
    var ascending = true;
    th.addEventListener('click', function () {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute('data-sort') || a.cells[column].textContent;
        var y = b.cells[column].getAttribute('data-sort') || b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return ascending ? order : -order;
      });
      ascending = !ascending;
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
}());
"""

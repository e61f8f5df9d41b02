/**
 * The report's one stylesheet, inlined: the file must load nothing (issue #16: no external request).
 * On a phone (`max-width: 40rem`) each table row becomes a card whose cells are labelled from
 * `data-label` and zero counts of the grade table are left out; in print, tables keep their layout, headers repeat on each page and rows do not split.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --zebra: #f6f8fa;
  --warn-bg: #fff4e5; --warn: #8a4b00; --ok: #1a7f37; --flag-bg: #ffebe9; --flag: #a40e26; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 78rem; margin: 0 auto; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
p.note { color: var(--muted); margin: .25rem 0 .75rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.card .value { display: block; font-size: 1.5rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: .85rem; }
.flags { border: 2px solid var(--flag); background: var(--flag-bg); border-radius: .5rem; padding: .5rem 1rem; }
.flags h2 { margin-top: .25rem; border: 0; color: var(--flag); }
.flags li { margin: .2rem 0; }
.clear { color: var(--ok); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--zebra); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; }
td.warn { background: var(--warn-bg) !important; color: var(--warn); font-weight: 600; }
td.empty { color: var(--muted); font-style: italic; }
td.zero { color: #8c959f; }
td { overflow-wrap: anywhere; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
@media screen and (max-width: 40rem) {
  body { padding: .75rem; font-size: 16px; }
  dl.meta { grid-template-columns: 1fr; }
  dl.meta dd { margin-bottom: .4rem; }
  .scroll { overflow-x: visible; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr { border: 1px solid var(--line); border-radius: .5rem; margin: 0 0 .6rem; padding: .25rem .6rem; }
  tbody tr:nth-child(even) td { background: none; }
  td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: .2rem 0; text-align: right; }
  td.num { text-align: right; }
  td::before { content: attr(data-label); flex: none; white-space: nowrap; color: var(--muted); text-align: left;
    font-weight: 600; }
  td.zero { display: none; }
  td.empty::before { content: none; }
  td:empty { display: none; }
}
@media print {
  @page { margin: 1.2cm; }
  body { padding: 0; font-size: 9.5pt; color: #000; }
  main { max-width: none; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .card, .flags { break-inside: avoid; }
  th { background: #eee; white-space: normal; }
  th, td { padding: .2rem .35rem; }
  td { overflow-wrap: break-word; }
  tbody tr:nth-child(even) td { background: none; }
  td.warn { background: none !important; color: #000; text-decoration: underline; }
  .flags { background: none; color: #000; }
}
`;

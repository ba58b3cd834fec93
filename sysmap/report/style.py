"""The report's stylesheet: inline, readable on screen, and printed well on A4.

Print rules keep a finding, a chart or a table row on one page, keep headings with what
follows them, repeat table headers on every page, never let a wide table run off the paper
(fixed layout, words wrap), and force no page break (a forced break leaves the page before it
as empty as the last block left it). How tall figures print: :mod:`sysmap.report.printed`.
"""

from __future__ import annotations

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 1100px; padding: 28px 32px 48px;
  font: 15px/1.5 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  color: #1a1a1a; background: #ffffff;
}
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #0072b2; }
h3 { font-size: 17px; margin: 22px 0 6px; }
p { margin: 6px 0 10px; }
.meta { color: #555; margin: 0 0 16px; }
.lead { font-size: 16px; }
.muted { color: #555; }
.summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0; padding: 0;
           list-style: none; }
.summary li { flex: 1 1 150px; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 12px; }
.summary b { display: block; font-size: 24px; line-height: 1.1; }
nav ol { columns: 2; margin: 6px 0 0; }
nav a { display: inline-block; min-height: 24px; line-height: 24px; }
figure { margin: 14px 0 20px; break-inside: avoid; page-break-inside: avoid; }
figure img { display: block; max-width: 100%; height: auto; margin: 0 auto;
             border: 1px solid #e1e4e8; }
figcaption { color: #444; font-size: 13.5px; margin-top: 6px; }
figure.map { width: min(1500px, calc(100vw - 24px)); position: relative; left: 50%;
             transform: translateX(-50%); }
figure.map figcaption { max-width: 1036px; margin: 6px auto 0; }
.rank { display: inline-block; min-width: 22px; text-align: center; border-radius: 11px;
        background: #0072b2; color: #fff; font-size: 12.5px; padding: 0 6px; margin-right: 6px; }
.finding {
  border: 1px solid #d0d7de; border-left: 6px solid #8c959f; border-radius: 6px;
  padding: 10px 14px; margin: 10px 0; break-inside: avoid; page-break-inside: avoid;
}
.finding.high { border-left-color: #d55e00; }
.finding.medium { border-left-color: #e69f00; }
.finding.low { border-left-color: #56b4e9; }
.finding.info { border-left-color: #009e73; }
.finding h4 { margin: 0 0 4px; font-size: 15.5px; }
.severity {
  display: inline-block; font-size: 11.5px; font-weight: 600; letter-spacing: .02em;
  text-transform: uppercase; border-radius: 10px; padding: 1px 8px; margin-right: 6px;
  color: #ffffff; background: #6e7781; vertical-align: 1px;
}
.high .severity { background: #b34700; }
.medium .severity { background: #8f6300; }
.low .severity { background: #1f6f99; }
.info .severity { background: #00775a; }
.numbers { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 6px 0 2px; font-size: 13.5px; }
.numbers span { white-space: nowrap; }
.numbers b { font-weight: 600; }
.measure { font-size: 12.5px; color: #555; margin: 2px 0 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 8px 0 18px;
        font-size: 13px; }
th, td { border-bottom: 1px solid #d8dee4; padding: 5px 6px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; hyphens: manual; }
th { background: #f3f4f6; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px;
          border: 1px solid rgba(0,0,0,.25); vertical-align: 0; }
.status-missing { color: #b34700; font-weight: 600; }
.status-proposed { color: #005a8c; font-weight: 600; }
.status-weak { color: #555; font-style: italic; }
.evidence { color: #555; }
.charts figure img { border: none; }
.print-only { display: none; }
.nav-title { font-size: 15px; margin: 0; padding: 0; border: none; }
caption { text-align: left; font-weight: 600; font-size: 13.5px; padding: 4px 0; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #0072b2; outline-offset: 2px; }
a:focus { outline: 3px solid #0072b2; outline-offset: 2px; }
table.chart-data { width: auto; min-width: 50%; table-layout: auto; }
/* A phone: tables keep whole words and scroll sideways instead of breaking them. */
@media (max-width: 700px) {
  body { padding: 16px 12px 32px; }
  .scroll table { table-layout: auto; width: max-content; max-width: 900px; }
  .scroll td, .scroll th { min-width: 6em; }
  nav ol { columns: 1; }
}
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid #d0d7de; color: #555;
         font-size: 13px; }

@page { size: A4; margin: 15mm 13mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 20pt; }
  h2 { font-size: 15pt; margin-top: 18pt; break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  nav { display: none; }
  .summary li { padding: 6px 8px; }
  .summary b { font-size: 16pt; }
  figure img { max-height: 240mm; width: auto; border: none; }
  /* The whole map is a small overview (page 1 holds it under the summary); its enlarged
     parts follow, sized so names print at 6.5 pt (sysmap.report.pictures). An overlay's
     picture is printed as its parts alone. */
  figure.map { width: auto; left: 0; transform: none; }
  figure.map img { width: 100%; max-height: 60mm; object-fit: contain; }
  figure.whole { display: none; }
  .print-only { display: block; }
  figure.part { margin: 2mm 0 3mm; }
  /* Captions small and short (sysmap.report.printed), so a figure takes little more of the
     page than its picture. */
  figcaption { font-size: 8.5pt; margin-top: 1.5mm; }
  figure.part img { width: var(--print-width); max-width: 100%; max-height: none; margin: 0; }
  .charts figure { margin: 2mm 0 3mm; }
  /* Charts at 68 % of their own size (text 6.5 pt), as tall as their rows need; their
     numbers stay in the HTML (the tables under each chart on screen). The height cap, a
     page, keeps the chart's shape (a set width with a capped height squashed it): only a
     chart of very many groups shrinks to fit. */
  .charts figure img { width: auto; max-width: var(--print-width, 100%); max-height: 240mm; }
  .charts .scroll { display: none; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 4px; }
  a { color: inherit; text-decoration: none; }
  .finding { padding: 6px 10px; }
}
"""
"""The whole stylesheet, written into the report's ``<style>`` element."""

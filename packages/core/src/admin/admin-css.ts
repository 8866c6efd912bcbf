/**
 * The admin page's whole style sheet, served from `assets/admin.css` (a file of its own because the
 * Content-Security-Policy allows no inline style). Hand-written, no build step; colours meet WCAG AA
 * contrast and focus is always visible.
 */
export const ADMIN_CSS = `
:root {
  --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; --accent-ink: #fff;
  --ok: #116329; --ok-bg: #dafbe1; --warn: #7d4e00; --warn-bg: #fff8c5; --bad: #a40e26; --bad-bg: #ffebe9;
  --focus: #f59e0b;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
.skip { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; }
.top { background: var(--ink); color: #fff; padding: .6rem 1.25rem 0; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; }
.brand { font-weight: 700; font-size: 1.1rem; }
.brand .muted { color: #c9d1d9; font-weight: 400; margin-left: .4rem; }
.logo { color: #7ee2b8; }
.top-actions { margin-left: auto; display: flex; align-items: center; gap: 1rem; }
.top a { color: #fff; }
.signout { display: flex; align-items: center; gap: .5rem; margin: 0; }
.who { color: #c9d1d9; font-size: .9rem; }
nav { flex-basis: 100%; }
.nav { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem; margin: .4rem 0 0; padding: 0; }
.nav a { display: block; padding: .45rem .8rem; text-decoration: none; border-radius: 6px 6px 0 0; color: #e6edf3; }
.nav a:hover { background: #2d333b; }
.nav a[aria-current="page"] { background: #fff; color: var(--ink); font-weight: 600; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .5rem; }
.muted, .help { color: var(--muted); }
.help { font-size: .9rem; margin: .15rem 0 0; }
.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem; margin: 0 0 1.25rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; background: var(--soft); }
.card dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.card dd { margin: .2rem 0 0; font-weight: 600; overflow-wrap: anywhere; }
.card dd code { font-size: .85rem; }
.layout { display: grid; grid-template-columns: 14rem 1fr; gap: 1.5rem; align-items: start; }
.toc { position: sticky; top: 1rem; font-size: .92rem; }
.toc ul { list-style: none; padding: 0; margin: .25rem 0 0; }
.toc a { display: block; padding: .2rem .4rem; border-radius: 4px; text-decoration: none; }
.toc a:hover { background: var(--soft); }
@media (max-width: 52rem) { .layout { grid-template-columns: 1fr; } .toc { position: static; } }
section.panel { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1.25rem; }
section.panel > .help { margin-bottom: .5rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .75rem 0; padding: .5rem .9rem .75rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.field { padding: .55rem 0; border-top: 1px solid #eaeef2; }
.field:first-of-type { border-top: 0; }
.field > label, .field .label { display: block; font-weight: 600; }
.field-toggle { display: grid; grid-template-columns: auto 1fr; column-gap: .6rem; align-items: start; }
.field-toggle input[type="checkbox"] { margin-top: .25rem; width: 1.15rem; height: 1.15rem; }
.field-toggle .help, .field-toggle .error { grid-column: 2; }
input[type="text"], input[type="number"], input[type="date"], input[type="password"], select, textarea {
  font: inherit; padding: .4rem .55rem; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: var(--ink);
  max-width: 100%;
}
input[type="text"], input[type="password"], textarea { width: 32rem; }
textarea { min-height: 4.5rem; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92rem; }
[aria-invalid="true"] { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
.error { color: var(--bad); font-weight: 600; margin: .25rem 0 0; }
.choices { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.choices label { font-weight: 400; display: inline-flex; gap: .35rem; align-items: center; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; }
th { background: var(--soft); }
td.message { overflow-wrap: anywhere; }
td.mono { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; overflow-x: auto; }
button, .button {
  font: inherit; font-weight: 600; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink);
  border-radius: 6px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block;
}
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--bad); border-color: var(--bad); }
.top button.secondary { padding: .25rem .7rem; }
.savebar { position: sticky; bottom: 0; background: #fff; border-top: 1px solid var(--line); padding: .75rem 0; display: flex; gap: 1rem; align-items: center; }
.flash { border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; border: 1px solid; }
.flash-title { font-weight: 700; margin: 0; }
.flash ul { margin: .4rem 0 0; }
.flash-success { background: var(--ok-bg); border-color: var(--ok); color: var(--ok); }
.flash-info { background: var(--soft); border-color: var(--line); }
.flash-error { background: var(--bad-bg); border-color: var(--bad); color: var(--bad); }
.status { font-weight: 700; padding: .05rem .45rem; border-radius: 4px; font-size: .85rem; }
.status-pass { background: var(--ok-bg); color: var(--ok); }
.status-warn { background: var(--warn-bg); color: var(--warn); }
.status-fail { background: var(--bad-bg); color: var(--bad); }
.secret-once { font-size: 1.2rem; padding: .6rem; background: #fff; border: 2px dashed var(--ok); border-radius: 6px; user-select: all; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin-bottom: 1rem; }
.filters label { display: block; font-size: .85rem; font-weight: 600; }
.filters input[type="text"] { width: 12rem; }
.pager { display: flex; gap: 1rem; margin-top: .75rem; }
.login { max-width: 26rem; margin: 2rem auto; }
.login input[type="password"], .login input[type="text"] { width: 100%; }
`;

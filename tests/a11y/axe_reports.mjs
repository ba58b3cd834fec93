// axe-core on sysmap's HTML reports, in Debian's chromium, plus a phone-width check.
//
//   node axe_reports.mjs REPORT.html...
//
// Every axe rule runs, best practice and experimental included; only the AAA rules (beyond the
// WCAG 2.2 AA that public bodies must meet) are left out. Then, at 375 px wide, no word in the
// report's tables may be broken across two lines. Prints each problem and exits 1 if any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

// In the page: every word of a table cell whose letters sit on more than one line.
function brokenWords() {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest("td, th")) continue;
    const text = node.textContent;
    for (const match of text.matchAll(/[\p{L}\p{N}'’]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

async function check(browser, file) {
  const page = await browser.newPage();
  await page.setBypassCSP(true); // the report forbids scripts; axe is ours, injected to test it
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () => {
    const rules = {};
    for (const rule of window.axe.getRules()) {
      rules[rule.ruleId] = { enabled: !rule.tags.includes("wcag2aaa") };
    }
    const found = await window.axe.run(document, { rules, resultTypes: ["violations"] });
    return {
      version: window.axe.version,
      ran: Object.values(rules).filter((r) => r.enabled).length,
      violations: found.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
        count: v.nodes.length,
      })),
    };
  });
  await page.setViewport({ width: 375, height: 800 });
  const broken = await page.evaluate(brokenWords);
  await page.close();
  return { ...results, broken };
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: node axe_reports.mjs REPORT.html...");
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
let problems = 0;
let failed = 0;
try {
  for (const file of files) {
    const result = await check(browser, file);
    const here = result.violations.length + result.broken.length;
    problems += here;
    failed += here ? 1 : 0;
    console.log(
      `${file}: axe-core ${result.version}, ${result.ran} rules: ` +
        `${result.violations.length} violations; ${result.broken.length} words broken at 375 px`,
    );
    for (const v of result.violations) {
      console.log(`  ${v.id} (${v.impact}, ${v.count} nodes): ${v.help}`);
      for (const target of v.nodes) console.log(`    ${target}`);
    }
    if (result.broken.length) console.log(`  broken: ${result.broken.slice(0, 20).join(", ")}`);
  }
} finally {
  await browser.close();
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(problems ? 1 : 0);

// Runs axe-core (WCAG 2.0/2.1 A and AA rules) in headless Chromium on pages
// of a built site served over HTTP (started by tests/accessibility.rs), in
// the standard and the 关怀版 (seniors') mode, and prints the violations as
// JSON for the Rust test:
// { "<path> [mode]": { status, violations: [{ id, impact, help, nodes }] } }.
// Usage: node axe.mjs BASE_URL PATH...
import { chromium } from "playwright-core";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const report = {};
try {
  for (const mode of ["standard", "care"]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript((care) => {
      window.localStorage.setItem("gazette-care", care ? "on" : "off");
    }, mode === "care");
    const page = await context.newPage();
    for (const p of paths) {
      const response = await page.goto(base + p);
      if (p.startsWith("search/?")) {
        await page.waitForSelector("[data-search-done]", { timeout: 20000 });
        await page.waitForSelector(".search-result", { timeout: 20000 });
      }
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
          resultTypes: ["violations"],
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
        }));
      });
      report[`${p} [${mode}]`] = { status: response.status(), violations };
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));

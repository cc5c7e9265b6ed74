// Runs searches on the search page of a built site served over HTTP (started
// by tests/search.rs) and prints what each returned, as JSON, for the Rust
// test to judge: { "<query string>": [{ url, title, meta, excerpt }] }.
// Usage: node search.mjs BASE_URL SCREENSHOT_DIR QUERY_STRING...
// (a query string is what follows `?` on /search/, e.g. `q=防汛&year=2024`)
import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots, ...queries] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const outside = [];
const errors = [];
const found = {};
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("data:")) outside.push(r.url());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  for (const [i, query] of queries.entries()) {
    await page.goto(base + "search/?" + query);
    await page.waitForSelector("[data-search-done]", { timeout: 20000 });
    const done = await page.getAttribute("[data-search]", "data-search-done");
    if (done === "error") throw new Error("the search index did not load for " + query);
    // Results are appended after their fragments load.
    await page.waitForFunction(
      (n) => document.querySelectorAll(".search-result").length === Math.min(n, 10),
      Number(done),
      { timeout: 20000 },
    );
    found[query] = await page.$$eval(".search-result", (items) => items.map((li) => ({
      url: li.querySelector("a").getAttribute("href"),
      title: li.querySelector("a").textContent,
      meta: li.querySelector(".search-meta").textContent,
      excerpt: li.querySelector(".search-excerpt").innerHTML,
    })));
    found[query].total = Number(done);
    if (i === 0) await page.screenshot({ path: path.join(shots, "search-results.png"), fullPage: true });
  }
  // Keyboard only: the header's search box on the home page, then a filter
  // chosen on the search page with the End key (the last section in the
  // list, 通知公告 in the demo).
  await page.goto(base);
  await page.focus("#site-search-q");
  await page.keyboard.type(queries[0].replace(/^q=/, "").split("&")[0]);
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-search-done]", { timeout: 20000 });
  const viaHeader = Number(await page.getAttribute("[data-search]", "data-search-done"));
  await page.$eval("[data-search]", (el) => el.removeAttribute("data-search-done"));
  await page.focus("#search-section");
  await page.keyboard.press("End");
  await page.waitForSelector("[data-search-done]", { timeout: 20000 });
  // As above: results are appended after their fragments load, so wait for
  // them rather than count at once (a count of 0 here was a race).
  const filtered = Number(await page.getAttribute("[data-search]", "data-search-done"));
  await page.waitForFunction(
    (n) => document.querySelectorAll(".search-result").length === Math.min(n, 10),
    filtered,
    { timeout: 20000 },
  );
  found.__keyboard = { viaHeader, url: decodeURIComponent(page.url()), results: await page.$$eval(".search-result", (l) => l.length) };
} finally {
  await browser.close();
}
if (errors.length) throw new Error("script errors: " + errors.join("; "));
if (outside.length) throw new Error("requests left the site: " + outside.join(", "));
const keyboard = found.__keyboard;
delete found.__keyboard;
console.log(JSON.stringify({
  ...Object.fromEntries(
    Object.entries(found).map(([q, list]) => [q, { total: list.total, results: list }]),
  ),
  keyboard,
}));

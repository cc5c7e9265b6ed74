// Drives headless Chromium against a running `gazette serve` (started by
// tests/browser.rs): a page reloads by itself after an edit, and a broken
// file shows the error overlay, which clears when the file is fixed.
// Usage: node reload.mjs URL SITE_ROOT SCREENSHOT_DIR
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, site, shots] = process.argv.slice(2);
const file = path.join(site, "content/notices/a.md");
const page_text = (title) => `+++\ntitle = "${title}"\ndate = 2024-05-01\n+++\n\n正文。\n`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(url + "notices/a/");
  await page.waitForFunction(() => document.body.innerText.includes("防汛演练通知"));
  await page.evaluate(() => { window.__before_edit = true; });

  fs.writeFileSync(file, page_text("防汛演练通知（第二稿）"));
  await page.waitForFunction(
    () => !window.__before_edit && document.body.innerText.includes("第二稿"),
    null,
    { timeout: 15000 },
  );
  await page.screenshot({ path: path.join(shots, "serve-after-edit.png") });

  fs.writeFileSync(file, "+++\ntitle = \"防汛演练通知\"\ndate = 2024-13-45\n+++\n正文\n");
  const overlay = await page.waitForSelector("#gazette-overlay", { timeout: 15000 });
  const text = await overlay.innerText();
  if (!text.includes("content/notices/a.md:3")) throw new Error("overlay lacks file:line: " + text);
  await page.screenshot({ path: path.join(shots, "serve-error-overlay.png") });

  fs.writeFileSync(file, page_text("防汛演练通知（第三稿）"));
  await page.waitForSelector("#gazette-overlay", { state: "detached", timeout: 15000 });
  await page.waitForFunction(() => document.body.innerText.includes("第三稿"), null, { timeout: 15000 });
  console.log("ok");
} finally {
  await browser.close();
}

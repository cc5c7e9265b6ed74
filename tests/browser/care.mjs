// The 关怀版 (seniors' mode) on the home page of a built site served over
// HTTP (started by tests/accessibility.rs): reached and switched with the
// keyboard alone, every focus stop visibly outlined, the choice kept across
// pages and applied before the first paint, larger text and targets, no
// pop-up. Screenshots of both modes go to SCREENSHOT_DIR.
// Prints measurements as JSON for the Rust test to judge.
// Usage: node care.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import path from "node:path";

const [base, shots] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const out = { popups: 0, dialogs: 0 };
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.on("page", () => { out.popups += 1; });
  // Records whether <html> has the class when <body> starts, i.e. before
  // anything of the page is painted.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body) {
        window.__careAtBody = document.documentElement.classList.contains("care");
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  out.popups = 0;
  page.on("dialog", async (d) => { out.dialogs += 1; await d.dismiss(); });

  const measure = () => page.evaluate(() => {
    const css = (el) => getComputedStyle(el);
    const p = document.querySelector("main p") || document.querySelector("main");
    const toggle = document.querySelector("[data-care-toggle]");
    const nav = document.querySelector(".site-nav a");
    return {
      care: document.documentElement.classList.contains("care"),
      careAtBody: window.__careAtBody,
      pressed: toggle.getAttribute("aria-pressed"),
      rootFontPx: parseFloat(css(document.documentElement).fontSize),
      textFontPx: parseFloat(css(p).fontSize),
      lineHeightRatio: parseFloat(css(p).lineHeight) / parseFloat(css(p).fontSize),
      toggleHeightPx: toggle.getBoundingClientRect().height,
      navLinkHeightPx: nav ? nav.getBoundingClientRect().height : 0,
      textColor: css(document.body).color,
    };
  });

  await page.goto(base);
  out.standard = await measure();
  await page.screenshot({ path: path.join(shots, "home-standard.png"), fullPage: true });

  // Keyboard only: Tab to the toggle, checking each focus stop is outlined.
  out.focusStops = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return {
        what: el.tagName + (el.className ? "." + el.className : "") + " " + (el.textContent || "").trim().slice(0, 12),
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
        toggle: el.hasAttribute("data-care-toggle"),
      };
    });
    out.focusStops.push(stop);
    if (stop.toggle) break;
  }
  await page.keyboard.press("Enter");
  out.afterToggle = await measure();
  await page.screenshot({ path: path.join(shots, "home-care.png"), fullPage: true });

  // Another page: the choice persists and is there before the first paint.
  await page.goto(base + "notices/");
  out.nextPage = await measure();
  await page.goto(base);
  out.care = await measure();

  // Switching back with the keyboard (Space this time) is remembered too.
  await page.focus("[data-care-toggle]");
  await page.keyboard.press("Space");
  await page.reload();
  out.backToStandard = await measure();
  await context.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));

// Drives headless Chromium for `peerhelp-bench host-cost` (Node, with the e2e tests'
// playwright-core and Debian's Chromium): `node bench/host-cost.mjs PAGE_URL RUNS`.
// For each fresh page load at desktop size it reads Chromium's own counters of main-thread
// script and task time (DevTools `Performance.getMetrics`) once the page and the loader's idle
// work have settled, before any interaction; then it hovers the launcher, clicks at once, and
// times the panel until it is drawn (measured inside the page, from the hover to the frame
// after the panel shows). It prints the median of each figure.

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const { chromium } = await import(pathToFileURL(join(root, "e2e/node_modules/playwright-core/index.mjs")).href);
const [page_url, runs_arg = "5"] = process.argv.slice(2);
const runs = Number(runs_arg);

/// Long enough after the wasm's bytes arrive for any idle-time work to have run.
const SETTLE_MS = 2000;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
const samples = { script: [], task: [], open: [] };
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send("Performance.enable");
  const bytes = page.waitForEvent("requestfinished", (request) => request.url().endsWith("_bg.wasm"));
  await page.goto(page_url, { waitUntil: "load" });
  await bytes;
  await page.waitForTimeout(SETTLE_MS);
  const { metrics } = await devtools.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name).value * 1000;
  samples.script.push(metric("ScriptDuration"));
  samples.task.push(metric("TaskDuration"));
  samples.open.push(await page.evaluate(intentToPanel));
  await context.close();
}
await browser.close();

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`PeerHelp on the demo brand page, ${runs} fresh loads at 1280x800 (medians):`);
console.log(`  main-thread script before any interaction: ${median(samples.script).toFixed(2)} ms (all main-thread tasks: ${median(samples.task).toFixed(1)} ms)`);
console.log(`  hover, then click at once: panel drawn ${median(samples.open).toFixed(1)} ms after the hover`);

/// In the page: hover the launcher, click it, and resolve with the time until the frame after
/// the real panel shows.
function intentToPanel() {
  const shadow = document.querySelector("peerhelp-widget").shadowRoot;
  const launcher = shadow.querySelector(".launcher");
  const start = performance.now();
  launcher.dispatchEvent(new PointerEvent("pointerenter"));
  launcher.click();
  return new Promise((done) => {
    const check = () => {
      const panel = shadow.querySelector(".panel");
      if (panel && !panel.hidden) requestAnimationFrame(() => done(performance.now() - start));
      else requestAnimationFrame(check);
    };
    check();
  });
}

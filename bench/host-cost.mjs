// Drives headless Chromium for `peerhelp-bench host-cost` (Node, with the e2e tests'
// playwright-core and Debian's Chromium): `node bench/host-cost.mjs PAGE_URL RUNS`.
// For each fresh page load at desktop size it reads Chromium's own counters of main-thread
// script and task time (DevTools `Performance.getMetrics`) once the page and the loader's idle
// work have settled, before any interaction; then it hovers the launcher, clicks at once, and
// times the panel until it is drawn (measured inside the page, from the hover to the frame
// after the panel shows). Each run also loads the same page without the script tag, so the
// browser's own work on the page is told apart from PeerHelp's, and with only a shadow host and
// a button, the least a launcher costs. It prints medians.

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
const samples = { script: [], task: [], open: [], bare_script: [], bare_task: [], floor_script: [] };
const FLOOR_SCRIPT = `var host = document.createElement("div"), button = document.createElement("button");
host.attachShadow({ mode: "open" }).append(button);
document.body.append(host);`;
for (let run = 0; run < runs; run++) {
  // The same page without the script tag, loaded the same way: what the browser spends on the
  // page (and on being driven) without PeerHelp, so the difference is PeerHelp's own cost.
  const bare = await load((page) => visitInstead(page, ""));
  samples.bare_script.push(bare.script);
  samples.bare_task.push(bare.task);
  // The page with the least any launcher needs instead: a shadow host holding a button, made
  // by a script from the same server. Its cost is a floor no loader drawing a launcher goes under.
  const floor = await load((page) => visitInstead(page, `<script src="${new URL("/launcher-floor.js", page_url)}"></script>`, FLOOR_SCRIPT));
  samples.floor_script.push(floor.script);
  const ours = await load(async (page) => {
    const bytes = page.waitForEvent("requestfinished", (request) => request.url().endsWith("_bg.wasm"));
    await page.goto(page_url, { waitUntil: "load" });
    await bytes;
    await page.waitForTimeout(SETTLE_MS);
  }, intentToPanel);
  samples.script.push(ours.script);
  samples.task.push(ours.task);
  samples.open.push(ours.after);
}
await browser.close();

/// Loads the page with its script tag replaced by `tag`, whose script (if any) the browser is
/// served as `script`.
async function visitInstead(page, tag, script) {
  await page.route(page_url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script[^>]*widget\.js[^>]*><\/script>/, tag);
    await route.fulfill({ response, body: html });
  });
  if (script) {
    await page.route("**/launcher-floor.js", (route) => route.fulfill({ contentType: "text/javascript", body: script }));
  }
  await page.goto(page_url, { waitUntil: "load" });
  await page.waitForTimeout(SETTLE_MS);
}

/// Opens a fresh page, runs `visit`, reads the main thread's counters, then runs `then` in the
/// page if given; closes the page.
async function load(visit, then) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const devtools = await context.newCDPSession(page);
  await devtools.send("Performance.enable");
  await visit(page);
  const { metrics } = await devtools.send("Performance.getMetrics");
  const metric = (name) => metrics.find((m) => m.name === name).value * 1000;
  const figures = { script: metric("ScriptDuration"), task: metric("TaskDuration") };
  if (then) figures.after = await page.evaluate(then);
  await context.close();
  return figures;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value, digits = 2) => `${value.toFixed(digits)} ms`;
console.log(`PeerHelp on the demo brand page, ${runs} fresh loads at 1280x800 (medians):`);
console.log(`  main-thread script before any interaction: ${ms(median(samples.script))} (all main-thread tasks: ${ms(median(samples.task), 1)})`);
console.log(`  the same page without the script tag:      ${ms(median(samples.bare_script))} (all main-thread tasks: ${ms(median(samples.bare_task), 1)})`);
console.log(`  the page with only a shadow host and a button instead (any launcher's floor): script ${ms(median(samples.floor_script))}`);
console.log(`  PeerHelp's own share (median of the differences run by run): script ${ms(median(differences("script", "bare_script")))}, tasks ${ms(median(differences("task", "bare_task")), 1)}`);
console.log(`  hover, then click at once: panel drawn ${ms(median(samples.open), 1)} after the hover`);

/// Run by run, a figure with PeerHelp minus the same figure without it.
function differences(ours, bare) {
  return samples[ours].map((value, run) => value - samples[bare][run]);
}

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

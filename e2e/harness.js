// Test harness: a real PeerHelp server on a fresh SQLite file, a brand page served from another
// origin (as a brand's own site is), and the system's headless Chromium.

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
const peerhelp = process.env.PEERHELP_BIN || join(root, "target/debug/peerhelp");
const axeSource = readFileSync(join(import.meta.dirname, "node_modules/axe-core/axe.min.js"), "utf8");

/// A page holding nothing but the script tag, under a strict Content-Security-Policy that allows
/// only the PeerHelp server's origin and wasm compilation, and no inline script or style.
function brandPage(serverOrigin, site) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${serverOrigin} 'wasm-unsafe-eval'; connect-src ${serverOrigin}">
<title>Brand page</title></head><body><h1>Brand page</h1>
<script src="${serverOrigin}/widget.js" data-site="${site}" async></script>
</body></html>`;
}

/// Starts a brand page server on a free port; its HTML is set once the PeerHelp server is known.
async function startBrandServer() {
  let html = "";
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { server, origin: `http://127.0.0.1:${server.address().port}`, setHtml: (text) => (html = text) };
}

function startPeerHelp(databaseUrl) {
  const child = spawn(peerhelp, ["serve", "--addr", "127.0.0.1:0", "--widget-dir", join(root, "dist"), "--console-dir", join(root, "console/dist")], {
    env: { ...process.env, PEERHELP_DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((done, fail) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/[\d.:]+)/);
      if (match) done({ child, origin: match[1] });
    });
    child.on("exit", (code) => fail(new Error(`peerhelp serve exited with ${code}: ${output}`)));
  });
}

/// Everything a test needs: `page` (a first browser profile), `openPage()` for another one, the
/// `peerhelp` CLI on the test's database, and the origins involved.
export async function setUp({ site = "brand", registerSite = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "peerhelp-e2e-"));
  const databaseUrl = `sqlite://${join(dir, "e2e.db")}`;
  const brand = await startBrandServer();
  const cli = (...args) =>
    execFileSync(peerhelp, args, { env: { ...process.env, PEERHELP_DATABASE_URL: databaseUrl }, encoding: "utf8" });
  if (registerSite) {
    cli("site", "create", "--key", site, "--name", "Nimbus Mobile", "--origin", brand.origin);
    cli("import", "--site", site, join(root, "server/demo/community.jsonl"));
  }
  const server = await startPeerHelp(databaseUrl);
  brand.setHtml(brandPage(server.origin, site));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  const problems = [];
  // Each page is a separate browser profile (its own storage), as two people's browsers are.
  const openPage = async () => {
    const page = await (await browser.newContext()).newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(String(error)));
    return page;
  };
  const page = await openPage();

  return {
    page,
    openPage,
    problems,
    cli,
    brandOrigin: brand.origin,
    serverOrigin: server.origin,
    async tearDown() {
      await browser.close();
      server.child.kill();
      brand.server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/// axe-core's WCAG 2 A/AA violations inside the widget (the brand page's own are not ours).
/// Injected through the DevTools protocol, which the page's CSP does not govern.
export async function widgetAccessibilityViolations(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return results.violations
    .map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => JSON.stringify(node.target)).filter((target) => target.includes("peerhelp-widget")),
    }))
    .filter((violation) => violation.nodes.length > 0);
}

/// The two sizes a reviewer looks at: a desktop browser and a phone.
export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/// Saves a screenshot of `page` at each of `viewports` under `target/screenshots/` (kept out of
/// git), named `{name}-{desktop|phone}.png`, for a reviewer to look at after a run; restores the
/// page's size afterwards.
export async function screenshots(page, name) {
  const dir = join(root, "target/screenshots");
  mkdirSync(dir, { recursive: true });
  const before = page.viewportSize();
  for (const [size, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(dir, `${name}-${size}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

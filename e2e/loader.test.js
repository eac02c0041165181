// The loader's cost to a brand's page and its first open: before the visitor shows intent it
// fetches the widget's bytes but compiles no WebAssembly; hovering the launcher starts the
// widget; a tap before the widget is ready draws the panel's shell with a skeleton and the
// launcher a spinner at once, and the real panel then takes their place.

import { test } from "node:test";
import assert from "node:assert/strict";
import { setUp, screenshots } from "./harness.js";

/// Records every WebAssembly compilation the page starts, and the widget's `ready` event.
function watchCompilation() {
  window.compiled = [];
  for (const name of ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      window.compiled.push(name);
      return original.apply(this, args);
    };
  }
  window.PeerHelp = function () { (window.PeerHelp.q = window.PeerHelp.q || []).push(arguments); };
  window.PeerHelp("on", "ready", () => (window.ready = true));
}

/// Resolves once the wasm's bytes have been downloaded.
function wasmFetched(page) {
  return page.waitForEvent("requestfinished", (request) => request.url().endsWith("_bg.wasm"));
}

test("no wasm is compiled before intent, and hovering the launcher starts the widget", async () => {
  const env = await setUp();
  const { page } = env;
  try {
    await page.addInitScript(watchCompilation);
    const fetched = wasmFetched(page);
    await page.goto(env.brandOrigin);
    await fetched;
    assert.deepEqual(await page.evaluate(() => window.compiled), [], "the bytes are fetched, not compiled");
    assert.equal(await page.evaluate(() => window.ready), undefined, "the widget has not started");

    await page.getByRole("button", { name: /Nimbus Mobile/ }).hover();
    await page.waitForFunction(() => window.ready);
    assert.ok((await page.evaluate(() => window.compiled)).length > 0, "intent compiles the widget");
    assert.deepEqual(env.problems, [], "no console errors or CSP violations");
  } finally {
    await env.tearDown();
  }
});

test("a cold tap shows the panel's skeleton and a spinner at once, then the panel", async () => {
  const env = await setUp();
  const { page } = env;
  try {
    await page.addInitScript(watchCompilation);
    // The widget's JS glue is held back until the test lets it through: the tap then comes
    // before the widget can be ready, as on a slow phone.
    const held = [];
    let release;
    const released = new Promise((resolve) => (release = resolve));
    await page.route(/\/widget\/brand\/.*\.js$/, async (route) => {
      held.push(route);
      await released;
      await route.continue();
    });
    await page.goto(env.brandOrigin);
    const launcher = page.getByRole("button", { name: /Nimbus Mobile/ });
    await launcher.click();

    const shell = page.locator("peerhelp-widget .shell");
    await shell.waitFor({ state: "visible" });
    const spinning = await page.evaluate(() => {
      const icon = document.querySelector("peerhelp-widget").shadowRoot.querySelector(".launcher svg");
      return getComputedStyle(icon).animationName;
    });
    assert.equal(spinning, "s", "the launcher's icon turns into a spinner");
    assert.equal(await page.getByRole("dialog").count(), 0, "the real panel is not there yet");
    await screenshots(page, "loader-skeleton");

    release();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("combobox", { name: "Search the community's answers" }).waitFor();
    await shell.waitFor({ state: "hidden" });
    assert.ok(held.length > 0, "the glue was held back");
    assert.ok((await page.evaluate(() => window.compiled)).length > 0);
    const stillSpinning = await page.evaluate(() => {
      const icon = document.querySelector("peerhelp-widget").shadowRoot.querySelector(".launcher svg");
      return getComputedStyle(icon).animationName;
    });
    assert.equal(stillSpinning, "none", "the spinner stops with the panel shown");
    await screenshots(page, "loader-panel");
    assert.deepEqual(env.problems, [], "no console errors or CSP violations");
  } finally {
    await env.tearDown();
  }
});

// The visitor's path on a brand's page: the launcher appears, the bubble opens, a search finds
// the community's answers, a thread opens with its answer, and the page sees the events.

import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, setUp, widgetAccessibilityViolations } from "./harness.js";

test("a visitor on a brand page finds and reads a community answer", async () => {
  const env = await setUp();
  const { page } = env;
  try {
    // The brand's own page code queues commands before the script has loaded.
    await page.addInitScript(() => {
      window.seen = [];
      window.PeerHelp = function () { (window.PeerHelp.q = window.PeerHelp.q || []).push(arguments); };
      for (const name of ["ready", "open", "close", "search"]) {
        window.PeerHelp("on", name, (detail) => window.seen.push(detail ? `${name}:${detail}` : name));
      }
    });
    await page.goto(env.brandOrigin);

    const launcher = page.getByRole("button", { name: /Nimbus Mobile/ });
    await launcher.click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const searchbox = dialog.getByRole("combobox", { name: "Search the community's answers" });
    await assertFocused(searchbox);
    // Rounded: the first measure may fall in the opening animation's sub-pixel steps.
    const height = async () => Math.round((await dialog.boundingBox()).height);
    const emptyHeight = await height();

    await searchbox.pressSequentially("esim qr code not working", { delay: 20 });
    const results = dialog.getByRole("listbox", { name: "Search results" }).getByRole("option");
    await results.first().waitFor();
    assert.ok((await results.count()) >= 3, "several community threads are found");
    await dialog.getByRole("status").filter({ hasText: /\d+ threads found/i }).waitFor();
    assert.ok((await dialog.locator("mark").count()) > 0, "matched words are highlighted");
    assert.equal(await height(), emptyHeight, "the panel keeps its height");
    assert.deepEqual(await widgetAccessibilityViolations(page), [], "axe-core finds no violations in the results");
    await screenshots(page, "visitor-results");

    // The keyboard moves through the results from the search box, and Enter opens one.
    await searchbox.press("ArrowDown");
    await searchbox.press("ArrowDown");
    const active = await searchbox.getAttribute("aria-activedescendant");
    assert.equal(await results.nth(1).getAttribute("id"), active);
    await searchbox.press("ArrowUp");
    const firstTitle = (await results.first().locator("mark").first().textContent()).trim();
    await searchbox.press("Enter");
    const answers = dialog.locator("li.answer");
    await answers.first().waitFor();
    assert.ok((await answers.first().textContent()).length > 20, "the answer's text is shown");
    assert.ok((await dialog.textContent()).toLowerCase().includes(firstTitle.toLowerCase()));
    assert.deepEqual(await widgetAccessibilityViolations(page), [], "axe-core finds no violations in the thread");
    await screenshots(page, "visitor-thread");

    await dialog.getByRole("button", { name: /this helped/i }).click();
    await dialog.getByRole("status").filter({ hasText: /thanks/i }).waitFor();

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await assertFocused(launcher);

    // The page drives the widget through the command queue after load too.
    await page.evaluate(() => window.PeerHelp("search", "roaming in spain"));
    await results.first().waitFor();

    // "Talk to our team" is in view under the results; the ticket reads as a conversation.
    await dialog.getByRole("button", { name: "Talk to our team" }).click();
    await dialog.getByLabel("What do you need help with?").fill("My roaming bundle did not start in Spain.");
    await dialog.getByLabel("Email for the reply").fill("kim@example.com");
    await dialog.getByRole("button", { name: "Send to the team" }).click();
    const ticket = dialog.locator(".ticket");
    await ticket.getByText(/Sent to the Nimbus Mobile team · we usually reply within/).waitFor();
    await ticket.getByText(/With our team/).waitFor();
    const text = await dialog.textContent();
    assert.ok(!text.includes("Helpers have been told") && !text.includes("Did this answer"), text);
    assert.deepEqual(await widgetAccessibilityViolations(page), [], "axe-core finds no violations in the ticket");
    await screenshots(page, "visitor-ticket");

    // On a phone the panel covers the page: Tab goes round inside it, never to the page below.
    const desktop = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
      const inPanel = await page.evaluate(() => {
        const host = document.activeElement;
        const inner = host && host.shadowRoot && host.shadowRoot.activeElement;
        return Boolean(inner && inner.closest(".panel"));
      });
      assert.ok(inPanel, `focus is still in the panel after ${i + 1} presses`);
    }
    await page.setViewportSize(desktop);

    const seen = await page.evaluate(() => window.seen);
    for (const event of ["ready", "open", "close", "search:roaming in spain"]) {
      assert.ok(seen.includes(event), `event ${event} reached the page (${seen})`);
    }
    assert.deepEqual(env.problems, [], "no console errors or CSP violations");
    const cookies = await page.context().cookies();
    assert.deepEqual(cookies, [], "the widget writes no cookie");
  } finally {
    await env.tearDown();
  }
});

test("when the site cannot be served, the launcher says so and the page is untouched", async () => {
  const env = await setUp({ site: "unknown-site", registerSite: false });
  const { page } = env;
  try {
    await page.goto(env.brandOrigin);
    await page.getByRole("button", { name: /help/i }).click();
    await page.getByRole("status").getByText(/unavailable/i).waitFor();
    assert.equal(await page.getByRole("dialog").count(), 0);
  } finally {
    await env.tearDown();
  }
});

async function assertFocused(locator) {
  await locator.page().waitForFunction(
    (element) => {
      let active = document.activeElement;
      while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
      return active === element;
    },
    await locator.elementHandle(),
  );
}

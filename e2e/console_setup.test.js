// A brand admin's first use of the console: the install page shows the script tag to copy and,
// once the brand's page has loaded the widget, when it last did; the admin invites a teammate,
// who joins through the link; a ticket goes to that teammate; the brand colour is picked with
// a live preview; a thread is pinned (the widget suggests it when a visitor opens it) and an answer
// verified. Screenshots of each page at desktop and phone sizes go to target/screenshots/.

import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, setUp } from "./harness.js";

const PASSWORD = "correct horse battery";
const THREAD = "Do Nimbus Go credits expire?";

/// Opens a ticket as a new visitor over the API; returns its reference.
async function openTicket(api, message) {
  const visitor = await (await fetch(`${api}/visitors`, { method: "POST" })).json();
  const response = await fetch(`${api}/escalations`, {
    method: "POST",
    headers: { authorization: `Bearer ${visitor.token}`, "content-type": "application/json", "idempotency-key": "first-use-1" },
    body: JSON.stringify({ message, email: "kim@example.com" }),
  });
  assert.equal(response.status, 201);
  return (await response.json()).escalation.reference;
}

/// Resolves once the computed style `property` of the first element matching `selector` is
/// `value`.
function styleIs(page, selector, property, value) {
  return page.waitForFunction(
    ([selector, property, value]) => {
      const element = document.querySelector(selector);
      return element && getComputedStyle(element)[property] === value;
    },
    [selector, property, value],
  );
}

test("an admin installs the widget, invites a teammate, assigns, picks the colour and pins a thread", async () => {
  const env = await setUp();
  const api = `${env.serverOrigin}/api/v1/sites/brand`;
  try {
    const invite = env.cli("staff", "invite", "--site", "brand", "--email", "ana@nimbus.test", "--name", "Ana Admin", "--role", "admin");
    const admin = env.page;
    await admin.goto(`${env.serverOrigin}/console/#site=brand&invite=${invite.split("\n")[0]}`);
    await admin.getByLabel(/Choose a password/).fill(PASSWORD);
    await admin.getByRole("button", { name: "Create my account" }).click();
    await admin.getByRole("heading", { name: "Escalations" }).waitFor();
    const nav = admin.getByRole("banner");

    // Install: the script tag to copy, and no load yet.
    await nav.getByRole("button", { name: "Install" }).click();
    const tag = `<script src="${env.serverOrigin}/widget.js" data-site="brand" async></script>`;
    await admin.getByText(tag).waitFor();
    await admin.getByText(/has not loaded on any of these pages yet/).waitFor();
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.serverOrigin });
    await admin.getByRole("button", { name: "Copy the script tag" }).click();
    await admin.getByText("Copied.").waitFor();
    assert.equal(await admin.evaluate(() => navigator.clipboard.readText()), tag);
    // The brand's page loads the widget; the check says so.
    const visitor = await env.openPage();
    await visitor.goto(env.brandOrigin);
    await visitor.getByRole("button", { name: /Nimbus Mobile/ }).waitFor();
    await admin.getByRole("button", { name: "Check again" }).click();
    await admin.getByText(`The widget loaded less than a minute ago, on a page of ${env.brandOrigin}.`).waitFor();
    await screenshots(admin, "console-install");

    // Invite a teammate: the link to copy (this server sends no email), the form cleared.
    await nav.getByRole("button", { name: "Staff" }).click();
    await admin.getByLabel("Their name").fill("Lee Park");
    await admin.getByLabel("Their email").fill("lee@nimbus.test");
    await admin.getByRole("button", { name: "Invite", exact: true }).click();
    await admin.getByText("This server does not send email: send this link to lee@nimbus.test yourself.").waitFor();
    const link = await admin.getByLabel(/Invitation link/).inputValue();
    assert.ok(link.startsWith(`${env.serverOrigin}/console/#site=brand&invite=`), link);
    assert.equal(await admin.getByLabel("Their name").inputValue(), "");
    await screenshots(admin, "console-invite");
    // Lee joins through it in their own browser; the console then remembers the site.
    const lee = await env.openPage();
    await lee.goto(link);
    await lee.getByLabel(/Choose a password/).fill("another good password");
    await lee.getByRole("button", { name: "Create my account" }).click();
    await lee.getByRole("heading", { name: "Escalations" }).waitFor();

    // A ticket: the request shown once; "Assign to me" until it is mine; then to Lee.
    const request = "My bill doubled this month and nobody told me why";
    const reference = await openTicket(api, request);
    // It reaches Lee's open queue live, so Lee's console has loaded and its stream is open:
    // signing out now leaves none of Lee's requests in flight to be refused after it.
    await lee.getByRole("row").filter({ hasText: reference }).waitFor();
    // A request of Lee's still on its way when Lee signs out is aborted, not sent on after the
    // sign-out to be refused with 401: the Threads page's list is held until the sign-out is done.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const isList = (request) => request.url().includes("/threads?q=");
    await lee.route((url) => url.pathname.endsWith("/threads"), async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    const listOutcome = Promise.race([
      lee.waitForEvent("requestfailed", isList).then((request) => request.failure().errorText),
      lee.waitForResponse((response) => isList(response.request())).then((response) => `HTTP ${response.status()}`),
    ]);
    const listRequested = lee.waitForRequest(isList);
    await lee.getByRole("banner").getByRole("button", { name: "Threads" }).click();
    await listRequested;
    const signedOut = lee.waitForResponse((response) => response.url().endsWith("/staff/sign-out"));
    await lee.getByRole("button", { name: "Sign out" }).click();
    assert.equal((await signedOut).status(), 204);
    release();
    assert.equal(await listOutcome, "net::ERR_ABORTED");
    assert.equal(await lee.getByLabel("Site").inputValue(), "brand");
    await nav.getByRole("button", { name: "Escalations" }).click();
    await admin.getByRole("row").filter({ hasText: reference }).getByRole("button", { name: request }).click();
    await admin.getByRole("heading", { name: `Ticket ${reference}` }).waitFor();
    await admin.getByText(request).waitFor();
    assert.equal(await admin.getByText(request).count(), 1, "the request is shown once");
    const facts = admin.locator(".facts");
    await admin.getByRole("button", { name: "Assign to me" }).click();
    await facts.getByText("Ana Admin").waitFor();
    await admin.getByRole("button", { name: "Assign to me" }).waitFor({ state: "detached" });
    await admin.getByLabel("Assigned to").selectOption({ label: "Lee Park" });
    await facts.getByText("Lee Park").waitFor();
    await admin.getByRole("button", { name: "Assign to me" }).waitFor();
    await screenshots(admin, "console-ticket-assigned");
    const ticket = await (await fetch(`${api}/escalations?status=open`, { headers: { authorization: `Bearer ${await admin.evaluate(() => localStorage.getItem("peerhelp-console:token"))}` } })).json();
    assert.equal(ticket.tickets.find((t) => t.reference === reference).assignee.name, "Lee Park");

    // The brand colour: the preview follows the picker, with readable text on it.
    await nav.getByRole("button", { name: "Settings" }).click();
    await admin.getByLabel(/^Brand colour/).fill("#ffdd00");
    await styleIs(admin, ".preview-header", "backgroundColor", "rgb(255, 221, 0)");
    await styleIs(admin, ".preview-header", "color", "rgb(0, 0, 0)");
    await styleIs(admin, ".preview-launcher", "backgroundColor", "rgb(255, 221, 0)");
    await admin.getByText(/Text on it is black, contrast 1[0-9]\.\d:1\./).waitFor();
    await admin.getByLabel("Pick the brand colour").fill("#0b3d91");
    await styleIs(admin, ".preview-header", "color", "rgb(255, 255, 255)");
    assert.equal(await admin.getByLabel(/^Brand colour/).inputValue(), "#0b3d91");
    await screenshots(admin, "console-settings-colour");
    await admin.getByRole("button", { name: "Save" }).click();
    await admin.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const config = await (await fetch(`${api}/config`)).json();
    assert.equal(config.color, "#0b3d91");
    assert.equal(config.text_color, "#ffffff");

    // Threads: search, pin (the widget's empty search now suggests it), verify an answer.
    await nav.getByRole("button", { name: "Threads" }).click();
    await admin.getByRole("searchbox", { name: "Search threads" }).fill("credits expire");
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByRole("button", { name: `Pin “${THREAD}”` }).click();
    await admin.getByRole("button", { name: `Unpin “${THREAD}”` }).waitFor();
    const suggested = await (await fetch(`${api}/search?q=`)).json();
    assert.deepEqual(suggested.results.map((hit) => hit.title), [THREAD]);
    // A visitor opening the widget sees it before typing anything.
    await visitor.reload();
    await visitor.getByRole("button", { name: /Nimbus Mobile/ }).click();
    await visitor.getByRole("heading", { name: "Suggested answers" }).waitFor();
    await visitor.getByRole("option", { name: THREAD }).waitFor();
    await screenshots(visitor, "widget-suggestions");
    await admin.getByRole("button", { name: THREAD, exact: true }).click();
    await admin.getByRole("heading", { name: THREAD }).waitFor();
    await admin.getByRole("button", { name: "Mark verified" }).first().click();
    await admin.getByText("Verified by staff").waitFor();
    await screenshots(admin, "console-thread-review");
    await admin.getByRole("button", { name: "← All threads" }).click();
    assert.equal(await admin.getByRole("searchbox", { name: "Search threads" }).inputValue(), "credits expire");
    const pinnedRow = admin.getByRole("row").filter({ hasText: THREAD });
    await pinnedRow.getByText("3 · 1 verified").waitFor();
    await pinnedRow.getByText("Pinned", { exact: true }).waitFor();
    await screenshots(admin, "console-threads");

    // Insights: each figure explained, the chart with its axes and legend.
    await nav.getByRole("button", { name: "Insights" }).click();
    await admin.getByText("Requests visitors sent to your team.").waitFor();
    await admin.getByRole("img", { name: /sessions/ }).scrollIntoViewIfNeeded();
    await screenshots(admin, "console-insights");
    assert.deepEqual(env.problems, [], "no console errors or CSP violations in any browser");
  } finally {
    await env.tearDown();
  }
});

// The staff flow across two browsers: a visitor on the brand's page hands a question to the
// team from the widget; a staff member invited with `peerhelp staff invite` joins in the
// console, finds the ticket with what the visitor searched for, takes it and replies; the
// visitor's open widget shows who is handling it and then the named reply, live.

import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, setUp, viewports, widgetAccessibilityViolations } from "./harness.js";

const REQUEST = "My watch eSIM stopped working after the update";
const REPLY = "I have reset your watch's eSIM profile: restart the watch and it reconnects.";

test("a visitor escalates, staff reply in the console, the widget shows the named reply", async () => {
  const env = await setUp();
  const visitor = env.page;
  try {
    // The visitor searches, finds nothing that fits, and contacts the team.
    await visitor.goto(env.brandOrigin);
    await visitor.getByRole("button", { name: /Nimbus Mobile/ }).click();
    const panel = visitor.getByRole("dialog");
    await panel.getByRole("combobox", { name: "Search the community's answers" }).fill("watch esim update");
    await panel.getByRole("status").filter({ hasText: /found/i }).waitFor();
    await panel.getByRole("button", { name: "Talk to our team" }).click();
    await panel.getByLabel("What do you need help with?").fill(REQUEST);
    await panel.getByLabel("Email for the reply").fill("kim@example.com");
    await panel.getByRole("button", { name: "Send to the team" }).click();
    const ticket = panel.locator(".ticket");
    await ticket.getByText(/Ticket PH-/).waitFor();
    await ticket.getByText(/With our team/).waitFor();
    const reference = (await ticket.textContent()).match(/PH-[A-Z0-9]{6}/)[0];

    // A new staff member joins through the invitation link and sees the ticket in the queue.
    const invite = env.cli("staff", "invite", "--site", "brand", "--email", "sam@nimbus.test", "--name", "Sam Ortiz", "--role", "admin");
    const code = invite.split("\n")[0];
    assert.match(invite, new RegExp(`/console/#site=brand&invite=${code}`));
    const staff = await env.openPage();
    await staff.goto(`${env.serverOrigin}/console/#site=brand&invite=${code}`);
    await staff.getByLabel(/Choose a password/).fill("correct horse battery");
    await staff.getByRole("button", { name: "Create my account" }).click();
    await staff.getByRole("heading", { name: "Escalations" }).waitFor();
    assert.ok(!staff.url().includes("invite="), "the invitation code leaves the address bar");
    const row = staff.getByRole("row").filter({ hasText: reference });
    await row.getByRole("button", { name: REQUEST }).click();

    // The ticket carries what the visitor would otherwise repeat.
    await staff.getByRole("heading", { name: `Ticket ${reference}` }).waitFor();
    await staff.getByText("kim@example.com").waitFor();
    await staff.getByText("watch esim update").waitFor();
    await staff.getByText(env.brandOrigin, { exact: false }).first().waitFor();

    // Taking it names the staff member in the visitor's widget; the reply arrives there.
    await staff.getByRole("button", { name: "Assign to me" }).click();
    await ticket.getByText("Sam Ortiz from our team is handling this.").waitFor();
    assert.equal(await ticket.locator(".avatar").textContent(), "SO");
    await staff.getByLabel(/Reply to the visitor/).fill(REPLY);
    await staff.getByRole("button", { name: "Send reply" }).click();
    const reply = panel.locator("li.answer.staff").filter({ hasText: "restart the watch" });
    await reply.waitFor();
    assert.equal(await reply.locator(".badge").textContent(), "Reply from our team");
    assert.match(await reply.locator(".answer-meta").textContent(), /^Sam Ortiz/);
    await panel.getByRole("status").filter({ hasText: "New reply from Sam Ortiz" }).waitFor();
    await staff.getByText(REPLY).waitFor();

    // Resolving shows in the widget too.
    await staff.getByRole("button", { name: "Resolve" }).click();
    await ticket.getByText("Resolved by our team.").waitFor();
    assert.deepEqual(await widgetAccessibilityViolations(visitor), [], "axe-core finds no violations in the ticket view");

    // The rest of the console: insights count this visit, the audit log has the actions,
    // and a settings change reaches the brand's widget configuration.
    const nav = staff.getByRole("banner");
    await nav.getByRole("button", { name: "Insights" }).click();
    await staff.getByRole("img", { name: /1 sessions, 0 questions, 1 escalations/ }).waitFor();
    await staff.getByRole("cell", { name: "watch esim update" }).waitFor();
    await nav.getByRole("button", { name: "Moderation" }).click();
    await staff.getByText(/Nothing is flagged/).waitFor();
    await nav.getByRole("button", { name: "Helpers" }).click();
    await staff.getByRole("heading", { name: "Helpers" }).waitFor();
    await nav.getByRole("button", { name: "Audit log" }).click();
    await staff.getByRole("cell", { name: "escalation.resolved" }).waitFor();
    await nav.getByRole("button", { name: "Settings" }).click();
    await staff.getByLabel(/^Greeting/).fill("Hello from the Nimbus team!");
    await staff.getByRole("button", { name: "Save" }).click();
    await staff.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const config = await (await fetch(`${env.serverOrigin}/api/v1/sites/brand/config`)).json();
    assert.equal(config.greeting, "Hello from the Nimbus team!");
    await nav.getByRole("button", { name: "Webhooks" }).click();
    await staff.getByText("No webhooks yet.").waitFor();
    assert.deepEqual(env.problems, [], "no console errors or CSP violations in either browser");
  } finally {
    await env.tearDown();
  }
});

/// The page scrolls sideways when its content is wider than the window.
async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test("the open console follows new tickets and flags live, and works on a phone", async () => {
  const env = await setUp();
  const staff = env.page;
  const api = `${env.serverOrigin}/api/v1/sites/brand`;
  const post = async (path, token, body, headers = {}) => {
    const response = await fetch(`${api}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify(body ?? {}),
    });
    const text = await response.text();
    assert.ok(response.ok, `${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  try {
    const invite = env.cli("staff", "invite", "--site", "brand", "--email", "ana@nimbus.test", "--name", "Ana Ruiz", "--role", "admin");
    const code = invite.split("\n")[0];
    const streamOpened = staff.waitForRequest((request) => request.url().includes("/staff/events?token="));
    // The console's timers are faked: once paused, nothing on a timer (a poll) can run, so
    // whatever appears afterwards came down the event stream.
    await staff.clock.install();
    await staff.goto(`${env.serverOrigin}/console/#site=brand&invite=${code}`);
    await staff.getByLabel(/Choose a password/).fill("correct horse battery");
    await staff.getByRole("button", { name: "Create my account" }).click();
    await staff.getByRole("heading", { name: "Escalations" }).waitFor();
    await staff.getByText("No tickets here.").waitFor();
    const nav = staff.getByRole("navigation");
    assert.equal(await nav.getByRole("button", { name: "Escalations" }).getAttribute("aria-current"), "page");
    assert.equal(await nav.getByRole("button", { name: "Moderation" }).getAttribute("aria-current"), null);
    await streamOpened;
    await staff.clock.pauseAt(Date.now() + 1000);

    // A visitor hands a request to the team: the ticket appears in the open queue.
    const visitor = (await post("/visitors")).token;
    const request = "My number did not port over from my old carrier";
    const created = await post("/escalations", visitor, { message: request, email: "lee@example.com" }, { "idempotency-key": "live-1" });
    const reference = created.escalation.reference;
    const row = staff.getByRole("row").filter({ hasText: reference });
    await row.getByRole("button", { name: request }).waitFor();
    await screenshots(staff, "console-queue");

    // On a phone: no sideways scrolling, the pages behind a menu, the reply within reach.
    await staff.setViewportSize(viewports.phone);
    assert.equal(await scrollsSideways(staff), false, "the queue fits 390 px");
    const menu = staff.getByRole("button", { name: "Menu" });
    assert.equal(await staff.locator("#console-nav").isVisible(), false, "the pages fold into the menu");
    assert.equal(await menu.getAttribute("aria-expanded"), "false");
    await row.getByRole("button", { name: request }).click();
    await staff.getByRole("heading", { name: `Ticket ${reference}` }).waitFor();
    assert.equal(await scrollsSideways(staff), false, "the ticket fits 390 px");
    const reply = "Your number is ported: restart the phone and it is back.";
    await staff.getByLabel(/Reply to the visitor/).fill(reply);
    const send = staff.getByRole("button", { name: "Send reply" });
    await send.scrollIntoViewIfNeeded();
    assert.ok(await send.isVisible(), "the reply button is visible");
    const box = await send.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= viewports.phone.width, "the reply button is within the screen's width");
    await send.click();
    await staff.locator(".message.staff").filter({ hasText: "Your number is ported" }).waitFor();
    assert.equal(await staff.getByLabel(/Reply to the visitor/).inputValue(), "", "the reply box clears once sent");
    await screenshots(staff, "console-ticket");

    // The menu leads to moderation, where a new flag appears as it is raised.
    await menu.click();
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    assert.equal(await nav.getByRole("button", { name: "Escalations" }).getAttribute("aria-current"), "page", "a ticket belongs to the escalations");
    await screenshots(staff, "console-menu");
    await nav.getByRole("button", { name: "Moderation" }).click();
    await staff.getByText(/Nothing is flagged/).waitFor();
    assert.equal(await staff.locator("#console-nav").isVisible(), false, "choosing a page closes the menu");
    await menu.click();
    assert.equal(await nav.getByRole("button", { name: "Moderation" }).getAttribute("aria-current"), "page");
    assert.equal(await nav.getByRole("button", { name: "Escalations" }).getAttribute("aria-current"), null);
    await menu.click();
    const search = await (await fetch(`${api}/search?q=${encodeURIComponent("credit expire")}`)).json();
    const thread = await (await fetch(`${api}/threads/${search.results[0].id}`)).json();
    await post(`/answers/${thread.answers[0].id}/flags`, visitor, { reason: "wrong" });
    await staff.getByText(/flagged spam 0, rude 0, wrong 1/).waitFor();
    assert.equal(await scrollsSideways(staff), false, "moderation fits 390 px");
    await screenshots(staff, "console-moderation");

    // Every other page fits a phone too.
    for (const name of ["Helpers", "Insights", "Settings", "Webhooks", "Privacy", "Staff", "Audit log"]) {
      await menu.click();
      await nav.getByRole("button", { name }).click();
      await staff.getByRole("heading", { level: 2 }).first().waitFor();
      await staff.getByText("Loading…").first().waitFor({ state: "detached" });
      assert.equal(await scrollsSideways(staff), false, `${name} fits 390 px`);
    }
    // Dates read in the staff member's language, relative when recent, exact on hover.
    const when = staff.getByRole("cell").locator("time").first();
    assert.equal(await when.textContent(), "now");
    assert.match(await when.getAttribute("title"), /\d{4}/);
    // A checkbox sits beside its label, on the same line.
    await menu.click();
    await nav.getByRole("button", { name: "Webhooks" }).click();
    const besideItsText = await staff.getByRole("checkbox", { name: "thread.created" }).evaluate((input) => {
      const text = [...input.parentElement.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
      const range = document.createRange();
      range.selectNodeContents(text);
      const [words, box] = [range.getBoundingClientRect(), input.getBoundingClientRect()];
      return Math.abs((words.top + words.bottom) / 2 - (box.top + box.bottom) / 2) < 4 && box.right <= words.left;
    });
    assert.ok(besideItsText, "a checkbox sits beside its label's text, on the same line");
    await screenshots(staff, "console-webhooks");

    assert.deepEqual(env.problems, [], "no console errors or CSP violations");

    // Once the session ends (another admin disables the account), the console says it is no
    // longer live instead of silently going stale.
    const second = env.cli("staff", "invite", "--site", "brand", "--email", "bo@nimbus.test", "--name", "Bo Lind", "--role", "admin").split("\n")[0];
    const bo = await post("/staff/accept", null, { code: second, password: "correct horse battery" });
    const accounts = await (await fetch(`${api}/staff`, { headers: { authorization: `Bearer ${bo.token}` } })).json();
    const ana = accounts.staff.find((account) => account.member.email === "ana@nimbus.test").member.id;
    await post(`/staff/${ana}/disable`, bo.token);
    await staff.getByRole("alert").filter({ hasText: "Live updates have stopped" }).waitFor();
    // The browser reports the refused reconnection itself: that one is expected.
    env.problems.splice(0, env.problems.length, ...env.problems.filter((problem) => !/status of 401/.test(problem)));
    assert.deepEqual(env.problems, [], "no console errors or CSP violations");
  } finally {
    await env.tearDown();
  }
});

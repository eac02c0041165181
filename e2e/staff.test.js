// The staff flow across two browsers: a visitor on the brand's page hands a question to the
// team from the widget; a staff member invited with `peerhelp staff invite` joins in the
// console, finds the ticket with what the visitor searched for, takes it and replies; the
// visitor's open widget shows who is handling it and then the named reply, live.

import { test } from "node:test";
import assert from "node:assert/strict";
import { setUp, widgetAccessibilityViolations } from "./harness.js";

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

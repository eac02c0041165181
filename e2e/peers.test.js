// Two people on a brand's page, in two browser profiles: a visitor asks the community, a peer
// helper invited with `peerhelp helper invite` answers from helper mode in the same widget, and
// the reply arrives in the visitor's open widget without a reload; the visitor accepts it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { screenshots, setUp, widgetAccessibilityViolations } from "./harness.js";

const QUESTION = "Can my Nimbus eSIM move to a smartwatch?";
const REPLY = "Yes: open the Nimbus app, choose **Add a device** and scan the watch's code.";

test("a visitor asks, a helper replies from helper mode, the reply appears live", async () => {
  const env = await setUp();
  const visitor = env.page;
  try {
    const invite = env.cli("helper", "invite", "--site", "brand", "--name", "Dana Reyes", "--page", `${env.brandOrigin}/help`);
    const link = invite.split("\n")[0];
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/help#peerhelp-invite=/);

    // The helper opens the invite link: the widget opens on the helper desk and signs in.
    const helper = await env.openPage();
    await helper.goto(link);
    const desk = helper.getByRole("dialog");
    await desk.getByText(/Dana Reyes · Newcomer/).waitFor();
    assert.ok(!helper.url().includes("peerhelp-invite"), "the single-use code leaves the address bar");
    await desk.getByRole("button", { name: /go online/i }).click();
    await desk.getByRole("button", { name: /Online: taking questions/ }).waitFor();

    // The visitor sees who is online, then asks.
    await visitor.addInitScript(() => {
      window.seen = [];
      window.PeerHelp = function () { (window.PeerHelp.q = window.PeerHelp.q || []).push(arguments); };
      for (const name of ["asked", "answered"]) window.PeerHelp("on", name, (detail) => window.seen.push(name));
    });
    await visitor.goto(env.brandOrigin);
    await visitor.getByRole("button", { name: /Nimbus Mobile/ }).click();
    const panel = visitor.getByRole("dialog");
    await panel.getByText("1 helper online").click();
    await panel.getByRole("listitem").filter({ hasText: "Dana Reyes" }).getByText("Newcomer").waitFor();
    // Presence is live for a visitor who has not asked anything: the helper steps away and
    // comes back, and the count and the list follow.
    await desk.getByRole("button", { name: /Online: taking questions/ }).click();
    await panel.getByText("1 helper online").waitFor({ state: "detached" });
    assert.equal(await panel.getByRole("listitem").filter({ hasText: "Dana Reyes" }).count(), 0);
    await desk.getByRole("button", { name: /go online/i }).click();
    await panel.getByText("1 helper online").click();
    await panel.getByRole("listitem").filter({ hasText: "Dana Reyes" }).waitFor();
    await screenshots(visitor, "presence-live");
    await panel.getByRole("navigation", { name: "Community" }).getByRole("button", { name: "Ask the community" }).click();
    await panel.getByLabel("Your question").fill(QUESTION);
    await panel.getByLabel("Details (optional)").fill("I bought a watch with eSIM support.");
    await panel.getByRole("button", { name: "Post question" }).click();
    await panel.getByRole("heading", { name: QUESTION }).waitFor();
    await panel.getByText(/Helpers have been told/).waitFor();

    // The question reaches the helper's queue live; the helper answers it inline.
    const queued = desk.getByRole("list", { name: "Open questions" }).getByRole("button", { name: new RegExp(QUESTION) });
    await queued.click();
    await desk.getByRole("heading", { name: QUESTION }).waitFor();
    await desk.getByLabel("Your answer").fill(REPLY);
    await desk.getByRole("button", { name: "Post answer" }).click();
    await desk.locator("li.answer").filter({ hasText: "scan the watch's code" }).waitFor();
    assert.equal(await desk.getByLabel("Your answer").inputValue(), "", "the composer clears once posted");
    assert.equal(await desk.getByText("Did this answer your question?").count(), 0, "helpers are not asked for feedback");

    // The visitor's open widget shows the reply, sanitized and rendered, and announces it.
    const answer = panel.locator("li.answer").filter({ hasText: "scan the watch's code" });
    await answer.waitFor();
    assert.equal(await answer.locator("strong").textContent(), "Add a device");
    await panel.getByRole("status").filter({ hasText: "New reply from Dana Reyes" }).waitFor();
    assert.deepEqual(await widgetAccessibilityViolations(visitor), [], "axe-core finds no violations in the live thread");

    // The asker accepts it; the helper's points follow live.
    await answer.getByRole("button", { name: "Accept this answer" }).click();
    await answer.getByText("✓ Accepted answer").waitFor();
    await desk.getByRole("button", { name: "Back to the queue" }).click();
    await desk.getByText(/15 points/).waitFor();

    const seen = await visitor.evaluate(() => window.seen);
    assert.deepEqual(seen, ["asked", "answered"], "the page hears of the question and of its reply");
    assert.deepEqual(env.problems, [], "no console errors or CSP violations in either browser");
  } finally {
    await env.tearDown();
  }
});

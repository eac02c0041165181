// A privacy request in the staff console: a visitor asks a question leaving their email; a staff
// admin finds them by that email on the Privacy screen, downloads their export, erases them
// with their question, and sets how long the site keeps widget activity.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setUp } from "./harness.js";

const QUESTION = "Can I move my plan to my partner's name?";
const EMAIL = "lee@example.com";

test("a staff admin finds, exports and erases a visitor, and sets retention", async () => {
  const env = await setUp();
  try {
    // The visitor, through the API as the widget would.
    const api = `${env.serverOrigin}/api/v1/sites/brand`;
    const session = await (await fetch(`${api}/visitors`, { method: "POST" })).json();
    const asked = await fetch(`${api}/threads`, {
      method: "POST",
      headers: { authorization: `Bearer ${session.token}`, "content-type": "application/json", "idempotency-key": "q-1" },
      body: JSON.stringify({ title: QUESTION, body: "We share the account.", email: EMAIL }),
    });
    assert.equal(asked.status, 201);
    const thread = await asked.json();

    const invite = env.cli("staff", "invite", "--site", "brand", "--email", "ana@nimbus.test", "--name", "Ana Admin", "--role", "admin");
    const staff = env.page;
    await staff.goto(`${env.serverOrigin}/console/#site=brand&invite=${invite.split("\n")[0]}`);
    await staff.getByLabel(/Choose a password/).fill("correct horse battery");
    await staff.getByRole("button", { name: "Create my account" }).click();
    await staff.getByRole("banner").getByRole("button", { name: "Privacy" }).click();
    await staff.getByRole("heading", { name: "Privacy" }).waitFor();

    // Found by the email they typed, in another case.
    await staff.getByLabel("Search by").selectOption("email");
    await staff.getByLabel("Email or customer id").fill("LEE@example.com");
    await staff.getByRole("button", { name: "Find" }).click();
    const row = staff.getByRole("row").filter({ hasText: "anonymous" });
    await row.waitFor();

    // The export downloads as JSON holding their question.
    const [download] = await Promise.all([staff.waitForEvent("download"), row.getByRole("button", { name: "Export JSON" }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(exported.threads[0].title, QUESTION);
    assert.equal(exported.threads[0].email, EMAIL);

    // Erasing asks first, then the question and the session are gone.
    staff.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: "Erase with questions" }).click();
    await staff.getByRole("status").filter({ hasText: "Erased. Questions: 1; sessions ended: 1" }).waitFor();
    await row.waitFor({ state: "detached" });
    assert.equal((await fetch(`${api}/threads/${thread.id}`)).status, 404);
    const mine = await fetch(`${api}/visitors/me/threads`, { headers: { authorization: `Bearer ${session.token}` } });
    assert.equal(mine.status, 401);

    // Retention on the same screen.
    await staff.getByLabel("Days widget activity is kept").fill("30");
    await staff.getByRole("button", { name: "Save" }).click();
    await staff.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const token = await staff.evaluate(() => localStorage.getItem("peerhelp-console:token"));
    const settings = await (await fetch(`${api}/settings`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.equal(settings.activity_retention_days, 30);
    assert.deepEqual(env.problems, [], "no console errors or CSP violations");
  } finally {
    await env.tearDown();
  }
});

// The library in localStorage: reload keeps everything, create/open/rename/duplicate/delete,
// two tabs, a full or unavailable storage, corrupted and older entries.
import { test, expect } from "./fixtures.mjs";
import { drag, open, scoreOf, weights } from "./helpers.mjs";

const saved = (page) => page.getByRole("list", { name: "Saved scorecards" }).getByRole("listitem");
const nameBox = (page) => page.getByRole("textbox", { name: "Scorecard name" });
const status = (page) => page.locator(".save-status");

/**
 * Opens the app with its autosave held: the 300 ms pause after an edit (SAVE_AFTER in
 * src/library.rs) never ends until the test calls `releaseSaves`, so this tab's edits stay
 * unsaved ("Saving…"). Only this page is touched; other tabs keep real timers.
 */
async function openHeld(page) {
  await page.addInitScript(() => {
    const held = [];
    const realSetTimeout = window.setTimeout;
    window.setTimeout = (run, ms, ...args) => (ms === 300 ? (held.push(() => run(...args)), -1) : realSetTimeout(run, ms, ...args));
    window.releaseSaves = () => held.splice(0).forEach((run) => run());
  });
  await open(page);
}

/** Two tabs on one browser's storage, opened one after the other (`open` or `openHeld` each). */
async function twoTabs(context, openA = open, openB = open) {
  const a = await context.newPage();
  await openA(a);
  const b = await context.newPage();
  await openB(b);
  return [a, b];
}

/** Ends the held autosave pauses of a page opened with `openHeld`. */
const releaseSaves = (page) => page.evaluate(() => window.releaseSaves());

/** The scorecard entries in this page's localStorage, parsed. */
async function storedCards(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("healthscore.card."))
      .map((k) => JSON.parse(localStorage.getItem(k)).scorecard),
  );
}

test("reload keeps the scorecard, its edits and the pasted accounts", async ({ page }) => {
  await open(page);
  await expect(status(page)).toHaveText("Saved");
  await nameBox(page).fill("Enterprise segment");
  const slider = page.getByRole("slider", { name: "Weight of Core-feature usage" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.getByRole("textbox", { name: "Owner for Red" }).fill("CS lead");
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,Core feature usage %\nSolo Ltd,90%\n");
  const before = await weights(page);
  expect(before[0]).toBe(22);
  await page.reload();
  await expect(nameBox(page)).toHaveValue("Enterprise segment");
  await expect.poll(() => weights(page)).toEqual(before);
  await expect(page.getByRole("textbox", { name: "Owner for Red" })).toHaveValue("CS lead");
  await expect(page.getByRole("textbox", { name: /Paste accounts/ })).toHaveValue("Account,Core feature usage %\nSolo Ltd,90%\n");
  await expect(saved(page)).toHaveCount(1);
  await expect(saved(page).first()).toContainText("Enterprise segment");
});

test("create from a template, open, rename, duplicate, delete and undo the delete", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Start from" }).selectOption({ label: "B2B SaaS five components" });
  await page.getByRole("button", { name: "New scorecard" }).click();
  await expect(nameBox(page)).toHaveValue("B2B SaaS five components");
  await expect(saved(page)).toHaveCount(2);

  await page.getByRole("button", { name: "DEAR 100-point scorecard", exact: true }).click();
  await expect(nameBox(page)).toHaveValue("DEAR 100-point scorecard");
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).score).toBe("68.0");

  await page.getByRole("button", { name: "Rename B2B SaaS five components" }).click();
  const rename = page.getByRole("textbox", { name: "New name for B2B SaaS five components" });
  await expect(rename).toBeFocused();
  await page.keyboard.type("Mid-market");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Mid-market", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Duplicate Mid-market" }).click();
  await expect(nameBox(page)).toHaveValue("Mid-market (2)");
  await expect(saved(page)).toHaveCount(3);

  await page.getByRole("button", { name: "Delete Mid-market (2)" }).click();
  await expect(saved(page)).toHaveCount(2);
  await expect(nameBox(page)).not.toHaveValue("Mid-market (2)");
  await page.getByRole("button", { name: "Undo delete" }).click();
  await expect(saved(page)).toHaveCount(3);
  await expect(nameBox(page)).toHaveValue("Mid-market (2)");

  // The blank card: no metrics yet, and it says what to do first.
  await page.getByRole("combobox", { name: "Start from" }).selectOption({ label: "Blank scorecard" });
  await page.getByRole("button", { name: "New scorecard" }).click();
  await expect(nameBox(page)).toHaveValue("Untitled scorecard");
  await expect(page.getByRole("note", { name: "Getting started" })).toBeVisible();
});

test("undo and redo walk back and forth across slider drags, one step per drag, from buttons and keys", async ({ page }) => {
  await open(page);
  const original = await weights(page);
  await drag(page, page.getByRole("slider", { name: "Weight of Login frequency" }), 0.6);
  await expect.poll(async () => (await weights(page))[1]).toBeGreaterThan(40);
  const first = await weights(page);
  await drag(page, page.getByRole("slider", { name: "Weight of NPS" }), 0.5);
  await expect.poll(async () => (await weights(page))[8]).toBeGreaterThan(30);
  const second = await weights(page);
  for (const list of [first, second]) expect(list.reduce((a, b) => a + b, 0)).toBe(100);
  await page.locator("h1").click();
  await page.keyboard.press("Control+z");
  await expect.poll(() => weights(page)).toEqual(first);
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect.poll(() => weights(page)).toEqual(original);
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => weights(page)).toEqual(first);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect.poll(() => weights(page)).toEqual(second);
  await expect(page.getByRole("button", { name: "Redo" })).toBeDisabled();
});

test("two tabs on one scorecard: a tab with no unsaved edits follows the other tab's saves and says so", async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await nameBox(b).fill("Edited in tab B");
  await expect(nameBox(a)).toHaveValue("Edited in tab B");
  await expect(a.getByRole("alert").filter({ hasText: "Updated from another tab" })).toBeVisible();
  await expect(status(a)).toHaveText("Saved");
  await expect(a.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
  // A fresh undo history: an undo cannot bring this tab's old version back over B's.
  await expect(a.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
  // It follows again, and its own next edit saves over the version it loaded, which B follows.
  await nameBox(b).fill("Edited again in B");
  await expect(nameBox(a)).toHaveValue("Edited again in B");
  await nameBox(a).fill("Then edited in A");
  await expect(status(a)).toHaveText("Saved");
  await expect(nameBox(b)).toHaveValue("Then edited in A");
  expect((await storedCards(a)).map((c) => c.name)).toEqual(["Then edited in A"]);
  for (const page of [a, b]) await expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
});

test("two tabs on one scorecard: with unsaved edits the change is announced, nothing is overwritten, keep mine saves a copy", async ({ context }) => {
  const [a, b] = await twoTabs(context, openHeld);
  await nameBox(a).fill("Edited in tab A");
  await expect(status(a)).toHaveText("Saving\u2026");
  await nameBox(b).fill("Edited in tab B");
  await expect(a.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();
  await expect(status(a)).toContainText("Not saved: paused");
  await expect(nameBox(a)).toHaveValue("Edited in tab A");
  // Tab A keeps working, but does not overwrite B's version.
  await nameBox(a).fill("Edited in tab A, again");
  await releaseSaves(a);
  expect((await storedCards(a)).map((c) => c.name)).toEqual(["Edited in tab B"]);
  await a.getByRole("button", { name: "Keep mine as a copy" }).click();
  await expect(a.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
  await expect.poll(async () => (await storedCards(a)).map((c) => c.name).sort()).toEqual(["Edited in tab A, again", "Edited in tab B"]);
  await expect(status(a)).toHaveText("Saved");
  await expect(nameBox(b)).toHaveValue("Edited in tab B");
});

test("two tabs: with unsaved edits, loading the other tab's version replaces mine", async ({ context }) => {
  const [a, b] = await twoTabs(context, open, openHeld);
  await nameBox(b).fill("B's draft");
  await nameBox(a).fill("Mine");
  await expect(b.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();
  await b.getByRole("button", { name: "Load the other tab's version" }).click();
  await expect(nameBox(b)).toHaveValue("Mine");
  await expect(b.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
  await expect(status(b)).toHaveText("Saved");
});

test("a full storage says so, keeps working in memory and offers an export", async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await nameBox(page).fill("Too big to save");
  const alert = page.getByRole("alert").filter({ hasText: "storage for Healthscore is full" });
  await expect(alert).toBeVisible();
  await expect(status(page)).toContainText("Not saved");
  // Still working: a weight edit rescoring the accounts.
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await weights(page))[0]).toBe(19);
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: "Export scorecard" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Too big to save.json");
});

test("unavailable storage: the app opens with the demo, says why, and offers an export", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await open(page);
  await expect(page.getByRole("alert").filter({ hasText: "does not let Healthscore save" })).toBeVisible();
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).score).toBe("68.0");
  await expect(status(page)).toContainText("Not saved");
});

test("a corrupted entry is moved aside, never deleted, and the rest still opens", async ({ page }) => {
  await open(page);
  await page.evaluate(() => localStorage.setItem("healthscore.card.broken", '{"saved_at": 1, "scorecard": {"version": 2, "name": '));
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toContainText("moved aside (not deleted)");
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).score).toBe("68.0");
  expect(await page.evaluate(() => localStorage.getItem("healthscore.unreadable.broken"))).toBe('{"saved_at": 1, "scorecard": {"version": 2, "name": ');
  expect(await page.evaluate(() => localStorage.getItem("healthscore.card.broken"))).toBeNull();
  const aside = page.getByRole("region", { name: "Set aside: could not be read" });
  const download = page.waitForEvent("download");
  await aside.getByRole("button", { name: "Download it" }).click();
  expect((await download).suggestedFilename()).toBe("unreadable-broken.json");
  await aside.getByRole("button", { name: "Delete it for good" }).click();
  await expect(aside).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("healthscore.unreadable.broken"))).toBeNull();
});

test("an older saved scorecard (version 1) is migrated on load", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem("healthscore.current-card", JSON.stringify({
      version: 1, name: "From last year",
      metrics: [{ id: "usage", name: "Usage", category: "adoption", signal: "leading", weight: 100,
        input: { column: "Core feature usage %" }, rule: { kind: "linear", floor: 0, target: 100 }, missing: { policy: "zero" } }],
      bands: [{ label: "Red", colour: "#dc2626", from: 0, playbook: "Call the sponsor this week" }, { label: "Green", colour: "#16a34a", from: 60 }],
      grades: [],
    }));
  });
  await page.reload();
  await expect(nameBox(page)).toHaveValue("From last year");
  await expect(page.getByRole("textbox", { name: "Plays for Red" })).toHaveValue("Call the sponsor this week");
  expect(await page.evaluate(() => localStorage.getItem("healthscore.current-card"))).toBeNull();
  expect((await storedCards(page))[0].version).toBe(3);
});

test("a draft that breaks a rule (weights at 95, a blank card) reloads as it was left", async ({ page }) => {
  await open(page);
  const box = page.getByRole("spinbutton", { name: "Weight of Core-feature usage" });
  await box.fill("15");
  await box.press("Tab");
  await expect(page.getByText("under by 5").first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("spinbutton", { name: "Weight of Core-feature usage" })).toHaveValue("15");
  await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toHaveCount(0);
});

test("opening another scorecard during a two-tab conflict saves this tab's version as a copy first", async ({ context }) => {
  const a = await context.newPage();
  await openHeld(a);
  await a.getByRole("button", { name: "New scorecard" }).click();
  await a.getByRole("button", { name: "DEAR 100-point scorecard", exact: true }).click();
  const b = await context.newPage();
  await open(b);
  await nameBox(a).fill("A's unsaved work");
  await nameBox(b).fill("B's version");
  await expect(a.getByRole("alert").filter({ hasText: "changed in another tab" })).toBeVisible();
  await a.getByRole("button", { name: "Untitled scorecard", exact: true }).click();
  await expect(nameBox(a)).toHaveValue("Untitled scorecard");
  await expect.poll(async () => (await storedCards(a)).map((c) => c.name).sort()).toEqual(["A's unsaved work", "B's version", "Untitled scorecard"]);
});

test("with storage full, switching scorecards asks before dropping unsaved work", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "New scorecard" }).click();
  await page.getByRole("button", { name: "DEAR 100-point scorecard", exact: true }).click();
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("full", "QuotaExceededError");
    };
  });
  await nameBox(page).fill("Unsaved changes");
  await expect(status(page)).toContainText("Not saved");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    dialog.dismiss();
  });
  await page.getByRole("button", { name: "Untitled scorecard", exact: true }).click();
  expect(asked).toContain("has changes that are not saved in this browser");
  await expect(nameBox(page)).toHaveValue("Unsaved changes");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Untitled scorecard", exact: true }).click();
  await expect(nameBox(page)).toHaveValue("Untitled scorecard");
});

test("an entry saved by a newer app is left untouched, not moved aside", async ({ page }) => {
  await open(page);
  const newer = JSON.stringify({ saved_at: 1, scorecard: { version: 99, name: "From the future" } });
  await page.evaluate((text) => localStorage.setItem("healthscore.card.future", text), newer);
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "written by a newer Healthscore" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("healthscore.card.future"))).toBe(newer);
  await expect(saved(page)).toHaveCount(1);
});

test("leaving a tab in a two-tab conflict asks first, and staying keeps its edits", async ({ context }) => {
  const [a, b] = await twoTabs(context, openHeld);
  await nameBox(a).fill("Edited in tab A");
  await nameBox(b).fill("Edited in tab B");
  await expect(status(a)).toContainText("Not saved: paused");
  // The reload is refused by the user at the browser's prompt: nothing of tab A is lost.
  let asked = null;
  a.once("dialog", async (dialog) => { asked = dialog.type(); await dialog.dismiss(); });
  await a.reload({ timeout: 2_000 }).catch(() => {});
  expect(asked).toBe("beforeunload");
  await expect(nameBox(a)).toHaveValue("Edited in tab A");
  // Once the conflict is settled there is nothing to ask about.
  await a.getByRole("button", { name: "Keep mine as a copy" }).click();
  await expect(status(a)).toHaveText("Saved");
  let askedAgain = false;
  a.once("dialog", async (dialog) => { askedAgain = true; await dialog.accept(); });
  await a.reload();
  expect(askedAgain).toBe(false);
});

test("leaving with storage full asks first", async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await nameBox(page).fill("Too big to save");
  await expect(status(page)).toContainText("Not saved");
  let asked = null;
  page.once("dialog", async (dialog) => { asked = dialog.type(); await dialog.accept(); });
  await page.reload();
  expect(asked).toBe("beforeunload");
});

test("two tabs that both edit before either save is seen: one version is stored, the other tab asks, and loading 'the other tab's version' loads the other tab's", async ({ context }) => {
  const [a, b] = await twoTabs(context, openHeld, openHeld);
  await Promise.all([nameBox(a).fill("Written by A"), nameBox(b).fill("Written by B")]);
  // A's autosave pause ends first; B's while B is already told.
  await releaseSaves(a);
  await expect(status(a)).toHaveText("Saved");
  const changed = (page) => page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(changed(b)).toBeVisible();
  await releaseSaves(b);
  await expect(changed(a)).toHaveCount(0);
  expect((await storedCards(a)).map((c) => c.name)).toEqual(["Written by A"]);
  await expect(nameBox(b)).toHaveValue("Written by B");
  await b.getByRole("button", { name: "Load the other tab's version" }).click();
  await expect(nameBox(b)).toHaveValue("Written by A");
  await expect(status(b)).toHaveText("Saved");
});

test("storage cleared in another tab: this tab stops saying Saved and offers to keep its scorecard", async ({ context }) => {
  const a = await context.newPage();
  await open(a);
  await nameBox(a).fill("Only here now");
  await expect(status(a)).toHaveText("Saved");
  const b = await context.newPage();
  await open(b);
  await b.evaluate(() => localStorage.clear());
  await expect(status(a)).toContainText("Not saved: the site's storage was cleared in another tab");
  await a.getByRole("button", { name: "Keep mine as a copy" }).click();
  await expect(status(a)).toHaveText("Saved");
  expect((await storedCards(a)).map((c) => c.name)).toContain("Only here now");
});

test("an entry set aside is never overwritten when another with the same id is set aside", async ({ page }) => {
  await open(page);
  await page.evaluate(() => {
    localStorage.setItem("healthscore.unreadable.broken", "the first unreadable entry");
    localStorage.setItem("healthscore.card.broken", '{"saved_at": 1, "scorecard": {"version": 3, "name": ');
  });
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toContainText("moved aside (not deleted)");
  expect(await page.evaluate(() => localStorage.getItem("healthscore.unreadable.broken"))).toBe("the first unreadable entry");
  expect(await page.evaluate(() => localStorage.getItem("healthscore.unreadable.broken-2"))).toBe('{"saved_at": 1, "scorecard": {"version": 3, "name": ');
});

test("a reload reopens the scorecard this tab had open, not the one another tab opened last", async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await b.getByRole("combobox", { name: "Start from" }).selectOption({ label: "B2B SaaS five components" });
  await b.getByRole("button", { name: "New scorecard" }).click();
  await expect(nameBox(b)).toHaveValue("B2B SaaS five components");
  // A new tab opens the one opened last anywhere...
  const c = await context.newPage();
  await open(c);
  await expect(nameBox(c)).toHaveValue("B2B SaaS five components");
  // ...but a reload reopens this tab's own.
  await a.reload();
  await expect(nameBox(a)).toHaveValue("DEAR 100-point scorecard");
});

test("another tab's paste is announced, and this tab chooses whose accounts are kept", async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await b.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,Core feature usage %\nTab B Co,80\n");
  const notice = a.getByRole("alert").filter({ hasText: "Another tab saved other accounts (1 rows)" });
  await expect(notice).toBeVisible();
  // This tab still shows its own accounts, and keeping them writes them back.
  await expect.poll(async () => (await scoreOf(a, "Northwind Traders")).score).toBe("68.0");
  await notice.getByRole("button", { name: "Keep mine" }).click();
  await expect(notice).toHaveCount(0);
  await a.reload();
  await expect.poll(async () => (await scoreOf(a, "Northwind Traders")).score).toBe("68.0");
  // Or takes the other tab's.
  await b.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,Core feature usage %\nTab B Co,80\nTab B Two,10\n");
  await a.getByRole("alert").filter({ hasText: "Another tab saved other accounts (2 rows)" }).getByRole("button", { name: "Load the other tab's accounts" }).click();
  await expect(a.getByRole("button", { name: "Tab B Two", exact: true })).toBeVisible();
});

test("with the quota really filled, an edit says not saved, keeps working, and leaving asks first", async ({ page }) => {
  await open(page);
  await expect(status(page)).toHaveText("Saved");
  // Fill this origin's storage with other data until the browser refuses more.
  const filled = await page.evaluate(() => {
    let last = "never full";
    // Large pieces first, then small ones, until not even 64 characters fit.
    for (const size of [256 * 1024, 16 * 1024, 1024, 64]) {
      for (let i = 0; i < 10_000; i++) {
        try {
          localStorage.setItem(`filler.${size}.${i}`, "x".repeat(size));
        } catch (e) {
          last = e.name;
          break;
        }
      }
    }
    return last;
  });
  expect(filled).toBe("QuotaExceededError");
  await nameBox(page).fill("A name too long to fit ".repeat(20));
  await expect(status(page)).toContainText("Not saved");
  await expect(page.getByRole("alert").filter({ hasText: "storage for Healthscore is full" })).toBeVisible();
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(async () => (await weights(page))[0]).toBe(19);
  let asked = null;
  page.once("dialog", async (dialog) => { asked = dialog.type(); await dialog.dismiss(); });
  await page.reload({ timeout: 2_000 }).catch(() => {});
  expect(asked).toBe("beforeunload");
  await expect(nameBox(page)).toHaveValue(/^A name too long to fit/);
});

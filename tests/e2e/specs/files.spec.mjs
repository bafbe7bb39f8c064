// Files that travel: export/import round trip through a real download and file chooser,
// bad files, namesakes, paste and drop, share links, the scores CSV and the print view.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf } from "./helpers.mjs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const saved = (page) => page.getByRole("list", { name: "Saved scorecards" }).getByRole("listitem");
const nameBox = (page) => page.getByRole("textbox", { name: "Scorecard name" });

async function exportScorecard(page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scorecard (.json)" }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), "utf8") };
}

async function importFile(page, file) {
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("Import scorecard file").click();
  await (await chooser).setFiles(file);
}

test("export then import through a real download and file chooser gives the identical scorecard", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: "Plays for Green" }).fill("Ask for a case study & referral <3");
  const first = await exportScorecard(page);
  expect(first.name).toBe("DEAR 100-point scorecard.json");
  const json = JSON.parse(first.text);
  expect(json.$schema).toBe("scorecard.schema.json");
  expect(json.version).toBe(3);
  expect(json.bands[2].playbook.plays).toBe("Ask for a case study & referral <3");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hs-"));
  const file = path.join(dir, first.name);
  fs.writeFileSync(file, first.text);
  await importFile(page, file);
  const dialog = page.getByRole("dialog", { name: /already in your library/ });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep both" }).click();
  await expect(nameBox(page)).toHaveValue("DEAR 100-point scorecard (2)");
  await expect(saved(page)).toHaveCount(2);
  const second = await exportScorecard(page);
  expect(second.text).toBe(first.text.replace('"name": "DEAR 100-point scorecard"', '"name": "DEAR 100-point scorecard (2)"'));

  // Replace: the namesake's content is swapped, undoably, and the export is byte-identical.
  await page.getByRole("button", { name: "DEAR 100-point scorecard", exact: true }).click();
  await nameBox(page).fill("DEAR 100-point scorecard");
  await page.getByRole("textbox", { name: "Plays for Green" }).fill("changed after export");
  await importFile(page, file);
  await dialog.getByRole("button", { name: "Replace" }).click();
  await expect(page.getByRole("textbox", { name: "Plays for Green" })).toHaveValue("Ask for a case study & referral <3");
  expect((await exportScorecard(page)).text).toBe(first.text);
  await expect(saved(page)).toHaveCount(2);
});

const goodCard = async (page) => JSON.parse((await exportScorecard(page)).text);

const BAD_FILES = [
  ["not JSON", () => "name: DEAR\nweights: lots", /not valid JSON: expected ident \(line 1, column 2\)/],
  ["wrong shape", () => "[1, 2, 3]", /not a scorecard: the file holds a list/],
  ["unknown version", (c) => JSON.stringify({ ...c, version: 7 }), /version: 7 is newer than this app reads/],
  ["weights not totalling 100", (c) => { c.metrics[0].weight = 35; return JSON.stringify(c); }, /weights total 115, not 100 \(over by 15\)/],
  ["band gap", (c) => { c.bands[0].from = 5; return JSON.stringify(c); }, /bands: \[0\] starts at 5, leaving a gap from 0 to 5/],
  ["wrong field type", (c) => { c.metrics[3].weight = "ten"; return JSON.stringify(c); }, /metrics\[3\]\.weight: invalid type: string "ten"/],
  ["deeply nested", () => "[".repeat(100000) + "]".repeat(100000), /not valid JSON: recursion limit exceeded/],
  ["a colour that is CSS", (c) => { c.bands[1].colour = "red;background:url(//evil)"; return JSON.stringify(c); }, /\[1\]\.colour "red;background:url\(\/\/evil\)" is not a colour/],
];

for (const [what, make, message] of BAD_FILES) {
  test(`a bad file (${what}) names what is wrong and changes nothing`, async ({ page }) => {
    await open(page);
    const text = make(await goodCard(page));
    await importFile(page, { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(text) });
    const alert = page.getByRole("alert").filter({ hasText: "bad.json was not imported" });
    await expect(alert).toContainText(message);
    await expect(alert).toContainText("Nothing was changed.");
    await expect(saved(page)).toHaveCount(1);
    await expect(nameBox(page)).toHaveValue("DEAR 100-point scorecard");
    await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).score).toBe("68.0");
  });
}

test("a 50 MB file is refused before it is read", async ({ page }) => {
  await open(page);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hs-")), "huge.json");
  fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 32));
  await importFile(page, file);
  await expect(page.getByRole("alert").filter({ hasText: "huge.json was not imported" })).toContainText("the file is 50.0 MB; a scorecard file is at most 2 MB");
  await expect(saved(page)).toHaveCount(1);
});

test("hostile names with HTML or script import as plain text", async ({ page }) => {
  await open(page);
  const card = await goodCard(page);
  card.name = "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>";
  card.metrics[0].name = "<b>bold</b>";
  await importFile(page, { name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(card)) });
  await expect(nameBox(page)).toHaveValue(card.name);
  await expect(page.getByRole("button", { name: card.name, exact: true })).toBeVisible();
  await expect(page.getByRole("slider", { name: "Weight of <b>bold</b>" })).toBeVisible();
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  expect(await page.locator("img[src=x], b:text('bold')").count()).toBe(0);
});

test("paste JSON text, or drop a .json file on the page, to import", async ({ page }) => {
  await open(page);
  const card = await goodCard(page);
  card.name = "Pasted card";
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(JSON.stringify(card));
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await expect(nameBox(page)).toHaveValue("Pasted card");

  card.name = "Dropped card";
  const data = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "dropped.json", { type: "application/json" }));
    return transfer;
  }, JSON.stringify(card));
  await page.dispatchEvent("main", "dragover", { dataTransfer: data });
  await expect(page.getByText("Drop a scorecard file (.json) to import it")).toBeVisible();
  await page.dispatchEvent("main", "drop", { dataTransfer: data });
  await expect(page.getByText("Drop a scorecard file (.json) to import it")).toHaveCount(0);
  await expect(nameBox(page)).toHaveValue("Dropped card");
  await expect(saved(page)).toHaveCount(3);
});

test("a share link opens the scorecard in a fresh browser and offers to save it", async ({ page, browser }) => {
  await open(page);
  await nameBox(page).fill("Shared in chat");
  await page.getByRole("textbox", { name: "Plays for Yellow" }).fill("Adoption workshop within 2 weeks");
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: /^Share link/ }).inputValue();
  expect(link).toMatch(/#card=[A-Za-z0-9_-]+$/);

  const fresh = await browser.newContext({ baseURL: page.url() });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(nameBox(other)).toHaveValue("Shared in chat");
  await expect(other.getByRole("textbox", { name: "Plays for Yellow" })).toHaveValue("Adoption workshop within 2 weeks");
  const banner = other.getByRole("region", { name: "Opened from a share link" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Save to my library" }).click();
  await expect(banner).toHaveCount(0);
  await expect(other.getByRole("button", { name: "Shared in chat", exact: true })).toBeVisible();
  expect(new URL(other.url()).hash).toBe("");
  await other.reload();
  await expect(nameBox(other)).toHaveValue("Shared in chat");
  await fresh.close();
});

test("an edited card from a share link, not yet saved, asks before the tab reloads", async ({ page, browser }) => {
  await open(page);
  await nameBox(page).fill("Shared, then edited");
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: /^Share link/ }).inputValue();
  const fresh = await browser.newContext({ baseURL: page.url() });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByRole("region", { name: "Opened from a share link" })).toBeVisible();
  await nameBox(other).fill("Edited from the link");
  let asked = null;
  other.once("dialog", async (dialog) => { asked = dialog.type(); await dialog.dismiss(); });
  await other.reload({ timeout: 2_000 }).catch(() => {});
  expect(asked).toBe("beforeunload");
  // Staying keeps the edit.
  await expect(nameBox(other)).toHaveValue("Edited from the link");
  await fresh.close();
});

test("a damaged share link says so and leaves the library alone", async ({ page }) => {
  await page.goto("/#card=AAAA-not-a-card");
  await expect(page.getByRole("alert").filter({ hasText: "The share link could not be opened" })).toContainText("damaged");
  await expect(nameBox(page)).toHaveValue("DEAR 100-point scorecard");
});

test("the scores export as CSV with formula-like cells neutralised", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill(
    "Account,Core feature usage %,Login days per week\n=HYPERLINK(\"http://x\"),80%,4\n@Acme,50%,2\nPlain Co,10%,0\n",
  );
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scores (.csv)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("DEAR 100-point scorecard scores.csv");
  const text = fs.readFileSync(await file.path(), "utf8");
  const lines = text.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toMatch(/^Account,Score,Band,Grade,Rank,Core-feature usage \(points of 20\),/);
  expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",/);
  expect(lines[2]).toMatch(/^'@Acme,/);
  expect(lines[3]).toMatch(/^Plain Co,/);
});

test("present mode shows the one-page summary and prints without the designer", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Present" }).click();
  const summary = page.getByRole("article", { name: "DEAR 100-point scorecard" });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("table")).toContainText("80+ = 20 pts");
  await expect(summary.getByRole("heading", { name: "Bands and playbooks" })).toBeVisible();
  await expect(summary.getByRole("heading", { name: "How the accounts score" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(summary.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Present" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages).toBe(1);
  await page.emulateMedia({ media: "screen" });
  await summary.getByRole("button", { name: "Back to the designer" }).click();
  await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeVisible();
});

test("printing from the designer prints the summary, then the designer comes back", async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  await expect(page.getByRole("article", { name: "DEAR 100-point scorecard" })).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await expect(page.getByRole("article", { name: "DEAR 100-point scorecard" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeVisible();
});

test("a scorecard that would not open from a link gets no link, and says why", async ({ page }) => {
  await open(page);
  const box = page.getByRole("spinbutton", { name: "Weight of NPS" });
  await box.fill("10");
  await box.press("Tab");
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No share link yet" })).toContainText("weights total 105");
  await expect(page.getByRole("textbox", { name: /^Share link/ })).toHaveCount(0);
  // Export still works (nothing is ever held back), and warns what import will say.
  const file = await exportScorecard(page);
  expect(JSON.parse(file.text).metrics[8].weight).toBe(10);
  await expect(page.getByRole("alert").filter({ hasText: "Exported, but the file will be refused on import" })).toContainText("weights total 105");
});

test("a second share link pasted into an open page opens too", async ({ page }) => {
  await open(page);
  await nameBox(page).fill("Second link");
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: /^Share link/ }).inputValue();
  await nameBox(page).fill("Back to normal");
  await page.evaluate((hash) => { window.location.hash = hash; }, new URL(link).hash);
  await expect(nameBox(page)).toHaveValue("Second link");
  await expect(page.getByRole("region", { name: "Opened from a share link" })).toBeVisible();
});

test("an import with a namesake asks first, with the question focused, and says nothing was imported until answered", async ({ page }) => {
  await open(page);
  const text = (await exportScorecard(page)).text;
  await importFile(page, { name: "same.json", mimeType: "application/json", buffer: Buffer.from(text) });
  const dialog = page.getByRole("dialog", { name: /already in your library/ });
  await expect(dialog.getByRole("heading")).toBeFocused();
  await expect(page.getByText("Imported same.json.")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(saved(page)).toHaveCount(1);
});

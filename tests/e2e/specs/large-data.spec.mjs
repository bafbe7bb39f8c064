// Large accounts: straight from the clipboard or a file into the engine, with progress and Cancel.
import fs from "node:fs";
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf } from "./helpers.mjs";

const HEADER = "Account\tCore feature usage %\tLogin days per week\tUsage trend\tActive users\tLicensed seats\tMeetings\tChampion\tOnboarding\tOutcome KPI\tNPS";
const ROW = "70%\t2\tFlat\t60\t100\tSomewhat stalled\tPresent\tComplete\tPartial\t8";

/** `n` copies of the worked example (68.0, Yellow, D), named Example 1..n, tab-separated. */
function accounts(n, separator = "\t") {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++) lines.push(`Example ${i}\t${ROW}`);
  return lines.join("\n").replaceAll("\t", separator) + "\n";
}

const rowCount = (page) => page.locator(".row-count");

test("a large paste is scored without entering the text box, and kept for the next visit", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page);
  await page.evaluate((text) => navigator.clipboard.writeText(text), accounts(20000));
  const area = page.getByRole("textbox", { name: /Paste accounts/ });
  await area.focus();
  await page.keyboard.press("Control+V");
  await expect(rowCount(page)).toHaveText("20000 of 20000 accounts");
  await expect(area).toHaveValue("");
  await expect(area).toHaveAttribute("placeholder", /20000 accounts are loaded/);
  await expect.poll(() => scoreOf(page, "Example 1")).toEqual({ score: "68.0", band: "Yellow" });
  await expect(page.getByRole("list", { name: "Accounts per band" })).toContainText("20000 (100%)");
  // A stray keystroke in the empty box must not replace 20,000 accounts with one letter.
  await area.press("x");
  await expect(page.getByRole("alert")).toContainText("too many to edit as text here");
  await expect(rowCount(page)).toHaveText("20000 of 20000 accounts");
  await expect(area).toHaveValue("");
  await page.reload();
  await expect(rowCount(page)).toHaveText("20000 of 20000 accounts");
});

test("a large paste keeps every character, even one cut across the slices it is read in", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page);
  // The paste is read 2,097,152 UTF-16 units at a time (src/browser/pieces.rs): the emoji, two
  // units, starts on the last unit of the first slice.
  const SLICE = 2 * 1024 * 1024;
  const name = "Aaa Zoë 😀 Café 東京";
  let text = HEADER + "\n";
  let rows = 0;
  while (text.length < SLICE - 400) text += `Example ${++rows}\t${ROW}\n`;
  const before = text.length + "Filler \t".length + ROW.length + "\n".length + name.indexOf("😀");
  text += `Filler ${"x".repeat(SLICE - 1 - before)}\t${ROW}\n${name}\t${ROW}\n`;
  rows += 2;
  for (let k = 0; k < 1000; k++) text += `Example ${++rows}\t${ROW}\n`;
  expect(text.charCodeAt(SLICE - 1)).toBe("😀".charCodeAt(0));
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole("textbox", { name: /Paste accounts/ }).focus();
  await page.keyboard.press("Control+V");
  await expect(rowCount(page)).toHaveText(`${rows} of ${rows} accounts`);
  await page.getByRole("button", { name: "Account", exact: true }).click();
  const first = page.getByRole("table", { name: "Account scores" }).getByRole("rowheader").first();
  await expect(first).toHaveText(name);
  await expect.poll(() => scoreOf(page, name)).toEqual({ score: "68.0", band: "Yellow" });
  await expect(page.getByRole("list", { name: "Accounts per band" })).toContainText(`${rows} (100%)`);
});

test("a file too large to keep is scored, and the page says it will not be kept", async ({ page }) => {
  test.setTimeout(60_000);
  await open(page);
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles({
    name: "big.csv", mimeType: "text/csv", buffer: Buffer.from(accounts(50000, ",")),
  });
  await expect(rowCount(page)).toHaveText("50000 of 50000 accounts", { timeout: 20000 });
  await expect(page.getByText(/too large to keep in this browser's storage/)).toBeVisible();
  // A reload must not bring back older accounts as if they were these, and says why none are shown.
  await page.reload();
  await expect(rowCount(page)).toHaveText("0 of 0 accounts");
  await expect(page.getByText(/accounts on screen last time \(\d+\.\d MB\) were too large to keep/)).toBeVisible();
});

test("loading can be cancelled, and the accounts on screen stay", async ({ page }) => {
  // Building and handing over a 30 MB file takes seconds on a busy machine.
  test.setTimeout(90_000);
  await open(page);
  const before = await rowCount(page).textContent();
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles({
    name: "huge.csv", mimeType: "text/csv", buffer: Buffer.from(accounts(400000, ",")),
  });
  const progress = page.getByRole("status").filter({ hasText: "Reading huge.csv" });
  await expect(progress.getByRole("progressbar")).toBeVisible({ timeout: 20_000 });
  await progress.getByRole("button", { name: "Cancel loading" }).click();
  await expect(progress).toBeHidden();
  await expect(rowCount(page)).toHaveText(before);
});

test("a file too large for the tab's memory is refused at once, by name, and the accounts on screen stay", async ({ page }, info) => {
  // 6 GB: real rows first, then a hole the file system leaves unwritten (a sparse file), so
  // the test writes 13 MB. The app reads the first piece, projects the whole, and stops there.
  const path = info.outputPath("six-gigabytes.csv");
  fs.writeFileSync(path, accounts(200000, ","));
  fs.truncateSync(path, 6e9);
  await open(page);
  const before = await rowCount(page).textContent();
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles(path);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(
    /This browser tab cannot have the memory six-gigabytes\.csv would need: about [\d.]+ million rows, about [\d.]+ GB to score/,
    { timeout: 20000 },
  );
  await expect(alert).toContainText("The accounts on screen are unchanged");
  await expect(alert).toContainText("healthscore score card.json accounts.csv");
  await expect(page.getByRole("status").filter({ hasText: "Reading six-gigabytes.csv" })).toHaveCount(0);
  await expect(rowCount(page)).toHaveText(before);
  fs.rmSync(path);
});

test("a card with many metrics imports at once, showing points per metric only on request", async ({ page }) => {
  await open(page);
  const metrics = Array.from({ length: 200 }, (_, i) => ({
    id: `m${i}`, name: `Signal ${i}`, category: "engagement", signal: "leading", weight: 0.5,
    input: { column: "Core feature usage %" }, missing: { policy: "zero" },
    rule: { kind: "linear", floor: 0, target: 100 },
  }));
  const card = { version: 2, name: "Two hundred signals", metrics, bands: [
    { label: "Red", colour: "#dc2626", from: 0 }, { label: "Yellow", colour: "#eab308", from: 50 }, { label: "Green", colour: "#16a34a", from: 75 }] };
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("Import scorecard file").click();
  await (await chooser).setFiles({ name: "many.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(card)) });
  await expect(page.getByRole("textbox", { name: "Scorecard name" })).toHaveValue("Two hundred signals");
  await expect(page.getByRole("listitem", { name: "Signal 199" })).toBeVisible();
  // Collapsed rule editors are not built; 200 columns of points are not either, until asked for.
  expect(await page.locator(".metric-details .rule-editor, .metric-details fieldset").count()).toBe(0);
  const table = page.getByRole("table", { name: "Account scores" });
  const toggle = page.getByRole("button", { name: "Points per metric" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(table.getByRole("columnheader", { name: "Signal 0" })).toHaveCount(0);
  // From the keyboard: under load the page below the metric editors still moves while they
  // are built, and a mouse click at the button's place then missed it (in full runs, and on
  // the previous build too).
  await toggle.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(table.getByRole("columnheader", { name: "Signal 199" })).toHaveCount(1);
});

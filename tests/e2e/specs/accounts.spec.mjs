// Accounts in: paste with warnings that name row and column, files, mapping, persistence.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf } from "./helpers.mjs";

const HEADER = "Account\tCore feature usage %\tLogin days per week\tUsage trend\tActive users\tLicensed seats\tMeetings\tChampion\tOnboarding\tOutcome KPI\tNPS\tRegion";
const PASTE = [
  HEADER,
  "Example Co\t70%\t2\tFlat\t60\t100\tSomewhat stalled\tPresent\tComplete\tPartial\t8\tEMEA",
  "Broken Inc\tlots\t2\tSideways\t10\t0\tNo contact\tAbsent\tPartial\tUnmet\tn/a\tAPAC",
  "Short Ltd\t90%",
].join("\n");

test("a spreadsheet paste is read, scored, its bad cells grouped by metric and value, its broken rows named by line", async ({ page }) => {
  await open(page);
  const area = page.getByRole("textbox", { name: /Paste accounts/ });
  await area.fill(PASTE);
  await expect(page.getByText("3 rows, 12 columns, tab-separated.")).toBeVisible();
  await expect.poll(() => scoreOf(page, "Example Co")).toEqual({ score: "68.0", band: "Yellow" });
  // Cells a rule cannot read are grouped in the data-quality panel, by metric and value.
  const quality = page.getByRole("region", { name: "Data quality" });
  await expect(quality.getByRole("list", { name: "Values of Core-feature usage that could not be read" })).toContainText("“lots” ×1 not readable: Broken Inc");
  await expect(quality.getByRole("list", { name: "Values of Usage trend that could not be read" })).toContainText("“Sideways” ×1 not a listed value: Broken Inc");
  // Rows the reader could not take whole are named by line.
  const warnings = page.getByRole("group").filter({ hasText: "warnings" });
  await expect(warnings.getByRole("button", { name: /^Row 4, column "Login days per week": has 2 cells but the header has 12/ })).toBeVisible();
  // Clicking a warning selects that row in the paste area.
  await warnings.getByRole("button", { name: /has 2 cells/ }).click();
  const selected = await area.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe("Short Ltd\t90%");
  // Unused columns are pointed out.
  await page.getByText("Columns feeding each metric").click();
  await expect(page.getByText("Unused columns: Region")).toBeVisible();
});

test("folded sections are built only when opened, and show their contents then", async ({ page }) => {
  await open(page);
  // The demo accounts are loaded: three folded sections, none of their bodies in the page.
  for (const name of ["Columns feeding each metric", "What each metric's column holds", "Columns kept beside the score, and the as-of date"]) {
    await expect(page.locator("details", { hasText: name })).toHaveCount(1);
  }
  await expect(page.locator(".mapping-table, .profile-table, .data-settings fieldset")).toHaveCount(0);
  await page.getByText("Columns feeding each metric").click();
  await expect(page.getByRole("combobox", { name: "Column for Core-feature usage" })).toBeVisible();
  await page.getByText("What each metric's column holds").click();
  const profiles = page.getByRole("table", { name: "Column profiles" });
  await expect(profiles.getByRole("row", { name: /^Core-feature usage/ })).toBeVisible();
  await page.getByText("Columns kept beside the score, and the as-of date").click();
  await expect(page.getByLabel("As-of date")).toBeVisible();
  // Folded again, the mapping is gone from the page; reopened, it is back.
  await page.getByText("Columns feeding each metric").click();
  await expect(page.locator(".mapping-table")).toHaveCount(0);
  await page.getByText("Columns feeding each metric").click();
  await expect(page.getByRole("combobox", { name: "Column for Core-feature usage" })).toBeVisible();
});

test("metrics without a column are pointed out and left out, never scored 0", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,Core feature usage %\nA,80\n");
  await expect(page.getByText(/^Scores are partial: 8 metrics have no column in this data and are left out of every score until you map them: Login frequency, Usage trend/)).toBeVisible();
  // Scored on the one mapped metric alone: 80% is its top tier, so 100, not 20.
  await expect.poll(async () => (await scoreOf(page, "A")).score).toBe("100.0");
});

test("a broken paste gives warnings, never a blank page, and the text is kept", async ({ page }) => {
  await open(page);
  const area = page.getByRole("textbox", { name: /Paste accounts/ });
  const hostile = 'Account,Note\nAcme,"never closed\n' + "x,".repeat(5000);
  await area.fill(hostile);
  await expect(page.getByRole("button", { name: /quoted cell is never closed/ })).toBeVisible();
  expect(await area.inputValue()).toBe(hostile);
  await expect(page.getByRole("heading", { name: "Scores" })).toBeVisible();
});

test("a CSV file can be opened with the file picker", async ({ page }) => {
  await open(page);
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles({
    name: "accounts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(PASTE.replaceAll("\t", ",")),
  });
  await expect(page.getByText("3 rows, 12 columns, comma-separated.")).toBeVisible();
  await expect.poll(async () => (await scoreOf(page, "Example Co")).score).toBe("68.0");
});

test("pasted data survives a reload until cleared", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill(PASTE);
  await expect(page.getByText("3 rows, 12 columns, tab-separated.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("3 rows, 12 columns, tab-separated.")).toBeVisible();
  await page.getByRole("button", { name: "Clear accounts" }).click();
  await page.reload();
  await expect(page.getByRole("textbox", { name: /Paste accounts/ })).toHaveValue("");
});

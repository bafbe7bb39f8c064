// Trusted inputs: column mapping, the data-quality panel and its one-click fixes, dates,
// carried columns and ARR, and files the way spreadsheets write them.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf } from "./helpers.mjs";
import fs from "node:fs";

const paste = (page) => page.getByRole("textbox", { name: /Paste accounts/ });
const quality = (page) => page.getByRole("region", { name: "Data quality" });

async function openCsv(page, name, text) {
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
}

/** Picks, in a column picker, the option for `header` (its label also previews values). */
async function mapTo(page, metric, header) {
  const select = page.getByRole("combobox", { name: `Column for ${metric}` });
  const value = await select.locator("option", { hasText: new RegExp(`^${header.replace(/[/()]/g, "\\$&")} \\(`) }).getAttribute("value");
  await select.selectOption(value);
}

// The DEAR card's inputs under other names: three match by similarity, two do not.
const RENAMED = [
  "Account,Core usage (%),Logins / wk,Trend,Active users,Licensed seats,Meetings,Exec champion,Onboarding,Outcome KPI,Promoter score",
  "Acme,85,0,Rising,90,100,Recently held,Present,Complete,Achieved,9",
  "Beta,10,5,Falling,10,100,No contact,Absent,Incomplete,Unmet,2",
].join("\n");

test("headers that differ: unmapped metrics are left out until mapped, and the mapping is saved with the card", async ({ page, browser }) => {
  await open(page);
  await openCsv(page, "renamed.csv", RENAMED);
  await expect(page.getByText("Scores are partial: 2 metrics have no column in this data and are left out of every score until you map them: Login frequency, NPS.")).toBeVisible();
  const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Match" }) });
  await expect(table.getByRole("row", { name: /^Core-feature usage/ })).toContainText("similar");
  await expect(table.getByRole("row", { name: /^Login frequency/ })).toContainText("not mapped: left out");
  // No account gets a point (or a zero) from an unmapped metric: Acme's 0 logins do not count yet.
  await expect.poll(async () => (await scoreOf(page, "Acme")).score).toBe("100.0");
  await expect.poll(async () => (await scoreOf(page, "Beta")).score).toBe("2.5");

  await mapTo(page, "Login frequency", "Logins / wk");
  await mapTo(page, "NPS", "Promoter score");
  await expect(page.getByText(/^Scores are partial/)).toHaveCount(0);
  await expect(table.getByRole("row", { name: /^Login frequency/ })).toContainText("your choice");
  await expect.poll(async () => (await scoreOf(page, "Acme")).score).toBe("85.0");
  await expect.poll(async () => (await scoreOf(page, "Beta")).score).toBe("17.0");

  // The mapping survives a reload, and travels in the exported file.
  await page.reload();
  await expect.poll(async () => (await scoreOf(page, "Acme")).score).toBe("85.0");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scorecard (.json)" }).click();
  const exported = fs.readFileSync(await (await download).path(), "utf8");
  const json = JSON.parse(exported);
  expect(json.version).toBe(3);
  expect(json.data.mappings).toEqual([
    { input: "Login days per week", column: "Logins / wk" },
    { input: "NPS", column: "Promoter score" },
  ]);

  // A colleague imports the file and opens the same export: mapped at once.
  const colleague = await (await browser.newContext()).newPage();
  await open(colleague);
  await openCsv(colleague, "renamed.csv", RENAMED);
  await expect(colleague.getByText(/^Scores are partial/)).toBeVisible();
  const chooser = colleague.waitForEvent("filechooser");
  await colleague.getByText("Import scorecard file").click();
  await (await chooser).setFiles({ name: "card.json", mimeType: "application/json", buffer: Buffer.from(exported) });
  await colleague.getByRole("dialog", { name: /already in your library/ }).getByRole("button", { name: "Replace" }).click();
  await expect(colleague.getByText(/^Scores are partial/)).toHaveCount(0);
  await expect.poll(async () => (await scoreOf(colleague, "Acme")).score).toBe("85.0");
  await colleague.context().close();

  // "No such column" scores the metric by its missing-value policy instead (NPS: left out).
  await page.getByText("Columns feeding each metric").click();
  const nps = page.getByRole("combobox", { name: "Column for NPS" });
  await nps.selectOption("none");
  await expect(page.getByText(/^Scores are partial/)).toHaveCount(0);
  await expect.poll(async () => (await scoreOf(page, "Beta")).score).toBe("17.9");
});

const ROW = (name, champion) => `${name},80%,4,Flat,50,100,Somewhat stalled,${champion},Partial,Partial,9`;
const HEADER = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS";

test("a typo is grouped with its count and mapped to the right value in one click, undoably", async ({ page }) => {
  await open(page);
  await paste(page).fill([HEADER, ROW("Typo Co", "Presnt"), ROW("Typo Two", "presnt"), ROW("Clean Co", "Present"), ROW("Odd Co", "Left company")].join("\n"));
  await expect.poll(() => scoreOf(page, "Typo Co")).toEqual({ score: "67.0", band: "Yellow" });
  const values = quality(page).getByRole("list", { name: "Values of Champion that could not be read" });
  await expect(values.getByRole("listitem").first()).toContainText("\u201cPresnt\u201d \u00d72 not a listed value: Typo Co, Typo Two");
  await expect(values.getByRole("listitem").nth(1)).toContainText("\u201cLeft company\u201d \u00d71");
  await values.getByRole("button", { name: "Treat \u201cPresnt\u201d as \u201cPresent\u201d" }).click();
  await expect.poll(() => scoreOf(page, "Typo Co")).toEqual({ score: "77.0", band: "Green" });
  await expect.poll(async () => (await scoreOf(page, "Typo Two")).band).toBe("Green");
  await expect(values.getByRole("listitem")).toHaveCount(1);
  // Any listed value, from the select.
  await values.getByRole("combobox", { name: "Treat \u201cLeft company\u201d as" }).selectOption({ label: "Absent" });
  await expect(quality(page).getByText("Every value was read.", { exact: false })).toBeVisible();
  await page.getByRole("status").filter({ hasText: "now reads as" }).getByRole("button", { name: "Undo" }).click();
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect.poll(async () => (await scoreOf(page, "Typo Co")).score).toBe("67.0");
});

test("a column of fractions under a percentage rule is flagged and fixed in one click", async ({ page }) => {
  await open(page);
  await paste(page).fill("Account,Core feature usage %,Login days per week\nF1,0.85,4\nF2,0.55,4\nF3,0.15,4\n");
  await expect.poll(async () => (await scoreOf(page, "F1")).score).toBe("42.9");
  await expect(quality(page)).toContainText("Most values are between 0 and 1");
  await quality(page).getByRole("button", { name: "These are fractions: multiply Core-feature usage by 100" }).click();
  await expect.poll(async () => (await scoreOf(page, "F1")).score).toBe("100.0");
  await expect.poll(async () => (await scoreOf(page, "F2")).score).toBe("80.0");
});

const DATED = {
  version: 3,
  name: "Exec meetings",
  metrics: [{
    id: "exec", name: "Days since exec meeting", category: "engagement", signal: "leading", weight: 100,
    input: { column: "Last exec meeting" },
    rule: { kind: "tiers", direction: "lower_is_better", tiers: [{ threshold: 30, points: 100 }, { threshold: 90, points: 50 }], otherwise: 0, out_of: 100 },
    missing: { policy: "zero" },
    read: "days_since",
  }],
  bands: [{ label: "Red", colour: "#dc2626", from: 0 }, { label: "Yellow", colour: "#ca8a04", from: 50 }, { label: "Green", colour: "#16a34a", from: 75 }],
  data: { as_of: "2026-03-31" },
};

test("a date column scores as days since against the card's as-of date, in any common format", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(JSON.stringify(DATED));
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await paste(page).fill("Account,Last exec meeting\nRecent,2026-03-14\nOlder,14/01/2026\nStale,1 Nov 2025\nSpoken,10 days\nSerial,46095\n");
  await expect.poll(async () => (await scoreOf(page, "Recent")).score).toBe("100.0"); // 17 days
  await expect.poll(async () => (await scoreOf(page, "Older")).score).toBe("50.0"); // 76 days
  await expect.poll(async () => (await scoreOf(page, "Stale")).score).toBe("0.0"); // 150 days
  await expect.poll(async () => (await scoreOf(page, "Spoken")).score).toBe("100.0");
  await expect.poll(async () => (await scoreOf(page, "Serial")).score).toBe("100.0"); // a spreadsheet serial: 14 March
  // Moving the as-of date a month on moves every date metric with it.
  await page.getByText("Columns kept beside the score, and the as-of date").click();
  await page.getByLabel("As-of date").fill("2026-04-30");
  await expect.poll(async () => (await scoreOf(page, "Recent")).score).toBe("50.0"); // 47 days
  await expect.poll(async () => (await scoreOf(page, "Spoken")).score).toBe("100.0");
});

test("ambiguous dates are flagged, and the day-month order is chosen once for the column", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(JSON.stringify(DATED));
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await paste(page).fill("Account,Last exec meeting\nA,03/02/2026\nB,02/03/2026\n");
  await expect.poll(async () => (await scoreOf(page, "A")).score).toBe("0.0");
  await expect(quality(page)).toContainText("\u201c03/02/2026\u201d \u00d71 reads two ways: A");
  await quality(page).getByRole("button", { name: "Day first (14/03/2026)" }).click();
  // 3 Feb is 56 days before 31 March; 2 March is 29.
  await expect.poll(async () => (await scoreOf(page, "A")).score).toBe("50.0");
  await expect.poll(async () => (await scoreOf(page, "B")).score).toBe("100.0");
});

test("ARR is totalled per band, and the id and kept columns ride along into the table and the scores CSV", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Load demo accounts" }).click();
  await page.getByText("Columns kept beside the score, and the as-of date").click();
  await page.getByRole("combobox", { name: "ARR column (totalled per band)" }).selectOption("ARR");
  const bands = page.getByRole("list", { name: "Accounts per band" });
  await expect(bands.getByRole("listitem").nth(0)).toHaveText(/Red\s*17 \(40%\), 2M ARR/);
  await expect(bands.getByRole("listitem").nth(1)).toHaveText(/Yellow\s*14 \(33%\), 2.5M ARR/);
  await expect(bands.getByRole("listitem").nth(2)).toHaveText(/Green\s*11 \(26%\), 1.1M ARR/);

  await paste(page).fill("Account,Account ID,Owner,Plan,Core feature usage %\nAcme,A-17,Dana,Pro,80\nBeta,B-2,Lee,Free,10\n");
  await page.getByRole("combobox", { name: "Account id column" }).selectOption("Account ID");
  await page.getByRole("checkbox", { name: "Owner" }).check();
  const results = page.getByRole("table", { name: "Account scores" });
  await expect(results.getByRole("columnheader", { name: "Account ID" })).toBeVisible();
  await expect(results.getByRole("row", { name: /Acme/ })).toContainText("A-17");
  await expect(results.getByRole("row", { name: /Acme/ })).toContainText("Dana");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scores (.csv)" }).click();
  const lines = fs.readFileSync(await (await download).path(), "utf8").replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toMatch(/^Account,Account ID,Owner,Score,Band,Grade,Rank,/);
  expect(lines[1]).toMatch(/^Acme,A-17,Dana,100\.0,Green,/);
  expect(lines.join("\n")).not.toContain("-0.00");
});

test("a CRLF file (as Excel on Windows writes) names the right row, and clicking selects it", async ({ page }) => {
  await open(page);
  const rows = ["Account,Core feature usage %,Login days per week", "A,80,4", "B,50,2", "Short Ltd,90%", "C,10,1"];
  await openCsv(page, "windows.csv", rows.join("\r\n") + "\r\n");
  const warnings = page.getByRole("group").filter({ hasText: "warnings" });
  const warning = warnings.getByRole("button", { name: /^Row 4, column "Login days per week": has 2 cells but the header has 3/ });
  await expect(warning).toBeVisible();
  await warning.click();
  const selected = await paste(page).evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected).toBe("Short Ltd,90%");
});

test("a Windows-1252 file reads its accents and says so; 1.234 in a semicolon file is read as 1234 and the guess is shown", async ({ page }) => {
  await open(page);
  const bytes = Buffer.concat([
    Buffer.from("Account;Core feature usage %\n"),
    Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), // Café Müller
    Buffer.from(";1.234\nZed;85\n"),
  ]);
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles({ name: "latin.csv", mimeType: "text/csv", buffer: bytes });
  await expect(quality(page)).toContainText("The file was read as Windows-1252");
  await expect(page.getByRole("button", { name: "Café Müller", exact: true })).toBeVisible();
  await expect(quality(page)).toContainText("\u201c1.234\u201d could be read two ways; they are read with a decimal comma (1.234 is 1234) because the file is semicolon-separated.");
  await quality(page).getByRole("button", { name: "Keep the decimal comma" }).click();
  await expect(quality(page)).toContainText("Every value was read");
});

test("with nothing in the data to tell, 50.000 is flagged and left out until the decimal mark is chosen", async ({ page }) => {
  await open(page);
  await paste(page).fill("Account\tCore feature usage %\tLogin days per week\nX\t50.000\t4\nY\t85\t4\n");
  await expect(quality(page)).toContainText("\u201c50.000\u201d \u00d71 reads two ways: X");
  // Scored as missing (policy: zero) until settled: 0 of 20 from usage, 15 of 15 from logins.
  await expect.poll(async () => (await scoreOf(page, "X")).score).toBe("42.9");
  await quality(page).getByRole("button", { name: "Decimal point: 50.000 is 50" }).click();
  // 50% is the 13-point tier: (13 + 15) / 35.
  await expect.poll(async () => (await scoreOf(page, "X")).score).toBe("80.0");
  await expect(quality(page)).toContainText("Every value was read");
});

test("after a file is loaded, a column picked for a metric is read with the decimal mark the file's other columns show", async ({ page }) => {
  await open(page);
  // "1.234" alone reads two ways and a tab says nothing; the logins column, read as numbers,
  // writes 4.5 in row 2, so the file writes decimal points (found while loading, used again
  // for the column picked after it).
  await openCsv(page, "marks.tsv", "Account\tUsage A\tUsage B\tLogin days per week\nX\t50\t1.234\t4.5\nY\t85\t90\t4\n");
  await expect(page.getByText("2 rows, 4 columns, tab-separated.")).toBeVisible();
  await mapTo(page, "Core-feature usage", "Usage B");
  await expect(quality(page)).toContainText("\u201c1.234\u201d could be read two ways; they are read with a decimal point (1.234 is 1.234) because column \u201cLogin days per week\u201d writes \u201c4.5\u201d (row 2).");
  await mapTo(page, "Core-feature usage", "Usage A");
  await expect(quality(page)).not.toContainText("could be read two ways");
});

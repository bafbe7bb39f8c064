// The workshop room: the scores stay in view while the room drags a weight, typed totals keep
// the scores going, the movement the room argues about is one click away, bands and grades
// stay consistent, and a blank card starts gently. At a desk (1440x900) and a projector (1024x768).
import { test, expect } from "./fixtures.mjs";
import { open, weights } from "./helpers.mjs";
import fs from "node:fs";

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

const rowCount = (page) => page.locator(".row-count");

for (const size of SIZES) {
  test(`at ${size.width}x${size.height} the band counts stay in view while the last metric's slider is dragged`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page);
    const counts = page.getByRole("list", { name: "Band counts" });
    const last = page.getByRole("slider", { name: "Weight of NPS" });
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    const before = await counts.textContent();
    // Drag with the pointer, as a room does.
    const box = await last.boundingBox();
    await page.mouse.move(box.x + 4, box.y + box.height / 2);
    await page.mouse.down();
    for (let x = 4; x < box.width * 0.6; x += 20) {
      await page.mouse.move(box.x + x, box.y + box.height / 2);
      await expect(counts).toBeInViewport();
      await expect(last).toBeInViewport();
    }
    await page.mouse.up();
    expect((await weights(page))[8]).toBeGreaterThan(20);
    await expect(counts).not.toHaveText(before);
    await expect(counts).toBeInViewport();
  });

  test(`at ${size.width}x${size.height} the Score and Band columns stay in view when the table scrolls sideways`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page);
    const table = page.getByRole("table", { name: "Account scores" });
    const score = table.getByRole("columnheader", { name: "Score" });
    await score.scrollIntoViewIfNeeded();
    await expect(score).toBeInViewport({ ratio: 1 });
    const x = (await score.boundingBox()).x;
    await page.locator(".table-scroll").evaluate((el) => { el.scrollLeft = 600; });
    await expect.poll(() => page.locator(".table-scroll").evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(score).toBeInViewport({ ratio: 1 });
    await expect(table.getByRole("columnheader", { name: "Band", exact: true })).toBeInViewport({ ratio: 1 });
    expect(Math.abs((await score.boundingBox()).x - x)).toBeLessThan(1);
    // Scrolled down too, the frozen headers stay above the frozen cells of the rows passing under them.
    await page.locator(".table-scroll").evaluate((el) => { el.scrollTop = 100; });
    await expect.poll(() => page.locator(".table-scroll").evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const box = await score.boundingBox();
    const topmost = () => page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest("th, td")?.textContent.trim(), [box.x + box.width / 2, box.y + box.height / 2]);
    await expect.poll(topmost).toBe("Score");
  });
}

test("typed weights totalling 106 keep every score visible, marked provisional, rescaled to 100", async ({ page }) => {
  await open(page);
  const table = page.getByRole("table", { name: "Account scores" });
  await expect(rowCount(page)).toHaveText("42 of 42 accounts");
  await page.getByRole("spinbutton", { name: "Weight of NPS" }).fill("11");
  await expect(page.getByRole("status").filter({ hasText: /^Weights total/ })).toHaveText("Weights total 106: over by 6");
  await expect(page.getByRole("status").filter({ hasText: /^Provisional/ })).toContainText("the weights total 106, not 100");
  await expect(page.getByRole("region", { name: "Scores at a glance" })).toContainText("Provisional scores");
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expect(rowCount(page)).toHaveText("42 of 42 accounts");
  await expect(page.getByRole("alert")).toHaveCount(0);
  // Northwind: 13 + 10 + 6 + 6 + 5 + 10 + 10 + 5 + NPS 8 -> 3 of 5 at weight 5; at 11, NPS 6.6 of
  // 11 -> (65 + 6.6) / 106 * 100 = 67.5.
  const northwind = table.getByRole("row").filter({ has: page.getByRole("button", { name: "Northwind Traders", exact: true }) });
  await expect(northwind.getByRole("cell").nth(1)).toHaveText("67.5");
  // Back to 100: final again.
  await page.getByRole("spinbutton", { name: "Weight of NPS" }).fill("5");
  await expect(page.getByRole("status").filter({ hasText: /^Provisional/ })).toHaveCount(0);
  await expect(northwind.getByRole("cell").nth(1)).toHaveText("68.0");
});

test("each phrase of the what-if summary narrows the table to exactly those accounts", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Pin as baseline" }).click();
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).fill("45");
  const summary = page.locator(".what-if-summary");
  await expect(summary).toContainText("changed band");
  const phrase = summary.getByRole("button").nth(1);
  const text = (await phrase.textContent()).trim();
  const [, n, from, to] = text.match(/^(\d+) (\S+) to (\S+)$/);
  await phrase.click();
  await expect(rowCount(page)).toHaveText(`${n} of 42 accounts`);
  await expect(page.getByRole("status").filter({ hasText: "Showing accounts:" })).toContainText(`${from} \u2192 ${to}`);
  // Every row shown is in the band it moved to.
  const bands = await page.getByRole("table", { name: "Account scores" }).locator("tbody tr:not(.spacer) td:nth-child(4)").allTextContents();
  expect(bands.map((b) => b.trim())).toEqual(Array(Number(n)).fill(to));
  await page.getByRole("button", { name: "Show all accounts" }).click();
  await expect(rowCount(page)).toHaveText("42 of 42 accounts");
  // "Changed band only" keeps every mover.
  const total = Number((await summary.getByRole("button").first().textContent()).match(/^(\d+)/)[1]);
  await page.getByRole("button", { name: "Changed band only" }).click();
  await expect(rowCount(page)).toHaveText(`${total} of 42 accounts`);
  // New data: the focus named rows of the old data, so it goes.
  await page.getByRole("button", { name: "Load synthetic churn data (500 made-up accounts)" }).click();
  await expect(rowCount(page)).toHaveText("500 of 500 accounts");
  await expect(page.getByRole("status").filter({ hasText: "Showing accounts:" })).toHaveCount(0);
});

test("the sentence under a slider shows the rule's own points and what they are worth at its weight", async ({ page }) => {
  await open(page);
  const editor = page.locator(".metric-editor").filter({ hasText: "Usage trend" });
  await expect(editor.locator(".rule-sentence")).toHaveText("Rising = 10 pts, Flat = 6 pts, Falling = 0 pts");
  await page.getByRole("spinbutton", { name: "Weight of Usage trend" }).fill("12");
  await expect(editor.locator(".rule-sentence")).toHaveText("Rising = 10/10 \u2192 12, Flat = 6/10 \u2192 7.2, Falling = 0/10 \u2192 0 (points of the score at weight 12)");
  await page.getByRole("spinbutton", { name: "Weight of Usage trend" }).fill("0");
  await expect(editor.locator(".rule-sentence")).toHaveText(/^Weight 0: this metric does not count in the score\./);
});

test("3 -> 5 -> 3 bands keep each label in its colour, and a new band splits and blends", async ({ page }) => {
  await open(page);
  const preset = page.getByRole("combobox", { name: "Preset" });
  const apply = page.getByRole("button", { name: "Apply preset" });
  const labels = () => page.getByRole("textbox", { name: /^Band \d+ label$/ }).evaluateAll((els) => els.map((e) => e.value));
  const colours = () => page.getByRole("textbox", { name: /^Band \d+ label$/ }).evaluateAll((els) => els.map((e) => e.parentElement.querySelector("input[type=color]").value));
  await preset.selectOption({ label: "5 bands: Critical / At risk / Watch / Healthy / Advocate (25, 45, 65, 85)" });
  await apply.click();
  expect(await labels()).toEqual(["Critical", "At risk", "Watch", "Healthy", "Advocate"]);
  expect(await colours()).toEqual(["#b91c1c", "#ea580c", "#ca8a04", "#16a34a", "#0f766e"]);
  await expect(page.getByRole("list", { name: "Band counts" }).getByRole("listitem")).toHaveCount(5);
  await preset.selectOption({ label: "3 bands: Red / Yellow / Green (50, 75)" });
  await apply.click();
  expect(await labels()).toEqual(["Red", "Yellow", "Green"]);
  expect(await colours()).toEqual(["#dc2626", "#eab308", "#16a34a"]);
  // The chips in the table wear the same colours as the bands.
  const chip = page.getByRole("table", { name: "Account scores" }).locator(".band-chip", { hasText: "Yellow" }).first();
  await expect(chip).toBeVisible();
  // A new band splits the widest (Red, 0-50) and blends Red into Yellow.
  await page.getByRole("button", { name: "Add band" }).click();
  expect(await labels()).toEqual(["Red", "Red to Yellow", "Yellow", "Green"]);
  expect((await colours())[1]).toBe("#e36d17");
  // Renaming a band to a known name takes that name's colour, unless the user chose another.
  await page.getByRole("textbox", { name: "Band 2 label" }).fill("Watch");
  expect((await colours())[1]).toBe("#e36d17");
  await page.getByRole("textbox", { name: "Band 1 label" }).fill("Critical");
  expect((await colours())[0]).toBe("#b91c1c");
});

test("grades are off by default and, when on, can follow the bands", async ({ page }) => {
  await open(page);
  const table = page.getByRole("table", { name: "Account scores" });
  await expect(table.getByRole("columnheader", { name: "Score" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Grade" })).toHaveCount(0);
  const grades = page.getByRole("combobox", { name: "Grades" });
  await expect(grades).toHaveValue("off");
  await grades.selectOption("bands");
  await expect(table.getByRole("columnheader", { name: "Grade" })).toBeVisible();
  // One letter per band: every Green account is an A, every Red one a C.
  const rows = await table.locator("tbody tr:not(.spacer)").evaluateAll((trs) => trs.map((tr) => [tr.children[3].textContent.trim(), tr.children[4].textContent.trim()]));
  expect(rows.length).toBe(42);
  for (const [band, grade] of rows) expect(grade).toBe({ Green: "A", Yellow: "B", Red: "C" }[band]);
  await grades.selectOption("off");
  await expect(table.getByRole("columnheader", { name: "Grade" })).toHaveCount(0);
});

test("a blank scorecard opens on what to do first, not on an error", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Start from" }).selectOption({ label: "Blank scorecard" });
  await page.getByRole("button", { name: "New scorecard" }).click();
  await expect(page.getByRole("note", { name: "Getting started" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText(/not valid/)).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /^(Weights total|No metrics yet)/ })).toHaveText(/^No metrics yet/);
  await expect(page.getByText("-0")).toHaveCount(0);
  // The first metric brings the scores.
  await page.getByRole("button", { name: "Add from catalog" }).click();
  await expect(page.getByRole("note", { name: "Getting started" })).toHaveCount(0);
});

test("the present view says what it was computed on, counts each band and shows only written playbooks", async ({ page }) => {
  await open(page);
  // Red's playbook is written; Yellow's is emptied, as a room that has not got to it yet.
  await page.getByRole("textbox", { name: "Plays for Red" }).fill("Call the champion this week");
  for (const part of ["Owner", "First response", "Plays", "Don'ts"]) await page.getByRole("textbox", { name: `${part} for Yellow` }).fill("");
  await page.getByRole("button", { name: "Present" }).click();
  const summary = page.getByRole("article");
  await expect(summary).toContainText(/Scored on the demo accounts: 42 accounts, 42 with a score\. Printed \d{4}-\d{2}-\d{2}\./);
  await expect(summary.locator(".summary-band-count")).toHaveText(["17 accounts (40%)", "14 accounts (33%)", "11 accounts (26%)"]);
  await expect(summary.locator(".playbook-view")).toHaveCount(2);
  await expect(summary.locator(".summary-bands > li").nth(0).locator(".playbook-view")).toContainText("Call the champion this week");
  await expect(summary.locator(".summary-bands > li").nth(1).locator(".playbook-view")).toHaveCount(0);
});

test("the projector toggle enlarges the type", async ({ page }) => {
  await open(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByRole("button", { name: "Projector" }).click();
  await expect(page.getByRole("button", { name: "Projector" })).toHaveAttribute("aria-pressed", "true");
  expect(await size()).toBeGreaterThan(before * 1.2);
});

/** A two-metric card, both linear 0-100 at 50/50, bands Red / Yellow 50 / Green 75. */
function twoMetricCard(name) {
  const metric = (id, column) => ({ id, name: id, category: "adoption", signal: "leading", weight: 50, input: { column }, rule: { kind: "linear", floor: 0, target: 100 }, missing: { policy: "zero" } });
  return {
    version: 3, name,
    metrics: [metric("A", "a"), metric("B", "b")],
    bands: [{ label: "Red", colour: "#dc2626", from: 0 }, { label: "Yellow", colour: "#eab308", from: 50 }, { label: "Green", colour: "#16a34a", from: 75 }],
  };
}

async function importCard(page, card) {
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(JSON.stringify(card));
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await expect(page.getByRole("textbox", { name: "Scorecard name" })).toHaveValue(card.name);
}

test("beside each slider, how many accounts a 5-point move changes band: a hand-computed case", async ({ page }) => {
  await open(page);
  await importCard(page, twoMetricCard("Two metrics"));
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,a,b\nP,100,50\nQ,60,40\nR,0,100\nS,90,90\n");
  await expect(rowCount(page)).toHaveText("4 of 4 accounts");
  // P 75 Green, Q 50 Yellow, R 50 Yellow, S 90 Green. A at 55 (B 45): P 77.5, Q 51, R 45 Red,
  // S 90: one account changes band. A at 45 (B 55): P 72.5 Yellow, Q 49 Red, R 55, S 90: two.
  const a = page.locator(".metric-editor").filter({ hasText: "A" }).first().locator(".sensitivity");
  const b = page.locator(".metric-editor").nth(1).locator(".sensitivity");
  await expect(a).toHaveText("+5: 1 change band \u00b7 \u22125: 2");
  await expect(b).toHaveText("+5: 2 change band \u00b7 \u22125: 1");
  // For one account, the smallest single weight move that changes its band: Q (50, Yellow)
  // drops to Red when A goes to 49 (0.49 * 60 + 0.51 * 40 = 49.8).
  await page.getByRole("button", { name: "Q", exact: true }).click();
  await expect(page.locator(".flip")).toHaveText("Smallest weight change that changes its band: A from 50 to 49 (-1 points, the others rebalanced) puts it in Red at 49.8.");
});

test("new accounts: no slider quotes how many of the old accounts would change band", async ({ page }) => {
  await open(page);
  const lines = page.locator(".metric-editor .sensitivity");
  await expect(lines.first()).toHaveAttribute("title", /of 42\)/);
  // Sample every frame from the moment the new accounts show until their figures are in.
  const seen = page.evaluate(() => new Promise((done) => {
    const titles = new Set();
    const look = () => {
      const loaded = /^500 of 500/.test(document.querySelector(".row-count")?.textContent ?? "");
      const now = [...document.querySelectorAll(".metric-editor .sensitivity")].map((p) => p.title);
      if (loaded) now.forEach((t) => titles.add(t.match(/of \d+/)?.[0]));
      if (loaded && now.length > 0 && now.every((t) => /of 500\)/.test(t))) done([...titles]);
      else requestAnimationFrame(look);
    };
    look();
  }));
  await page.getByRole("button", { name: /^Load synthetic churn data/ }).click();
  expect(await seen).toEqual(["of 500"]);
});

test("two saved proposals side by side: the movement matrix, each cell narrowing the table to exactly its accounts", async ({ page }) => {
  await open(page);
  await importCard(page, twoMetricCard("CSM proposal"));
  const exec = twoMetricCard("Exec proposal");
  exec.metrics[0].weight = 80;
  exec.metrics[1].weight = 20;
  await importCard(page, exec);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,a,b\nP,100,50\nQ,60,40\nR,0,100\nS,90,90\nT,40,80\n");
  await expect(rowCount(page)).toHaveText("5 of 5 accounts");
  const panel = page.getByRole("region", { name: "Compare proposals" });
  await panel.getByRole("combobox", { name: "Proposal A" }).selectOption({ label: "Saved: CSM proposal" });
  await panel.getByRole("combobox", { name: "Proposal B" }).selectOption({ label: "Saved: Exec proposal" });
  // Weights differ and are marked.
  const weightsTable = panel.getByRole("table", { name: "Weights and rules" });
  await expect(weightsTable.getByRole("row", { name: /^A/ })).toContainText("weight");
  // CSM (50/50): P 75 Green, Q 50 Yellow, R 50 Yellow, S 90 Green, T 60 Yellow.
  // Exec (80/20): P 90 Green, Q 56 Yellow, R 20 Red, S 90 Green, T 48 Red.
  const matrix = panel.getByRole("table", { name: /^Band movement/ });
  await expect(matrix.getByRole("button", { name: "2 accounts: Yellow in CSM proposal \u2192 Red in Exec proposal" })).toBeVisible();
  await expect(matrix.getByRole("button", { name: "2 accounts: Green in CSM proposal \u2192 Green in Exec proposal" })).toBeVisible();
  await expect(matrix.getByRole("button", { name: "1 accounts: Yellow in CSM proposal \u2192 Yellow in Exec proposal" })).toBeVisible();
  // The comparison exports as CSV, written by the core: a row per account with both scores,
  // both bands and the delta.
  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Export comparison (.csv)" }).click();
  const text = fs.readFileSync(await (await download).path(), "utf8");
  expect(text).toContain("Delta");
  expect(text).toMatch(/R,50\.00,Yellow,20\.00,Red,-30\.00/);
  // The core's own bands say which accounts go Yellow -> Red; the cell narrows the table to them.
  const accountRows = text.split("\r\n").filter((line) => /^[PQRST],/.test(line)).map((line) => line.split(","));
  const expected = accountRows.filter((c) => c[2] === "Yellow" && c[4] === "Red").map((c) => c[0]).sort();
  expect(expected).toEqual(["R", "T"]);
  await matrix.getByRole("button", { name: "2 accounts: Yellow in CSM proposal \u2192 Red in Exec proposal" }).click();
  await expect(rowCount(page)).toHaveText("2 of 5 accounts");
  const names = await page.getByRole("table", { name: "Account scores" }).locator("tbody tr:not(.spacer) th").allTextContents();
  expect(names.map((n) => n.trim()).sort()).toEqual(expected);
  await page.getByRole("button", { name: "Show all accounts" }).click();
  await expect(rowCount(page)).toHaveText("5 of 5 accounts");
  // Printed, the comparison fits on one page and nothing of the designer comes with it.
  await page.evaluate(() => document.documentElement.classList.add("printing-comparison"));
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeHidden();
  await expect(panel.getByRole("table", { name: "Weights and rules" })).toBeVisible();
  const pdf = await page.pdf({ format: "A4" });
  expect((pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length).toBe(1);
});

test("a proposal with a metric these accounts have no column for says its scores are partial", async ({ page }) => {
  await open(page);
  await importCard(page, twoMetricCard("Plain"));
  const wider = twoMetricCard("With tickets");
  wider.metrics[1].weight = 30;
  wider.metrics.push({ id: "T", name: "Tickets", category: "adoption", signal: "leading", weight: 20, input: { column: "open tickets" }, rule: { kind: "linear", floor: 10, target: 0 }, missing: { policy: "zero" } });
  await importCard(page, wider);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill("Account,a,b\nP,100,50\nQ,60,40\n");
  await expect(rowCount(page)).toHaveText("2 of 2 accounts");
  const panel = page.getByRole("region", { name: "Compare proposals" });
  await panel.getByRole("combobox", { name: "Proposal A" }).selectOption({ label: "Saved: Plain" });
  await panel.getByRole("combobox", { name: "Proposal B" }).selectOption({ label: "Saved: With tickets" });
  await expect(panel.getByRole("status").filter({ hasText: /^Partial/ })).toHaveText("Partial: With tickets has 1 metric with no column in these accounts, left out of its scores: Tickets.");
  await expect(panel.getByRole("status").filter({ hasText: /^Partial: Plain/ })).toHaveCount(0);
});

// During a drag, a results table out of sight keeps its figures until the edits pause (it is
// neither laid out nor painted per frame); in sight, it follows every event within a frame.
test("a table out of sight catches up once a drag pauses; in sight it follows every event", async ({ page }) => {
  await open(page);
  const slider = page.getByRole("slider", { name: "Weight of Core-feature usage" });
  const firstRow = () => page.evaluate(() => {
    const row = document.querySelector("table.results tbody tr:not(.spacer)");
    return `${row.querySelector("th").textContent.trim()} ${row.querySelector("td.score").textContent.trim()}`;
  });
  // Sets the slider by `input` events 20 ms apart, as a drag does, then reads the first row a frame later.
  const dragTo = (values) => slider.evaluate(async (el, values) => {
    for (const v of values) {
      el.value = String(v);
      el.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((done) => setTimeout(done, 20));
    }
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  }, values);

  // Out of sight: not even the first event of a drag updates it (it used to, once per drag).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(page.getByRole("table", { name: "Account scores" })).not.toBeInViewport();
  // The page learns what is on screen from the browser's intersection reports, a frame after
  // a scroll (until the first report a view counts as seen): give it two frames, as a user would.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const before = await firstRow();
  await dragTo([30]);
  expect(await firstRow()).toBe(before);
  // The drag ends at 40; the edits pause; the table shows 40's figures unseen.
  await dragTo([35, 40]);
  await page.waitForTimeout(600);
  const caughtUp = await firstRow();
  expect(caughtUp).not.toBe(before);
  await page.getByRole("table", { name: "Account scores" }).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  expect(await firstRow()).toBe(caughtUp);

  // In sight: each event shows within a frame, with no pause.
  // The top of the table in sight (its first row included).
  await page.getByRole("table", { name: "Account scores" }).evaluate((table) => {
    table.parentElement.scrollTop = 0;
    table.scrollIntoView({ block: "start" });
  });
  await dragTo([10]);
  const atOnce = await firstRow();
  await page.waitForTimeout(600);
  expect(atOnce).toBe(await firstRow());
  expect(atOnce).not.toBe(caughtUp);
});

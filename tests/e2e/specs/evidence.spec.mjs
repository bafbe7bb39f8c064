// Evidence: the score judged against churn on the synthetic data, live with every edit, and the
// weights and boundaries the data suggest, each applied and undone.
import { test, expect } from "./fixtures.mjs";
import { open } from "./helpers.mjs";
import fs from "node:fs";

const evidence = (page) => page.getByRole("region", { name: "Evidence: does the score predict churn?" });

async function markChurned(page) {
  await open(page);
  await page.getByRole("button", { name: /^Load synthetic churn data/ }).click();
  await expect(page.getByRole("note")).toContainText("Synthetic data: 500 made-up accounts");
  await evidence(page).getByRole("combobox", { name: "Outcome column" }).selectOption("Churned");
  await expect(evidence(page).getByRole("combobox", { name: "Churned when the cell is" })).toHaveValue("yes");
}

/** AUC by Mann-Whitney, ties half: the chance a retained account outscores a churned one. */
function auc(rows) {
  const churned = rows.filter((r) => r.churned).map((r) => r.score);
  const retained = rows.filter((r) => !r.churned).map((r) => r.score);
  let wins = 0;
  for (const r of retained) for (const c of churned) wins += r > c ? 1 : r === c ? 0.5 : 0;
  return wins / (retained.length * churned.length);
}

async function exportedScores(page) {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scores (.csv)" }).click();
  const lines = fs.readFileSync(await (await download).path(), "utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
  const header = lines[0].split(",");
  const score = header.indexOf("Score");
  const churned = header.indexOf("Churned");
  expect(churned).toBeGreaterThan(0);
  // Names hold no commas or quotes in the synthetic data, so a split is enough here.
  return lines.slice(1).map((line) => {
    const cells = line.split(",");
    return { score: Number(cells[score]), churned: cells[churned] === "yes" };
  });
}

test("marking the outcome shows the AUC a spreadsheet would compute from the exported scores", async ({ page }) => {
  await markChurned(page);
  await expect(evidence(page)).toContainText("117 churned, 383 retained, 0 unknown.");
  const rows = await exportedScores(page);
  expect(rows).toHaveLength(500);
  const expected = auc(rows).toFixed(2);
  const line = evidence(page).getByRole("status", { name: "Separation" });
  await expect(line).toContainText(`AUC ${expected} (90% interval`);
  await expect(line).toContainText(`a churned account scores lower than a retained one ${Math.round(auc(rows) * 100)}% of the time`);
});

test("churn per band, and the accounts the score got wrong, by name", async ({ page }) => {
  await markChurned(page);
  const table = evidence(page).getByRole("table", { name: "Churn per band" });
  const red = table.getByRole("row", { name: /^Red/ });
  const green = table.getByRole("row", { name: /^Green/ });
  const cells = async (row) => (await row.getByRole("cell").allTextContents()).map((t) => t.trim());
  const [redCells, greenCells] = [await cells(red), await cells(green)];
  expect(Number(redCells[2].replace("%", ""))).toBeGreaterThan(Number(greenCells[2].replace("%", "")));
  const rows = await exportedScores(page);
  const greenChurned = rows.filter((r) => r.score >= 75 && r.churned).length;
  expect(Number(greenCells[1])).toBe(greenChurned);
  await evidence(page).getByText("False comfort: Green accounts that churned").click();
  const list = evidence(page).getByRole("list", { name: "False comfort: Green accounts that churned" });
  await expect(list.getByRole("listitem")).toHaveCount(greenChurned);
  // One click away: the account's explanation opens.
  const first = list.getByRole("button").first();
  const name = (await first.textContent()).trim();
  await first.click();
  await expect(page.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
});

test("with a baseline pinned, the AUC before and after an edit", async ({ page }) => {
  await markChurned(page);
  const line = evidence(page).getByRole("status", { name: "Separation" });
  const before = (await line.textContent()).match(/AUC (\d\.\d\d)/)[1];
  await page.getByRole("button", { name: "Pin as baseline" }).click();
  await expect(evidence(page)).toContainText(`Pinned baseline: AUC ${before} \u2192 now ${before} (+0.00).`);
  await page.getByRole("slider", { name: "Weight of NPS" }).focus();
  await page.keyboard.press("End");
  await expect(evidence(page)).toContainText(new RegExp(`Pinned baseline: AUC ${before} \u2192 now 0\\.\\d\\d \\(-0\\.\\d\\d\\)`));
  await expect(evidence(page).getByRole("columnheader", { name: "Churn rate at baseline" })).toBeVisible();
});

test("while a weight moves the AUC follows at once; once it rests the interval is what a fresh load shows", async ({ page }) => {
  await markChurned(page);
  const line = evidence(page).getByRole("status", { name: "Separation" });
  const first = await line.textContent();
  await page.getByRole("slider", { name: "Weight of NPS" }).focus();
  await page.keyboard.press("End");
  await expect(line).not.toHaveText(first);
  // The bootstrap runs once edits pause (a quarter of a second); then it is the seeded one.
  await page.waitForTimeout(800);
  const settled = await line.textContent();
  await expect(page.locator(".save-status")).toHaveText("Saved");
  await page.reload();
  await expect(line).toHaveText(settled);
});

test("suggested weights do no worse on held-out folds, apply in one click and undo", async ({ page }) => {
  await markChurned(page);
  await evidence(page).getByRole("button", { name: "Suggest weights from the data" }).click();
  const held = evidence(page).getByText(/^Measured on accounts each fit did not see/);
  const text = await held.textContent();
  const [, current, suggested] = text.match(/AUC (\d\.\d+) with the current weights, (\d\.\d+) with the suggested ones/);
  expect(Number(suggested)).toBeGreaterThanOrEqual(Number(current));
  const line = evidence(page).getByRole("status", { name: "Separation" });
  const before = await line.textContent();
  const weights = page.getByRole("spinbutton", { name: /^Weight of / });
  const was = await weights.evaluateAll((els) => els.map((e) => e.value));
  await evidence(page).getByRole("button", { name: "Apply suggested weights" }).click();
  await expect.poll(() => weights.evaluateAll((els) => els.map((e) => e.value))).not.toEqual(was);
  const total = (await weights.evaluateAll((els) => els.map((e) => Number(e.value)))).reduce((a, b) => a + b, 0);
  expect(total).toBe(100);
  await expect(line).not.toHaveText(before);
  const after = Number((await line.textContent()).match(/AUC (\d\.\d\d)/)[1]);
  expect(after).toBeGreaterThanOrEqual(Number(before.match(/AUC (\d\.\d\d)/)[1]));
  await page.getByRole("status").filter({ hasText: "Suggested weights applied" }).getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => weights.evaluateAll((els) => els.map((e) => e.value))).toEqual(was);
  await expect(line).toHaveText(before);
});

test("suggested band boundaries show on the histogram, apply in one click and undo", async ({ page }) => {
  await markChurned(page);
  const box = evidence(page).getByText(/The lowest boundary is where churned and retained scores differ most/);
  const [, yellow, green] = (await box.textContent()).match(/Yellow from (\d+), Green from (\d+)/);
  await evidence(page).getByRole("button", { name: "Show on the histogram" }).click();
  await expect(page.locator("svg.histogram line.suggested-boundary")).toHaveCount(2);
  await evidence(page).getByRole("button", { name: "Apply suggested boundaries" }).click();
  await expect(page.getByRole("spinbutton", { name: "Yellow starts at" })).toHaveValue(yellow);
  await expect(page.getByRole("spinbutton", { name: "Green starts at" })).toHaveValue(green);
  await expect(page.locator("svg.histogram line.suggested-boundary")).toHaveCount(0);
  await page.getByRole("status").filter({ hasText: "Suggested band boundaries applied" }).getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("spinbutton", { name: "Green starts at" })).toHaveValue("75");
});

test("with too little data the evidence says so instead of suggesting", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill(
    "Account,Core feature usage %,Churned\nA,80,no\nB,20,yes\nC,60,no\nD,10,yes\n",
  );
  await evidence(page).getByRole("combobox", { name: "Outcome column" }).selectOption("Churned");
  await expect(evidence(page).getByRole("status")).toContainText("Too little data to judge: 4 scored accounts with an outcome, 2 churned.");
  await expect(evidence(page).getByRole("button", { name: "Suggest weights from the data" })).toHaveCount(0);
});

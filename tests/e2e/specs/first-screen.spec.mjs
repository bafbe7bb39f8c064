// The first screen: the demo DEAR scorecard scoring the demo accounts.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf, weights } from "./helpers.mjs";

test("shows the demo scorecard's metrics, weights and category totals", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("textbox", { name: "Scorecard name" })).toHaveValue("DEAR 100-point scorecard");
  await expect.poll(() => weights(page)).toEqual([20, 15, 10, 10, 10, 10, 10, 10, 5]);
  await expect(page.getByRole("status").filter({ hasText: /^Weights total/ })).toHaveText("Weights total 100");
  await expect(page.getByRole("list", { name: "Weight by category" })).toHaveText(/Adoption 45\s*Deployment 20\s*Engagement 25\s*ROI 10/);
  await expect(page.getByText("80+ = 20 pts, 50 to 80 = 13 pts, 20 to 50 = 6 pts, below 20 = 0 pts")).toBeVisible();
});

test("reads the demo accounts' scores, bands and grades", async ({ page }) => {
  await open(page);
  await expect(page.getByText("42 rows, 17 columns, comma-separated.")).toBeVisible();
  // The DEAR worked example: Northwind Traders scores 68, yellow.
  await expect.poll(() => scoreOf(page, "Northwind Traders")).toEqual({ score: "68.0", band: "Yellow" });
  const table = page.getByRole("table", { name: "Account scores" });
  const scores = (await table.locator("tbody td.score").allTextContents()).map(Number);
  expect(scores).toHaveLength(42);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await expect(page.getByRole("list", { name: "Accounts per band" })).toHaveText(/Red\s*17 \(40%\)\s*Yellow\s*14 \(33%\)\s*Green\s*11 \(26%\)/);
  await expect(page.getByRole("img", { name: /Histogram of scores/ })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

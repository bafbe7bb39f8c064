// The first screen: the demo DEAR scorecard scoring the demo accounts.
import { test, expect } from "./fixtures.mjs";

test("shows the demo scorecard's metrics with weights by category", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Healthscore" })).toBeVisible();
  await expect(page.getByText("DEAR 100-point scorecard")).toBeVisible();
  const adoption = page.getByRole("region", { name: "Adoption" });
  await expect(adoption.getByRole("heading")).toHaveText(/Adoption\s*45/);
  await expect(adoption.getByRole("listitem").filter({ hasText: "Core-feature usage" })).toContainText("20");
  const roi = page.getByRole("region", { name: "ROI" });
  await expect(roi.getByRole("listitem")).toHaveText(/Outcome KPI\s*lagging\s*10/);
});

test("reads the demo accounts' scores, bands and grades", async ({ page }) => {
  await page.goto("/");
  const table = page.getByRole("table", { name: /accounts scored/ });
  await expect(table.getByRole("caption")).toHaveText("42 accounts scored");
  // The DEAR worked example: Northwind Traders scores 68, yellow.
  const northwind = table.getByRole("row", { name: /Northwind Traders/ });
  await expect(northwind.getByRole("cell").nth(0)).toHaveText("68.0");
  await expect(northwind.getByRole("cell").nth(1)).toHaveText("Yellow");
  await expect(northwind.getByRole("cell").nth(2)).toHaveText("D");
  // Highest score first, and every band appears.
  const scores = await table.locator("tbody tr td:nth-of-type(1)").allTextContents();
  const numbers = scores.map(Number);
  expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  for (const band of ["Green", "Yellow", "Red"]) {
    await expect(table.getByRole("cell", { name: band, exact: true }).first()).toBeVisible();
  }
  // No validation banner on a valid card.
  await expect(page.getByRole("alert")).toHaveCount(0);
});

// Metrics: add from the catalog, rename, edit rules in place, duplicate, delete with undo, reorder.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf, weights } from "./helpers.mjs";

test("add from the catalog at weight 0, then give it weight", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Catalog metric" }).selectOption({ label: "Payment status" });
  await page.getByRole("button", { name: "Add from catalog" }).click();
  const item = page.getByRole("listitem", { name: "Payment status" });
  await expect(item).toBeVisible();
  await expect.poll(() => weights(page)).toHaveLength(10);
  await expect.poll(async () => (await weights(page))[9]).toBe(0);
  await page.getByRole("slider", { name: "Weight of Payment status" }).fill("10");
  expect((await weights(page)).reduce((a, b) => a + b)).toBe(100);
});

test("delete is undoable, duplicate keeps the total, rename shows everywhere", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Delete NPS" }).click();
  await expect(page.getByRole("listitem", { name: "NPS" })).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /^Weights total/ })).toHaveText("Weights total 95: under by 5");
  await page.getByRole("status").filter({ hasText: "Deleted NPS." }).getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("listitem", { name: "NPS" })).toBeVisible();
  await page.getByRole("button", { name: "Duplicate Champion" }).click();
  await expect(page.getByRole("listitem", { name: "Champion (copy)" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Weights total/ })).toHaveText("Weights total 100");
  await page.getByRole("textbox", { name: "Name of Champion (copy)" }).fill("Exec sponsor");
  await expect(page.getByRole("table", { name: "Account scores" }).getByRole("columnheader", { name: "Exec sponsor" })).toBeVisible();
});

test("reorder with the keyboard-operable move buttons", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Move Login frequency up" }).click();
  const names = () => page.getByRole("listitem").filter({ has: page.getByRole("slider") }).evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  // Polled: the list is reordered once the click's edit has run.
  await expect.poll(async () => (await names()).slice(0, 2)).toEqual(["Login frequency", "Core-feature usage"]);
  await expect(page.getByRole("button", { name: "Move Login frequency up" })).toBeDisabled();
});

test("edit a tier in place: scores change and unordered tiers are flagged", async ({ page }) => {
  await open(page);
  const item = page.getByRole("listitem", { name: "Core-feature usage" });
  await item.getByText("Edit Core-feature usage").click();
  // Lower the 50-79 tier to 70: Northwind's 70% now sits in the 80+ tier? No: 70 meets tier 2 still.
  await item.getByRole("spinbutton", { name: "Tier 1 threshold" }).fill("70");
  await expect(item.getByText("70+ = 20 pts, 50 to 70 = 13 pts, 20 to 50 = 6 pts, below 20 = 0 pts")).toBeVisible();
  await expect.poll(() => scoreOf(page, "Northwind Traders")).toEqual({ score: "75.0", band: "Green" });
  await item.getByRole("spinbutton", { name: "Tier 2 threshold" }).fill("90");
  const problem = item.getByRole("alert").filter({ hasText: "tiers[1].threshold 90 must be below the tier above it (70)" });
  await expect(problem).toBeVisible();
  await expect(item.getByRole("spinbutton", { name: "Tier 2 threshold" })).toHaveAttribute("aria-invalid", "true");
  await item.getByRole("button", { name: "Remove tier 2" }).click();
  await expect(problem).toHaveCount(0);
});

test("switch a rule's kind and missing policy", async ({ page }) => {
  await open(page);
  const item = page.getByRole("listitem", { name: "Login frequency" });
  await item.getByText("Edit Login frequency").click();
  await item.getByRole("combobox", { name: "Rule" }).selectOption("linear");
  await item.getByRole("spinbutton", { name: "Target" }).fill("5");
  await expect(item.getByText("0 = 0 pts rising in a straight line to 5 = 15 pts")).toBeVisible();
  await item.getByRole("combobox", { name: "When missing" }).selectOption("value");
  await expect(item.getByRole("spinbutton", { name: /Missing scores/ })).toHaveValue("50");
});

test("group metrics by category with each category's total weight", async ({ page }) => {
  await open(page);
  await page.getByRole("checkbox", { name: "Group by category" }).check();
  const adoption = page.getByRole("region", { name: "Adoption" });
  await expect(adoption.getByRole("heading")).toHaveText(/Adoption\s*45/);
  await expect(adoption.getByRole("listitem")).toHaveCount(3);
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).fill("30");
  await expect(adoption.getByRole("heading")).not.toHaveText(/Adoption\s*45/);
  await expect(page.getByRole("region", { name: "ROI" }).getByRole("heading")).not.toHaveText(/ROI\s*10$/);
});

test("each metric shows its missing-value policy without opening it", async ({ page }) => {
  await open(page);
  await expect(page.getByRole("listitem", { name: "NPS" })).toContainText("Missing: left out, others rescaled");
  await expect(page.getByRole("listitem", { name: "Usage trend" })).toContainText("Missing scores 50");
  await expect(page.getByRole("listitem", { name: "Champion" })).toContainText("Missing scores 0");
});

// The scorecard handed to the warehouse: one SQL query, in the chosen dialect, from the designer.
import { test, expect } from "./fixtures.mjs";
import { open } from "./helpers.mjs";
import fs from "node:fs";

test("the designer exports the scorecard as one SQL query for the chosen database", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "SQL for" }).selectOption("postgres");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as SQL" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/postgres\.sql$/);
  const sql = fs.readFileSync(await file.path(), "utf8");
  expect(sql).toMatch(/SELECT/);
  expect(sql).toContain('"Core feature usage %"');
  expect(sql).toContain("'Yellow'");
  await expect(page.getByRole("status").filter({ hasText: /^Exported as/ })).toBeVisible();
});

test("a card that is not valid says why instead of exporting SQL", async ({ page }) => {
  await open(page);
  await page.getByRole("spinbutton", { name: "Weight of NPS" }).fill("11");
  await page.getByRole("button", { name: "Export as SQL" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "must be valid to export as SQL" })).toContainText("weights total 106");
});

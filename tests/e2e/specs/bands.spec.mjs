// Editing bands: boundaries by keyboard and typing, labels, presets, playbooks.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf } from "./helpers.mjs";

test("moving a boundary on the strip re-bands accounts at once", async ({ page }) => {
  await open(page);
  const yellowStart = page.getByRole("slider", { name: "Boundary where Yellow starts" });
  await expect(yellowStart).toHaveAttribute("aria-valuenow", "50");
  // Northwind scores 68: raise yellow's start past it and it turns red.
  await yellowStart.focus();
  await page.keyboard.press("PageUp"); // 60
  await page.keyboard.press("PageUp"); // 70
  await expect(yellowStart).toHaveAttribute("aria-valuenow", "70");
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).band).toBe("Red");
  // A boundary cannot pass its neighbour: End stops one point below green's 75.
  await page.keyboard.press("End");
  await expect(yellowStart).toHaveAttribute("aria-valuenow", "74");
  await expect(page.getByRole("spinbutton", { name: "Yellow starts at" })).toHaveValue("74");
});

test("a typed start that would overlap is held between its neighbours", async ({ page }) => {
  await open(page);
  const green = page.getByRole("spinbutton", { name: "Green starts at" });
  await green.fill("40");
  await green.press("Enter");
  await expect(green).toHaveValue("51");
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("labels, count and presets", async ({ page }) => {
  await open(page);
  await page.getByRole("textbox", { name: "Band 2 label" }).fill("Watch");
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).band).toBe("Watch");
  await page.getByRole("button", { name: "Add band" }).click();
  await expect(page.getByRole("textbox", { name: /^Band \d label$/ })).toHaveCount(4);
  await page.getByRole("combobox", { name: "Preset" }).selectOption({ label: "5 bands: Critical / At risk / Watch / Healthy / Advocate (25, 45, 65, 85)" });
  await page.getByRole("button", { name: "Apply preset" }).click();
  await expect(page.getByRole("textbox", { name: /^Band \d label$/ })).toHaveCount(5);
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).band).toBe("Healthy");
  await page.getByRole("button", { name: "Remove band Advocate" }).click();
  await expect(page.getByRole("textbox", { name: /^Band \d label$/ })).toHaveCount(4);
});

test("a band's playbook is shown next to its accounts", async ({ page }) => {
  await open(page);
  const playbook = page.getByRole("group", { name: "Playbook for Yellow" });
  await playbook.getByRole("textbox", { name: "Owner for Yellow" }).fill("Named CSM");
  await playbook.getByRole("textbox", { name: "Plays for Yellow" }).fill("Run an adoption workshop.");
  await playbook.getByRole("textbox", { name: "Don'ts for Yellow" }).fill("Do not pitch an upsell.");
  await page.getByRole("button", { name: "Northwind Traders", exact: true }).click();
  const panel = page.getByRole("region", { name: /Why Northwind Traders scores 68.0/ });
  await expect(panel.getByRole("definition").filter({ hasText: "Named CSM" })).toBeVisible();
  await expect(panel).toContainText("PlaysRun an adoption workshop.");
  await expect(panel).toContainText("Don'tsDo not pitch an upsell.");
});

// Weights that total 100: drags rebalance, locks hold, typing shows over/under.
import { test, expect } from "./fixtures.mjs";
import { open, scoreOf, weights } from "./helpers.mjs";

const sum = (list) => list.reduce((a, b) => a + b, 0);

test("dragging a slider keeps the total at 100 and moves the others in proportion", async ({ page }) => {
  await open(page);
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).fill("40");
  await expect.poll(async () => (await weights(page))[0]).toBe(40);
  const after = await weights(page);
  expect(sum(after)).toBe(100);
  expect(after.every(Number.isInteger)).toBe(true);
  // The others shrank in proportion: login (15) still carries more than NPS (5).
  expect(after[1]).toBeGreaterThan(after[8]);
  await expect(page.getByRole("status").filter({ hasText: /^Weights total/ })).toHaveText("Weights total 100");
  // Scores followed at once: Northwind's 70% core usage now weighs more.
  await expect.poll(async () => (await scoreOf(page, "Northwind Traders")).score).not.toBe("68.0");
});

test("the keyboard works like a native range: arrows, Page Up/Down, Home, End", async ({ page }) => {
  await open(page);
  const slider = page.getByRole("slider", { name: "Weight of Usage trend" });
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await weights(page))[2]).toBe(11);
  await page.keyboard.press("PageUp");
  await expect.poll(async () => (await weights(page))[2]).toBeGreaterThan(11);
  await page.keyboard.press("Home");
  await expect.poll(async () => (await weights(page))[2]).toBe(0);
  let list = await weights(page);
  expect(sum(list)).toBe(100);
  // A weight can reach 0 and come back.
  await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await weights(page))[2]).toBe(1);
  list = await weights(page);
  expect(sum(list)).toBe(100);
  await page.keyboard.press("End");
  await expect.poll(async () => (await weights(page))[2]).toBe(100);
  list = await weights(page);
  expect(sum(list)).toBe(100);
});

test("a locked weight does not move when others are dragged", async ({ page }) => {
  await open(page);
  const lock = page.getByRole("button", { name: "Lock weight of Login frequency" });
  await lock.click();
  await expect(lock).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("slider", { name: "Weight of Login frequency" })).toBeDisabled();
  for (const value of ["60", "5", "33"]) {
    await page.getByRole("slider", { name: "Weight of Core-feature usage" }).fill(value);
    await expect.poll(async () => (await weights(page))[0]).toBe(Math.min(Number(value), 85));
    const list = await weights(page);
    expect(list[1]).toBe(15);
    expect(sum(list)).toBe(100);
  }
});

test("typing a weight shows over or under and marks the scores provisional", async ({ page }) => {
  await open(page);
  const box = page.getByRole("spinbutton", { name: "Weight of Champion" });
  await box.fill("15");
  const status = page.getByRole("status").filter({ hasText: /^Weights total/ });
  await expect(status).toHaveText("Weights total 105: over by 5");
  // Nobody else's weight was rewritten behind the user's back.
  await expect.poll(() => weights(page)).toEqual([20, 15, 10, 10, 10, 15, 10, 10, 5]);
  await expect(page.getByRole("status").filter({ hasText: /^Provisional: the weights total 105/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Account scores" })).toBeVisible();
  await box.fill("2");
  await expect(status).toHaveText("Weights total 92: under by 8");
  await page.getByRole("button", { name: "Normalise to 100" }).click();
  await expect(status).toHaveText("Weights total 100");
  expect(sum(await weights(page))).toBe(100);
  await expect(page.getByRole("table", { name: "Account scores" })).toBeVisible();
});

test("distribute equally uses largest remainder so the integers add to exactly 100", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Distribute equally" }).click();
  await expect.poll(async () => (await weights(page))[0]).toBe(12);
  const list = await weights(page);
  expect(sum(list)).toBe(100);
  expect(list.sort()).toEqual([11, 11, 11, 11, 11, 11, 11, 11, 12].sort());
});

test("undo takes back a whole mouse drag in one step, not one per pixel", async ({ page }) => {
  await open(page);
  const slider = page.getByRole("slider", { name: "Weight of Core-feature usage" });
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.2 + step * 0.04), y);
  }
  await page.mouse.up();
  await expect.poll(async () => (await weights(page))[0]).toBeGreaterThan(50);
  const dragged = await weights(page);
  expect(dragged[0]).toBeGreaterThan(50);
  expect(sum(dragged)).toBe(100);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => weights(page)).toEqual([20, 15, 10, 10, 10, 10, 10, 10, 5]);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect.poll(() => weights(page)).toEqual(dragged);
});

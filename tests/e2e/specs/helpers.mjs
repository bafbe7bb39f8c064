// Small helpers shared by the specs: reading weights and rows the way a user sees them.
import { expect } from "./fixtures.mjs";

/** Every metric's weight as shown in its number box. */
export async function weights(page) {
  const boxes = page.getByRole("spinbutton", { name: /^Weight of / });
  return (await boxes.evaluateAll((els) => els.map((e) => Number(e.value))));
}

/** The results row of one account. */
export function accountRow(page, name) {
  return page.getByRole("table", { name: "Account scores" }).getByRole("row").filter({
    has: page.getByRole("button", { name, exact: true }),
  });
}

/** Score and band of one account as shown, and its grade when the card grades. */
export async function scoreOf(page, name) {
  const table = page.getByRole("table", { name: "Account scores" });
  const headers = (await table.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  const cells = await accountRow(page, name).locator("th, td").allTextContents();
  const at = (header) => (headers.indexOf(header) >= 0 ? cells[headers.indexOf(header)]?.trim() : undefined);
  const shown = { score: at("Score"), band: at("Band") };
  if (headers.includes("Grade")) shown.grade = at("Grade");
  return shown;
}

/** Opens the app with an empty localStorage (each test gets a fresh context). */
export async function open(page) {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Healthscore" })).toBeVisible();
  // What the first screen does not show (the band editor, the metric editors past the fourth)
  // is built once the browser is idle after the first frame: wait for it, then for one more
  // idle callback, which runs after those the app asked for before it.
  await expect(page.getByRole("heading", { name: "Bands", exact: true })).toBeAttached();
  await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done())));
}

/** Drags a slider's thumb with the mouse from 20% to `to` of its width, in many small moves. */
export async function drag(page, slider, to) {
  await slider.scrollIntoViewIfNeeded();
  // Editors scrolled out of view are not rendered (content-visibility): until the next frame
  // after the scroll, a pointer would land on the editor's empty box, not on its slider.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(box.x + box.width * (0.2 + ((to - 0.2) * step) / 10), y);
  }
  await page.mouse.up();
}

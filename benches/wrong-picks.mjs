// Benchmark: what a workshop's wrong picks cost with many accounts loaded, and how soon a file
// too large for the tab is refused.
//
// Usage: node benches/wrong-picks.mjs [dist-dir] [accounts, default 100000]
// Loads the peers' 12-metric card and N generated accounts (benches/harness) through the file
// picker, then times, from the pick to the next painted frame, with the longest task after it
// (a `longtask` observer, over the pick and the 250 ms pause that follows):
//   - ARR's column set to the account names (every cell unreadable, nearly all different);
//   - the outcome column set to the account names;
// and, in a fresh page, a 6 GB file (real rows, then a hole the file system leaves unwritten)
// from the pick to the message that it is too large.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { start } from "./setup.mjs";

const bench = await start({ port: 4193, name: "picks" });
const { N, csv } = bench;
const huge = path.join(os.tmpdir(), "hs-six-gigabytes.csv");

/** Selects `label` in the select named `name`; answers ms to the next frame and the longest task within 1.5 s. */
async function pick(page, name, label) {
  const select = page.getByRole("combobox", { name });
  if (!(await select.isVisible())) await page.getByText("Columns feeding each metric").click();
  await select.scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({ type: "longtask" });
    window.__t = null;
    document.addEventListener("change", () => { const t = performance.now(); requestAnimationFrame(() => setTimeout(() => { window.__t = performance.now() - t; }, 0)); }, { once: true, capture: true });
  });
  await select.selectOption({ label });
  await page.waitForFunction(() => window.__t != null, null, { timeout: 600000 });
  await page.waitForTimeout(1500);
  return page.evaluate(() => [window.__t, Math.max(0, ...window.__tasks)]);
}

try {
  const page = await bench.loaded({ timeout: 300000, settle: 1500 });
  console.log(`wrong picks with ${N.toLocaleString("en-US")} accounts: pick -> next painted frame / longest task in the 1.5 s after (ms)`);
  const names = (await page.getByRole("combobox", { name: "Column for ARR" }).locator("option").allTextContents()).find((o) => o.startsWith("account"));
  const [column, columnTask] = await pick(page, "Column for ARR", names);
  console.log(`  ARR's column -> account names  ${column.toFixed(0).padStart(7)} / ${columnTask.toFixed(0)}`);
  const [outcome, outcomeTask] = await pick(page, "Outcome column", "account");
  console.log(`  outcome column -> account      ${outcome.toFixed(0).padStart(7)} / ${outcomeTask.toFixed(0)}`);
  await page.close();

  // 16 MB of real rows (the accounts' rows repeated when they are fewer), then the hole: the
  // rows the page reads first must be rows, or it rightly projects a small load.
  const data = fs.readFileSync(csv);
  const rows = data.subarray(data.indexOf(10) + 1);
  const parts = [data];
  for (let size = data.length; size < 16 * 1024 * 1024; size += rows.length) parts.push(rows);
  fs.writeFileSync(huge, Buffer.concat(parts).subarray(0, 16 * 1024 * 1024));
  fs.truncateSync(huge, 6e9);
  const fresh = await bench.fresh();
  await fresh.waitForTimeout(1000);
  const started = Date.now();
  await fresh.getByLabel("Open a .csv or .tsv file").setInputFiles(huge);
  const alert = fresh.getByRole("alert").filter({ hasText: "cannot have the memory" });
  const refused = await alert.waitFor({ timeout: 120000 }).then(() => true, () => false);
  if (refused) console.log(`a 6 GB file: pick -> refused in ${Date.now() - started} ms: ${(await alert.textContent()).slice(0, 160)}...`);
  else console.log("a 6 GB file: not refused within 120 s");
} finally {
  await bench.close();
  fs.rmSync(huge, { force: true });
}

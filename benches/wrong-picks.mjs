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
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/e2e/package.json"));
const { chromium } = require("playwright-core");
const dist = path.resolve(process.argv[2] ?? path.join(here, "../dist"));
const N = Number(process.argv[3] ?? 100000);
const argv = process.argv; process.argv = argv.slice(0, 2);
const { gen } = await import(path.join(here, "harness/peers/gen.mjs"));
const { peerCard } = await import(path.join(here, "harness/perf/card.mjs"));
process.argv = argv;
const PORT = 4193;

const server = spawn("python3", ["-m", "http.server", String(PORT), "--bind", "127.0.0.1", "--directory", dist], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const csv = path.join(os.tmpdir(), `hs-picks-${N}.csv`);
fs.writeFileSync(csv, gen(N));
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
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript((card) => { if (!sessionStorage.getItem("s")) { localStorage.setItem("healthscore.current-card", card); sessionStorage.setItem("s", "1"); } }, JSON.stringify(peerCard()));
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByLabel("Open a .csv or .tsv file").setInputFiles(csv);
  await page.locator(".row-count", { hasText: `${N} of ${N} accounts` }).waitFor({ timeout: 300000 });
  await page.waitForTimeout(1500);
  console.log(`wrong picks with ${N.toLocaleString("en-US")} accounts: pick -> next painted frame / longest task in the 1.5 s after (ms)`);
  const names = (await page.getByRole("combobox", { name: "Column for ARR" }).locator("option").allTextContents()).find((o) => o.startsWith("account"));
  const [column, columnTask] = await pick(page, "Column for ARR", names);
  console.log(`  ARR's column -> account names  ${column.toFixed(0).padStart(7)} / ${columnTask.toFixed(0)}`);
  const [outcome, outcomeTask] = await pick(page, "Outcome column", "account");
  console.log(`  outcome column -> account      ${outcome.toFixed(0).padStart(7)} / ${outcomeTask.toFixed(0)}`);
  await page.close();

  fs.writeFileSync(huge, fs.readFileSync(csv).subarray(0, 16 * 1024 * 1024));
  fs.truncateSync(huge, 6e9);
  const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await fresh.goto(`http://127.0.0.1:${PORT}/`);
  await fresh.getByRole("heading", { name: "Healthscore" }).waitFor();
  await fresh.waitForTimeout(1000);
  const started = Date.now();
  await fresh.getByLabel("Open a .csv or .tsv file").setInputFiles(huge);
  const alert = fresh.getByRole("alert").filter({ hasText: "cannot have the memory" });
  const refused = await alert.waitFor({ timeout: 120000 }).then(() => true, () => false);
  if (refused) console.log(`a 6 GB file: pick -> refused in ${Date.now() - started} ms: ${(await alert.textContent()).slice(0, 160)}...`);
  else console.log("a 6 GB file: not refused within 120 s");
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(huge, { force: true });
}

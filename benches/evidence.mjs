// Benchmark: a weight slider's input event with the evidence panel live (outcome column
// marked), against the same card and accounts without it, at 10,000 and 100,000 accounts.
//
// Usage: node benches/evidence.mjs [dist-dir]   (scripts/bench.sh builds and runs it)
// It serves dist/ on 127.0.0.1, stores the DEAR scorecard (with or without
// data.outcome = Churned) and N generated accounts with a Churned column that
// depends on usage, then dispatches `input` events on a weight slider, timing each
// until the next painted frame (input-to-paint) and until the DOM is updated (script
// work), as benches/input-to-paint.mjs does. Every event recomputes the AUC (0.01-point
// bins), its bootstrap interval, churn per band, the surprise lists and the suggested
// boundaries; the per-metric table and suggested weights do not depend on weights.
// Third run per size: the same with the evidence panel scrolled into view (the slider is then
// out of view, which does not change what an input event computes).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { timeSlider, stats, dragFrames } from "./slider-timing.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../tests/e2e/package.json"));
const { chromium } = require("playwright-core");

const dist = resolve(process.argv[2] ?? join(here, "../dist"));
const PORT = 4198;
const SIZES = [10_000, 100_000];
const SAMPLES = 40;

/** The DEAR card, with the outcome column marked or not. */
function card(outcome) {
  const card = JSON.parse(readFileSync(join(here, "../docs/examples/dear.json"), "utf8"));
  if (outcome) card.data = { outcome: { column: "Churned", churned_value: "yes" } };
  return card;
}

/** N accounts with every column the card reads, a few blanks, deterministic. */
function accounts(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const header = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS,Churned";
  const rows = [header];
  for (let i = 0; i < n; i++) {
    const seats = 10 + Math.floor(rand() * 500);
    const usage = Math.floor(rand() * 100);
    rows.push([
      `Account ${i + 1}`, `${usage}%`, (rand() * 5).toFixed(1), pick(["Rising", "Flat", "Falling"]),
      Math.floor(rand() * seats), seats, pick(["Recently held", "Somewhat stalled", "No contact"]),
      pick(["Present", "Transfer risk", "Absent"]), pick(["Complete", "Partial", "Incomplete"]),
      pick(["Achieved", "Partial", "Unmet"]), rand() < 0.1 ? "" : Math.floor(rand() * 11),
      rand() < 0.45 - usage / 250 ? "yes" : "no",
    ].join(","));
  }
  return rows.join("\n") + "\n";
}

const server = spawn("python3", ["-m", "http.server", String(PORT), "--bind", "127.0.0.1", "--directory", dist], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  console.log(`weight slider drag, DEAR card, ${SAMPLES} samples each; ms as median / p95 / max`);
  // The third run per size scrolls the evidence panel into view, as a room watching it would:
  // its figures are then laid out and painted on every event too.
  for (const [n, outcome, inView] of SIZES.flatMap((n) => [[n, false, false], [n, true, false], [n, true, true]])) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const page = await context.newPage();
    const cardText = JSON.stringify(card(outcome));
    const csv = accounts(n);
    await page.addInitScript((card) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem("healthscore.current-card", card);
        sessionStorage.setItem("seeded", "1");
      }
    }, cardText);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    // 100,000 accounts are more than localStorage holds: they come in through the file picker.
    await page.setInputFiles('input[type=file][accept*=".csv"]', { name: "accounts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByText(`${n} of ${n} accounts`).waitFor({ timeout: 60_000 });
    if (outcome) await page.getByRole("status", { name: "Separation" }).waitFor({ timeout: 60_000 });
    if (inView) {
      await page.getByRole("heading", { name: "Evidence: does the score predict churn?" }).evaluate((h) => h.scrollIntoView({ block: "start" }));
      await page.waitForTimeout(500);
    }
    const result = await timeSlider(page, SAMPLES);
    const drag = await dragFrames(page, 60);
    console.log(`${String(n).padStart(8)} ${inView ? "evidence in view" : outcome ? "outcome marked  " : "no outcome      "}  input-to-paint ${stats(result.paint)}   script work ${stats(result.work)}   idle frame ${stats(result.idle)}   drag: ${drag.over} of ${drag.events} frames over 16.7 ms`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

// Benchmark: time from a weight slider's input event to the next painted frame,
// with 1,000 and 10,000 accounts scored on 12 metrics, in Debian's Chromium.
//
// Usage: node benches/input-to-paint.mjs [dist-dir]   (scripts/bench.sh builds and runs it)
// It serves dist/ on 127.0.0.1, stores a 12-metric scorecard and N generated
// accounts in localStorage, then in the page sets the slider and dispatches
// `input` events, timing each until a requestAnimationFrame callback plus a
// task after it (the frame's paint) has run. Prints median, p95 and max of
// input-to-paint, of the script work alone (input to DOM updated), and of an
// idle frame (no input), which is the floor input-to-paint cannot go below.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { timeSlider, stats } from "./slider-timing.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../tests/e2e/package.json"));
const { chromium } = require("playwright-core");

const dist = resolve(process.argv[2] ?? join(here, "../dist"));
const PORT = 4199;
const SIZES = [1_000, 10_000];
const SAMPLES = 40;

/** DEAR's 9 metrics plus 3 from the catalog, weights totalling 100. */
function twelveMetricCard() {
  const card = JSON.parse(readFileSync(join(here, "../docs/examples/dear.json"), "utf8"));
  const extra = [
    { id: "payment_status", name: "Payment status", category: "roi", signal: "lagging", weight: 0,
      input: { column: "Payment status" }, missing: { policy: "zero" },
      rule: { kind: "categorical", out_of: 100, values: [{ value: "Current", points: 100 }, { value: "Late", points: 40 }, { value: "Overdue", points: 0 }] } },
    { id: "open_p1", name: "Open P1 issues", category: { custom: "Support" }, signal: "leading", weight: 0,
      input: { column: "Open P1 tickets" }, missing: { policy: "value", score: 100 },
      rule: { kind: "tiers", direction: "lower_is_better", out_of: 100, otherwise: 0, tiers: [{ threshold: 0, points: 100 }, { threshold: 1, points: 50 }] } },
    { id: "days_since_contact", name: "Days since contact", category: "engagement", signal: "leading", weight: 0,
      input: { column: "Days since last contact" }, missing: { policy: "exclude" },
      rule: { kind: "linear", floor: 90, target: 7 } },
  ];
  card.metrics.push(...extra);
  // 20,15,10,... -> take 5 each from core usage, login frequency and usage trend for the new three.
  card.metrics[0].weight = 15; card.metrics[1].weight = 10; card.metrics[2].weight = 5;
  extra.forEach((m, i) => (card.metrics[9 + i].weight = [5, 5, 5][i]));
  return card;
}

/** N accounts with every column the card reads, a few blanks, deterministic. */
function accounts(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const header = "Account,Core feature usage %,Login days per week,Usage trend,Active users,Licensed seats,Meetings,Champion,Onboarding,Outcome KPI,NPS,Payment status,Open P1 tickets,Days since last contact";
  const rows = [header];
  for (let i = 0; i < n; i++) {
    const seats = 10 + Math.floor(rand() * 500);
    rows.push([
      `Account ${i + 1}`, `${Math.floor(rand() * 100)}%`, (rand() * 5).toFixed(1), pick(["Rising", "Flat", "Falling"]),
      Math.floor(rand() * seats), seats, pick(["Recently held", "Somewhat stalled", "No contact"]),
      pick(["Present", "Transfer risk", "Absent"]), pick(["Complete", "Partial", "Incomplete"]),
      pick(["Achieved", "Partial", "Unmet"]), rand() < 0.1 ? "" : Math.floor(rand() * 11),
      pick(["Current", "Late", "Overdue"]), Math.floor(rand() * 4), Math.floor(rand() * 120),
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
  console.log(`weight slider drag, 12 metrics, ${SAMPLES} samples each; ms as median / p95 / max`);
  for (const n of SIZES) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const page = await context.newPage();
    const card = JSON.stringify(twelveMetricCard());
    const csv = accounts(n);
    await page.addInitScript(([card, csv]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem("healthscore.current-card", card);
        localStorage.setItem("healthscore.accounts", csv);
        sessionStorage.setItem("seeded", "1");
      }
    }, [card, csv]);
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByText(`${n} of ${n} accounts`).waitFor({ timeout: 60_000 });
    const result = await timeSlider(page, SAMPLES);
    console.log(`${String(n).padStart(8)}  input-to-paint ${stats(result.paint)}   script work ${stats(result.work)}   idle frame ${stats(result.idle)}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}

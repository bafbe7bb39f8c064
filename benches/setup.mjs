// What the browser benchmarks in this folder share: the release build served on a loopback
// port, Debian's Chromium, and pages opened on the peers' 12-metric card (benches/harness) with
// N generated accounts loaded through the file picker.
//
// Reads `node <bench>.mjs [dist-dir] [accounts, default 100000]` from the command line.
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../tests/e2e/package.json"));
const { chromium } = require("playwright-core");

/** Serves the build on `port`, launches Chromium and writes the accounts (`hs-<name>-N.csv`). */
export async function start({ port, name }) {
  const dist = path.resolve(process.argv[2] ?? path.join(here, "../dist"));
  const N = Number(process.argv[3] ?? 100000);
  // gen.mjs writes files for numeric argv entries when imported: hide ours while importing it.
  const argv = process.argv; process.argv = argv.slice(0, 2);
  const { gen } = await import(path.join(here, "harness/peers/gen.mjs"));
  const { peerCard } = await import(path.join(here, "harness/perf/card.mjs"));
  process.argv = argv;
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dist], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  const csv = path.join(os.tmpdir(), `hs-${name}-${N}.csv`);
  fs.writeFileSync(csv, gen(N));
  const url = `http://127.0.0.1:${port}/`;
  const viewport = { width: 1440, height: 900 };
  return {
    N, csv, browser, url,
    /** A page on the peers' card with the N accounts loaded, `settle` ms after they show. */
    async loaded({ timeout, settle }) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript((card) => { if (!sessionStorage.getItem("s")) { localStorage.setItem("healthscore.current-card", card); sessionStorage.setItem("s", "1"); } }, JSON.stringify(peerCard()));
      await page.goto(url);
      await page.getByLabel("Open a .csv or .tsv file").setInputFiles(csv);
      await page.locator(".row-count", { hasText: `${N} of ${N} accounts` }).waitFor({ timeout });
      await page.waitForTimeout(settle);
      return page;
    },
    /** A page on the app as a first visit opens it. */
    async fresh() {
      const page = await browser.newPage({ viewport });
      await page.goto(url);
      await page.getByRole("heading", { name: "Healthscore" }).waitFor();
      return page;
    },
    async close() {
      fs.rmSync(csv, { force: true });
      await browser.close();
      server.kill();
    },
  };
}

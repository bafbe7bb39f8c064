// Benchmark helper: where a weight-slider input's time goes in Chromium's rendering pipeline.
// Traces 40 slider inputs on the demo (42 accounts) and prints the biggest trace events as
// milliseconds per input: style/layout (UpdateStyleAndLayout), paint, layerization, script.
// Usage (with dist/ built): node benches/render-phases.mjs dist [extra CSS to try]
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");
const dist = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
const server = spawn("python3", ["-m", "http.server", "4197", "--bind", "127.0.0.1", "--directory", dist], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
await page.goto("http://127.0.0.1:4197/");
await page.getByText("42 of 42 accounts").waitFor();
if (process.argv[3]) await page.addStyleTag({ content: process.argv[3] });
await browser.startTracing(page, { categories: ["devtools.timeline", "blink"] });
await page.evaluate(async () => {
  const slider = document.querySelector("input[type=range][aria-label='Weight of Core-feature usage']");
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  for (let i = 0; i < 40; i++) {
    await frame();
    slider.value = String(10 + (i % 20) * 2);
    slider.dispatchEvent(new Event("input", { bubbles: true }));
    await frame();
  }
});
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const sums = {};
for (const e of events) if (e.ph === "X" && e.dur) sums[e.name] = (sums[e.name] || 0) + e.dur / 1000;
for (const [k, v] of Object.entries(sums).sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(k.padEnd(40), (v / 40).toFixed(2), "ms/input");
await browser.close(); server.kill();

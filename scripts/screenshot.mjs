// Takes docs/designer.png (the designer with the demo loaded and one account explained) and the
// workshop room at a desk and on a projector: docs/workshop-1440.png, docs/workshop-1024.png
// (the last metric's slider in use, the scores at a glance pinned above it).
// Usage (with dist/ built): node scripts/screenshot.mjs
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "tests/e2e/package.json"));
const { chromium } = require("playwright-core");
const PORT = 4198;
const server = spawn("python3", ["-m", "http.server", String(PORT), "--bind", "127.0.0.1", "--directory", join(root, "dist")], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1250 } });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByRole("button", { name: "Pin as baseline" }).click();
  await page.getByRole("slider", { name: "Weight of Core-feature usage" }).fill("26");
  await page.getByRole("button", { name: "Northwind Traders", exact: true }).click();
  await page.getByRole("listitem", { name: "Core-feature usage" }).getByText("Edit Core-feature usage").click();
  await page.screenshot({ path: join(root, "docs/designer.png") });
  console.log("wrote docs/designer.png");
  for (const [width, height] of [[1440, 900], [1024, 768]]) {
    const room = await browser.newPage({ viewport: { width, height } });
    await room.goto(`http://127.0.0.1:${PORT}/`);
    await room.getByRole("button", { name: "Pin as baseline" }).click();
    const last = room.getByRole("slider", { name: "Weight of NPS" });
    await last.scrollIntoViewIfNeeded();
    await last.fill("20");
    await last.focus();
    const out = `docs/workshop-${width}.png`;
    await room.screenshot({ path: join(root, out) });
    console.log(`wrote ${out}`);
    await room.close();
  }
} finally {
  await browser.close();
  server.kill();
}

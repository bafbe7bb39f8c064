// Security: the Content-Security-Policy in index.html holds over a full use of the app (nothing
// violates it, nothing is fetched from elsewhere), and markup typed into any text field stays text.
import { test, expect } from "./fixtures.mjs";
import { open } from "./helpers.mjs";
import crypto from "node:crypto";
import fs from "node:fs";

/** Records, in every page of the context, each CSP violation (window.__violations) and each request. */
async function watch(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    window.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} ${e.sample || ""}`.trim());
    }, true);
  });
  const requests = [];
  context.on("request", (request) => requests.push(request.url()));
  return requests;
}

const violations = (page) => page.evaluate(() => window.__violations);

/** A request's origin; a blob: URL's is that of the page that made it. */
const originOf = (url) => new URL(url.startsWith("blob:") ? url.slice(5) : url).origin;

async function download(page, button) {
  const file = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return fs.readFileSync(await (await file).path(), "utf8");
}

test("the policy is in force: the app starts under it, and an inline script added later does not run", async ({ browser }) => {
  // A page of its own: the refused script logs a console error, which the fixture's page would count.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await watch(context);
  const page = await context.newPage();
  await page.goto("/");
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'none'");
  // The loader (Trunk.toml's pattern_script) runs only if index.html lists the hash of its exact text.
  const loader = await page.locator("script#app-loader").textContent();
  const hash = crypto.createHash("sha256").update(loader).digest("base64");
  expect(csp, "index.html's script-src must list the sha256 of Trunk.toml's pattern_script")
    .toContain(`script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}';`);
  await open(page);
  expect(await violations(page)).toEqual([]);
  expect(await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.body.append(script);
    return window.__inline;
  })).toBeUndefined();
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src-elem blocked inline/)]);
  await context.close();
});

test("a full use of the app breaks no rule of the policy and makes no request off the origin", async ({ page, context }) => {
  const requests = await watch(context);
  // Printing is stubbed: the stub plays the print events the browser would fire.
  await context.addInitScript(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
      window.dispatchEvent(new Event("beforeprint"));
      window.dispatchEvent(new Event("afterprint"));
    };
  });
  await open(page);
  const origin = new URL(page.url()).origin;

  // Accounts pasted in.
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill(
    "Account,Core feature usage %,Login days per week\nAcme,80%,4\nGlobex,50%,2\nInitech,10%,0\n",
  );
  await expect(page.getByRole("button", { name: "Globex", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Globex", exact: true }).click();
  await expect(page.getByRole("region", { name: /Why Globex scores/ })).toBeVisible();

  // A scorecard exported, then imported from pasted JSON.
  const card = JSON.parse(await download(page, "Export scorecard (.json)"));
  card.name = "Pasted under CSP";
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(JSON.stringify(card));
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await expect(page.getByRole("textbox", { name: "Scorecard name" })).toHaveValue("Pasted under CSP");
  expect(await download(page, "Export scores (.csv)")).toContain("Globex");

  // A share link, opened in another tab.
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: /^Share link/ }).inputValue();
  expect(link.startsWith(`${origin}/`)).toBe(true);
  const other = await context.newPage();
  await other.goto(link);
  const banner = other.getByRole("region", { name: "Opened from a share link" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Save to my library" }).click();
  await expect(banner).toHaveCount(0);
  expect(await violations(other)).toEqual([]);
  await other.close();

  // Present, print, and a real print rendering.
  await page.getByRole("button", { name: "Present" }).click();
  const summary = page.getByRole("article", { name: "Pasted under CSP" });
  await expect(summary).toBeVisible();
  await summary.getByRole("button", { name: "Print or save as PDF" }).click();
  expect(await page.evaluate(() => window.__printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ format: "A4" });
  await page.emulateMedia({ media: "screen" });
  await summary.getByRole("button", { name: "Back to the designer" }).click();
  await expect(page.getByRole("heading", { name: "Metrics", exact: true })).toBeVisible();

  expect(await violations(page)).toEqual([]);
  const elsewhere = requests.filter((url) => originOf(url) !== origin);
  expect(elsewhere, "requests that left the origin").toEqual([]);
  // The app did load its own files (so the request log is live).
  expect(requests.some((url) => url.endsWith(".wasm"))).toBe(true);
});

const PAYLOAD = '<img src="http://127.0.0.1:9/x"><img src=x onerror="window.__ran=(window.__ran||0)+1"><script>window.__ran=99</script>';

/** Types the payload into every text field of the designer, pastes accounts named with it, and shows it everywhere. */
async function typeEverywhere(page) {
  // Forty-odd fields filled one by one, then a PDF: about 20 s alone, near the default
  // 30 s limit when the whole suite shares two cores.
  test.slow();
  await open(page);
  // Open every metric editor, so its fields (category values among them) are there to type in.
  const toggles = page.locator(".metric-details > summary");
  for (let i = 0; i < (await toggles.count()); i++) await toggles.nth(i).click();
  // Rename the saved scorecard through the library's own box too.
  await page.getByRole("button", { name: /^Rename / }).first().click();
  await expect(page.getByRole("textbox", { name: /^New name for / })).toBeFocused();
  await page.keyboard.type(`${PAYLOAD} library`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `${PAYLOAD} library`, exact: true })).toBeVisible();

  const boxes = page.getByRole("textbox");
  const skip = /^(Paste accounts|Scorecard JSON|Share link)/;
  const count = await boxes.count();
  let typed = 0;
  for (let i = 0; i < count; i++) {
    const box = boxes.nth(i);
    const name = await box.evaluate((el) => el.getAttribute("aria-label") ?? el.labels?.[0]?.textContent ?? "");
    if (skip.test(name.trim()) || !(await box.isEditable())) continue;
    await box.fill(`${PAYLOAD} ${i}`);
    await box.press("Tab");
    typed += 1;
  }
  // Scorecard name, 9 metric names, 3 band labels, 3 x 4 playbook fields at the least.
  expect(typed).toBeGreaterThanOrEqual(25);

  const quoted = (text) => `"${text.replaceAll('"', '""')}"`;
  await page.getByRole("textbox", { name: /Paste accounts/ }).fill(
    `Account,Core feature usage %,Login days per week\n${quoted(`${PAYLOAD} A`)},80%,4\n${quoted(`${PAYLOAD} B`)},20%,1\n`,
  );
  const account = page.getByRole("button", { name: `${PAYLOAD} A`, exact: true });
  await expect(account).toBeVisible();
  await account.click();
  await expect(page.getByRole("region", { name: /^Why <img/ })).toBeVisible();
  await page.getByRole("button", { name: "Present" }).click();
  await expect(page.getByRole("article")).toContainText(`${PAYLOAD} 0`);
  await page.emulateMedia({ media: "print" });
  await page.pdf({ format: "A4" });
  await page.emulateMedia({ media: "screen" });
  await page.getByRole("button", { name: "Back to the designer" }).click();
  // Image errors arrive asynchronously: give any that were created time to fire.
  await page.waitForTimeout(500);
}

async function expectInert(page, requests) {
  expect(await page.evaluate(() => window.__ran)).toBeUndefined();
  expect(await page.locator("img").count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].map((s) => s.id))).toEqual(["app-loader"]);
  expect(requests.filter((url) => url.includes("127.0.0.1:9/") || /\/x$/.test(url))).toEqual([]);
}

test("markup typed into every text field makes no request and runs nothing", async ({ page, context }) => {
  const requests = await watch(context);
  await typeEverywhere(page);
  await expectInert(page, requests);
  expect(await violations(page)).toEqual([]);
});

test.describe("with the policy switched off", () => {
  // The app itself never turns text into markup: the policy is a second line, not the only one.
  test.use({ bypassCSP: true });
  test("markup typed into every text field still makes no request and runs nothing", async ({ page, context }) => {
    const requests = await watch(context);
    await typeEverywhere(page);
    await expectInert(page, requests);
  });
});

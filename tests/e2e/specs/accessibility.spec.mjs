// Accessibility: axe-core finds nothing to report on each of the app's main views, checked as
// served (under the page's Content-Security-Policy): the designer with its metric editors closed
// and open, the library with an entry set aside, the evidence panel, and the present view.
import { test, expect } from "./fixtures.mjs";
import { open } from "./helpers.mjs";
import fs from "node:fs";
import { createRequire } from "node:module";

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe on the whole page and returns its violations, one readable entry per element. */
async function axeFindings(page, known = []) {
  // Evaluated by the test runner, not added as a <script>: the page's policy refuses inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
    }));
  });
  const isKnown = (v, n) => known.some((k) => k.id === v.id && n.html.includes(k.html));
  return violations.flatMap((v) => v.nodes.filter((n) => !isKnown(v, n)).map((n) =>
    `${v.id} (${v.impact}): ${v.help}\n    at ${n.target}\n    ${n.html.slice(0, 200)}\n    ${n.summary.replaceAll("\n", "\n    ")}`));
}

/** `known`: findings whose fix lies outside this spec's reach, each naming where it is to be fixed. */
async function expectNoFindings(page, known = []) {
  const findings = await axeFindings(page, known);
  expect(findings, `axe found ${findings.length} problem(s):\n\n${findings.join("\n\n")}\n`).toEqual([]);
}

const editToggles = (page) => page.locator(".metric-details > summary");

test("the designer, every metric editor closed", async ({ page }) => {
  await open(page);
  await expect(editToggles(page).first()).toBeVisible();
  expect(await page.locator(".metric-details[open]").count()).toBe(0);
  await expectNoFindings(page);
});

test("the designer with every metric editor open", async ({ page }) => {
  await open(page);
  // The editors below the first screen are built once the browser is idle after it.
  await expect.poll(() => editToggles(page).count()).toBeGreaterThanOrEqual(9);
  const count = await editToggles(page).count();
  for (let i = 0; i < count; i++) await editToggles(page).nth(i).click();
  await expect(page.locator(".metric-details[open]")).toHaveCount(count);
  await expect(page.getByRole("spinbutton", { name: "Tier 1 threshold" }).first()).toBeVisible();
  await expectNoFindings(page);
});

test("the library with several scorecards and one entry set aside", async ({ page }) => {
  await open(page);
  await page.getByRole("combobox", { name: "Start from" }).selectOption({ label: "B2B SaaS five components" });
  await page.getByRole("button", { name: "New scorecard" }).click();
  await expect(page.getByRole("list", { name: "Saved scorecards" }).getByRole("listitem")).toHaveCount(2);
  await page.evaluate(() => localStorage.setItem("healthscore.card.broken", '{"saved_at": 1, "scorecard": {"version": 2, "name": '));
  await page.reload();
  await expect(page.getByRole("region", { name: "Set aside: could not be read" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "could not be read" })).toBeVisible();
  await expectNoFindings(page);
  // A row being renamed, too.
  await page.getByRole("button", { name: "Rename B2B SaaS five components" }).click();
  await expect(page.getByRole("textbox", { name: "New name for B2B SaaS five components" })).toBeFocused();
  await expectNoFindings(page);
});

test("the evidence panel on the synthetic churn data with its outcome column marked", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: /^Load synthetic churn data/ }).click();
  const evidence = page.getByRole("region", { name: "Evidence: does the score predict churn?" });
  await evidence.getByRole("combobox", { name: "Outcome column" }).selectOption("Churned");
  await expect(evidence.getByRole("table", { name: "Churn per band" })).toBeVisible();
  await expectNoFindings(page);
  // With the data's suggestions shown as well.
  await evidence.getByRole("button", { name: "Suggest weights from the data" }).click();
  await expect(evidence.getByRole("button", { name: "Apply suggested weights" })).toBeVisible();
  await expectNoFindings(page);
});

test("the present view", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Present" }).click();
  await expect(page.getByRole("article", { name: "DEAR 100-point scorecard" })).toBeVisible();
  await expectNoFindings(page);
});

test("an account opened, a paste with problems, a card that does not add up, and a share link shown", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Northwind Traders", exact: true }).click();
  await expect(page.getByRole("region", { name: /^Why Northwind Traders scores/ })).toBeVisible();
  await page.getByRole("button", { name: "Share link" }).click();
  await expect(page.getByRole("textbox", { name: /^Share link/ })).toBeVisible();
  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  await expect(page.getByRole("textbox", { name: "Scorecard JSON" })).toBeVisible();
  await expectNoFindings(page);

  await page.getByRole("textbox", { name: /Paste accounts/ }).fill([
    "Account\tCore feature usage %\tLogin days per week\tUsage trend\tRegion",
    "Example Co\t70%\t2\tFlat\tEMEA",
    "Broken Inc\tlots\t2\tSideways\tAPAC",
    "Short Ltd\t90%",
  ].join("\n"));
  await expect(page.getByRole("region", { name: "Data quality" })).toBeVisible();
  const weight = page.getByRole("spinbutton", { name: "Weight of NPS" });
  await weight.fill("10");
  await weight.press("Tab");
  await expect(page.getByRole("status").filter({ hasText: "Provisional: the weights total 105" })).toBeVisible();
  await expectNoFindings(page);
});

test("a scorecard opened from a share link, and an import that asks about a namesake", async ({ page }) => {
  await open(page);
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByRole("textbox", { name: /^Share link/ }).inputValue();
  await page.goto(link);
  await expect(page.getByRole("region", { name: "Opened from a share link" })).toBeVisible();
  await expectNoFindings(page);

  await page.getByRole("button", { name: "Paste scorecard JSON" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export scorecard (.json)" }).click();
  const text = fs.readFileSync(await (await download).path(), "utf8");
  await page.getByRole("textbox", { name: "Scorecard JSON" }).fill(text);
  await page.getByRole("button", { name: "Import pasted JSON" }).click();
  await expect(page.getByRole("dialog", { name: /already in your library/ })).toBeVisible();
  await expectNoFindings(page);
});

test("at 420 px wide the page reflows to one column, with no sideways scrolling", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Healthscore" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  const metrics = await page.getByRole("heading", { name: "Metrics" }).boundingBox();
  const scores = await page.getByRole("heading", { name: "Scores" }).boundingBox();
  expect(scores.y).toBeGreaterThan(metrics.y);
  await page.close();
});

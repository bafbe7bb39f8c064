// Shared test fixture: fails any test whose page logs an error or throws.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
});
export { expect };

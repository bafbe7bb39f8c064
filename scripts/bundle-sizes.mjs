// Prints the size of each wasm, JS and CSS file of a Trunk build, raw and after brotli.
// Run by Trunk's post_build hook (TRUNK_STAGING_DIR), or by hand with a folder: node scripts/bundle-sizes.mjs dist
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const profile = process.env.TRUNK_PROFILE ?? "";
const rows = readdirSync(dir)
  .filter((name) => /\.(wasm|js|css)$/.test(name))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(dir, name));
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
    return { name, raw: bytes.length, brotli };
  });
const fmt = (n) => n.toLocaleString("en-US").padStart(10);
console.log(`bundle sizes${profile ? ` (${profile})` : ""}:        raw     brotli`);
for (const { name, raw, brotli } of rows) {
  const kind = name.split(".").pop().padEnd(5);
  console.log(`  ${kind} ${name.padEnd(40)} ${fmt(raw)} ${fmt(brotli)}`);
}
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, brotli: t.brotli + r.brotli }), { raw: 0, brotli: 0 });
console.log(`  total ${"".padEnd(40)} ${fmt(total.raw)} ${fmt(total.brotli)}`);

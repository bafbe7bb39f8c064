// Vendored from the workplace benchmark harness (shared/bench) so the project measures itself
// the same way it is checked; the targets printed are issue 9's.
// Prints perf.mjs results as markdown tables: goal vs measured vs peer per size, slider phases, drag.
// Usage: node summarize.mjs results/a.json [results/b.json ...]   (sizes from later files are added)
import fs from 'node:fs';

const files = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const sizes = {}, load = files.find((f) => f.summary.load?.firstVisit)?.summary.load ?? {};
for (const f of files) Object.assign(sizes, f.summary.sizes);
const bundle = files[0].summary.bundle;
const f1 = (x) => (x == null ? '–' : typeof x === 'number' ? (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)) : String(x));
const Ns = Object.keys(sizes).map(Number).sort((a, b) => a - b);
const row = (cells) => console.log(`| ${cells.join(' | ')} |`);

console.log(`Runs: ${files.map((f) => `${f.meta.reps} rep(s) of ${f.meta.sizes.join(', ')} on ${f.meta.chromium ?? 'Chromium'}, load ${f.meta.loadBefore[0]}→${f.meta.loadAfter[0]}`).join('; ')}\n`);
row(['goal', 'target', ...Ns.map((n) => `app @${n.toLocaleString('en-US')}`), ...Ns.map((n) => `peer @${n.toLocaleString('en-US')}`)]);
row(Array(2 + 2 * Ns.length).fill('---'));
const S = (n) => sizes[n];
row(['paste → scores painted (ms)', '≤400 @100k, ≤2× Papa', ...Ns.map((n) => f1(S(n).paste.toScores)), ...Ns.map((n) => `Papa ${f1(S(n).peer?.papa_header_false)}`)]);
row(['  of which browser inserts text', '', ...Ns.map((n) => f1(S(n).paste.browserInsert)), ...Ns.map(() => '')]);
row(['  textarea input event → painted', '', ...Ns.map((n) => f1(S(n).inputEventToScores)), ...Ns.map((n) => `Papa+cols+score ${f1((S(n).peer?.papa_header_false ?? 0) + (S(n).peer?.js_columnarise ?? 0) + (S(n).peer?.js_score_12_metrics ?? 0))}`)]);
row(['  file picked → painted', '', ...Ns.map((n) => f1(S(n).fileToScores)), ...Ns.map((n) => (S(n).peer?.duck_load_clean_typed != null ? `DuckDB load ${f1(S(n).peer.duck_load_clean_typed)}` : ''))]);
row(['  longest main-thread task, paste / file (ms)', '≤200 @1M', ...Ns.map((n) => `${f1(S(n).pasteLongestTask)} / ${f1(S(n).fileLongestTask)}`), ...Ns.map(() => '')]);
row(['slider event: main-thread busy, mean (ms)', '≤8 @10k, ≤12 @100k', ...Ns.map((n) => f1(S(n).slider.plain.traceBusy)), ...Ns.map((n) => `JS loop ${f1(S(n).peer?.js_score_12_metrics)}`)]);
row(['  script (wasm+glue) per event', '≤3 @100k, ≤20 @1M', ...Ns.map((n) => f1(S(n).slider.plain.traceScript)), ...Ns.map((n) => (S(n).peer?.duck_query_band_counts_clean != null ? `DuckDB query ${f1(S(n).peer.duck_query_band_counts_clean)}` : ''))]);
row(['  input → next paint, median / p95', '', ...Ns.map((n) => `${f1(S(n).slider.plain.toPaint)} / ${f1(S(n).slider.plain.toPaintP95)}`), ...Ns.map((n) => (S(n).peer?.dom_recompute_to_raf2 != null ? `DOM baseline ${f1(S(n).peer.dom_recompute_to_raf2)}` : ''))]);
row(['  baseline pinned: busy / to paint', '≤8', ...Ns.map((n) => `${f1(S(n).slider.pinned.traceBusy)} / ${f1(S(n).slider.pinned.toPaint)}`), ...Ns.map(() => '')]);
row(['  account selected: busy / to paint', '≤8', ...Ns.map((n) => `${f1(S(n).slider.selected.traceBusy)} / ${f1(S(n).slider.selected.toPaint)}`), ...Ns.map(() => '')]);
row(['drag, 60 events at rAF pace: frames > 16.7 ms', '0 @10k, ≤3 @100k', ...Ns.map((n) => `${f1(S(n).drag.framesOver16_7)} (${f1(S(n).drag.droppedFrames)} vsyncs missed, ${f1(S(n).drag.effectiveFps)} fps)`), ...Ns.map(() => '')]);
row(['memory after load: wasm / JS heap / renderer RSS (MB)', 'wasm ≤40 @100k', ...Ns.map((n) => `${f1(S(n).memory.wasmMemoryMB)} / ${f1(S(n).memory.jsHeapUsedMB)} / ${f1(S(n).memory.rendererRssMB)}`), ...Ns.map(() => '')]);
row(['rows shown', '', ...Ns.map((n) => f1(S(n).paste.rowsShown)), ...Ns.map((n) => `Papa rows ${f1(n)}`)]);
console.log(`\nBundle: ${f1(bundle.brotliKB)} KiB brotli (goal ≤200 KB), ${f1(bundle.rawKB)} KiB raw.`);
if (load.firstVisit) console.log(`Cold load (first visit, median): slider enabled ${f1(load.firstVisit.sliderEnabled)} ms, first results row ${f1(load.firstVisit.firstRow)} ms, painted ${f1(load.firstVisit.interactivePainted)} ms, FCP ${f1(load.firstVisit.fcp)} ms, longest task ${f1(load.firstVisit.longestTask)} ms (goal < 300 ms).`);
if (load.saved10k) console.log(`Cold load with 10k saved accounts: slider enabled ${f1(load.saved10k.sliderEnabled)} ms, painted ${f1(load.saved10k.interactivePainted)} ms, longest task ${f1(load.saved10k.longestTask)} ms.`);
console.log('\nSlider event phases (trace, mean ms per event): script | gc | style | layout | paint | browser form-state | other | longest task');
for (const n of Ns) for (const cfg of ['plain', 'pinned', 'selected']) {
  const s = S(n).slider[cfg];
  console.log(`- ${n} ${cfg}: ${[s.traceScript, s.traceGc, s.traceStyle, s.traceLayout, s.tracePaint, s.traceFormState, s.traceOther, s.traceLongestTask].map(f1).join(' | ')}`);
}
console.log('\nTop app functions per slider event (CPU profile, inclusive ms, plain):');
for (const n of Ns) console.log(`- ${n}: ${(S(n).slider.plain.profileApp ?? []).slice(0, 5).map(([l, ms]) => `${l.replace(/^wasm /, '')} ${f1(ms)}`).join('; ')}`);

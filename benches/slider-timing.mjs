// Shared by the slider benchmarks: dispatches weight-slider `input` events in the page and
// times each to the next painted frame, to the DOM update alone, and an idle frame beside it.

/** Per event: input-to-paint, script work (input to DOM updated) and an idle frame, in ms. */
export async function timeSlider(page, samples) {
  return page.evaluate(async (samples) => {
    const slider = document.querySelector("input[type=range][aria-label='Weight of Core-feature usage']");
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    const task = () => new Promise((done) => setTimeout(done, 0));
    const paint = [], work = [], idle = [];
    for (let i = 0; i < samples + 5; i++) {
      // A frame with no input: the floor every figure below stands on.
      await frame();
      let start = performance.now();
      await frame();
      const floor = performance.now() - start;
      // Input to the next painted frame.
      start = performance.now();
      slider.value = String(10 + (i % 20) * 2);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      await frame();
      const toPaint = performance.now() - start;
      // Script work alone: input to DOM updated (Leptos runs effects in microtasks/tasks).
      await frame();
      start = performance.now();
      slider.value = String(11 + (i % 20) * 2);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
      await task();
      const scripted = performance.now() - start;
      if (i >= 5) { paint.push(toPaint); work.push(scripted); idle.push(floor); }
    }
    slider.dispatchEvent(new Event("change", { bubbles: true }));
    return { paint, work, idle };
  }, samples);
}

/** "median p95 max" of a list of ms. */
export function stats(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return [at(0.5), at(0.95), sorted[sorted.length - 1]].map((x) => x.toFixed(1).padStart(7)).join(" ");
}

/** A drag: one slider `input` event per animation frame for `events` frames; counts the frames
 * that took longer than one vsync (16.7 ms, with 3 ms slack for timer jitter). */
export async function dragFrames(page, events) {
  return page.evaluate(async (events) => {
    const slider = document.querySelector("input[type=range][aria-label='Weight of Core-feature usage']");
    const stamps = [];
    await new Promise((done) => {
      let i = 0;
      const step = (t) => {
        stamps.push(t);
        if (i++ >= events) return done();
        slider.value = String(10 + (i % 30));
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    slider.dispatchEvent(new Event("change", { bubbles: true }));
    const gaps = stamps.slice(1).map((t, k) => t - stamps[k]);
    return { over: gaps.filter((g) => g > 16.7 + 3).length, events };
  }, events);
}

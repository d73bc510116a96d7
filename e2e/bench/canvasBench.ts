// Canvas performance probe for `npm run bench`: loads a generated 500-node graph through the real
// UI (pasted from the system clipboard), drags a node with the mouse for ~3 s and reports the
// frame time of the frames that moved it (see motionProbe), then pans the view the same way; plus
// the Node-side cost of inferShapes + summaryTable on that graph; then
// the training probe (trainingProbe.ts): frame times while the MNIST MLP trains in the app.
// Standalone: `npx tsx e2e/bench/canvasBench.ts` (builds the app if needed, serves it, prints).
import { pathToFileURL } from 'node:url';
import { chromium, expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../engine/cli/chromium.ts';
import { inferShapes } from '../../engine/graph/infer.ts';
import { summaryTable } from '../../engine/summary/table.ts';
import { benchGraph } from './canvasGraph.ts';
import { pane } from './canvasDriver.ts';
import { quantile, trainingProbe, type TrainingProbeResult } from './trainingProbe.ts';

/** What the probe measured (milliseconds). */
export interface CanvasBenchResult {
  nodes: number;
  /**
   * Median frame time of a drag frame: from the frame's start (its requestAnimationFrame timestamp,
   * or the mouse move that began it if that came first) to the end of its rendering work.
   */
  dragFrameMedianMs: number;
  dragFrameP95Ms: number;
  dragFrames: number;
  /** Median interval between two frames that moved the node (60 Hz display: 16.7 ms at best). */
  dragIntervalMedianMs: number;
  /** Frames that moved the node per second of dragging: how often the drag visibly updates. */
  dragUpdatesPerSecond: number;
  /** Panning the view by dragging empty canvas, measured the same way. */
  pan: MotionFrames;
  /** Time from pressing paste to all nodes on screen. */
  loadMs: number;
  /** Median of inferShapes + summaryTable for the graph, in Node. */
  inferSummaryMedianMs: number;
}

/**
 * Median ms of inferShapes + summaryTable on the bench graph, after 50 warm-up runs: an app that
 * is being edited runs JIT-compiled code, so cold first calls would not be representative.
 */
export function inferSummaryMs(doc = benchGraph(), runs = 200): number {
  const warmup = 50;
  const times: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const t0 = performance.now();
    const inf = inferShapes(doc);
    if (!inf.summary) throw new Error('the bench graph should be valid');
    summaryTable(inf.summary);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  return quantile(times, 0.5);
}

/**
 * The in-page half of a motion measurement (plain text: tsx would wrap arrow functions in a helper
 * the page does not have). A frame starts at its requestAnimationFrame timestamp, or at the first
 * mouse move handled since the previous frame ended if that was earlier (Chromium may handle a
 * move, and the drag's script, between frames); it ends when a message posted from its
 * requestAnimationFrame callback arrives, i.e. after the frame's style, layout, paint and commit.
 * Only frames whose rendering moved the element (`selector`: its transform changed) are counted.
 * Headless Chromium paces frames and input at 60 Hz, so the interval between frames cannot show
 * work under 16.7 ms; the frame time can.
 */
const motionProbe = (selector: string) => `(() => {
  const d = (window.__motion = { frames: [], starts: [], stop: false });
  const el = document.querySelector(${JSON.stringify(selector)});
  let input = null;
  const onMove = () => { if (input === null) input = performance.now(); };
  addEventListener('mousemove', onMove, true);
  d.off = () => removeEventListener('mousemove', onMove, true);
  let last = el.style.transform;
  const channel = new MessageChannel();
  let pending = null;
  channel.port1.onmessage = () => {
    const end = performance.now();
    const f = pending;
    pending = null;
    input = null;
    if (f.moved) { d.frames.push(end - f.start); d.starts.push(f.raf); }
  };
  const tick = (t) => {
    const now = el.style.transform;
    const start = input === null ? t : Math.min(t, input);
    pending = { start, raf: t, moved: now !== last };
    last = now;
    channel.port2.postMessage(0);
    if (!d.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Frame times of one motion. */
export interface MotionFrames {
  medianMs: number;
  p95Ms: number;
  frames: number;
  /** Median interval between two frames that moved the element. */
  intervalMedianMs: number;
  updatesPerSecond: number;
}

/**
 * With the mouse button held at (x, y), moves the mouse for ~3 s around an ellipse (radii 120 and
 * 80 px) starting there, one awaited move at a time like a 60 Hz pointer (the next is sent once
 * the page has handled the last), and measures the frames that moved `selector`.
 */
async function circle(page: Page, selector: string, x: number, y: number): Promise<MotionFrames> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 4, y + 4, { steps: 2 });
  await page.evaluate(motionProbe(selector));
  const start = Date.now();
  for (let i = 0; Date.now() - start < 3000; i++) {
    const a = (i / 60) * Math.PI;
    await page.mouse.move(x - 120 + 120 * Math.cos(a), y + 80 * Math.sin(a));
  }
  const ms = Date.now() - start;
  const probe = (await page.evaluate(
    '(() => { const d = window.__motion; d.stop = true; d.off(); return { frames: d.frames, starts: d.starts }; })()',
  )) as { frames: number[]; starts: number[] };
  await page.mouse.up();
  // A press that missed, or a motion that moved nothing, must not print as a result.
  if (probe.frames.length === 0)
    throw new Error(`no frame moved ${selector}: the motion did not take`);
  const intervals = probe.starts.slice(1).map((t, i) => t - probe.starts[i]);
  return {
    medianMs: quantile(probe.frames, 0.5),
    p95Ms: quantile(probe.frames, 0.95),
    frames: probe.frames.length,
    intervalMedianMs: quantile(intervals, 0.5),
    updatesPerSecond: probe.frames.length / (ms / 1000),
  };
}

/** The accessible label of the node card nearest the centre of the canvas pane. */
const NEAREST_CENTRE = `(() => {
  const pane = document.querySelector('.canvas .react-flow__pane').getBoundingClientRect();
  const mx = pane.x + pane.width / 2;
  const my = pane.y + pane.height / 2;
  let best = null;
  let bestD = Infinity;
  for (const n of document.querySelectorAll('.layer-node')) {
    const r = n.getBoundingClientRect();
    const d = Math.hypot(r.x + r.width / 2 - mx, r.y + r.height / 2 - my);
    if (d < bestD) { bestD = d; best = n.getAttribute('aria-label'); }
  }
  return best;
})()`;

/** A point of empty canvas on the pane's middle row, as far right as there is one. */
const EMPTY_POINT = `(() => {
  const pane = document.querySelector('.canvas .react-flow__pane');
  const r = pane.getBoundingClientRect();
  const y = r.y + r.height / 2;
  for (let x = r.right - 60; x > r.x; x -= 10)
    if (document.elementFromPoint(x, y) === pane) return { x, y };
  throw new Error('no empty canvas on the middle row');
})()`;

/** Runs the probe in `page` against the app served at `baseURL`. */
export async function canvasBench(page: Page, baseURL: string): Promise<CanvasBenchResult> {
  const doc = benchGraph();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(baseURL).origin,
  });
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.goto(baseURL);
  await expect(pane(page)).toBeVisible();
  // The user copied a project document from an editor; the app reads it with Ctrl+V.
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(doc));
  await pane(page).click({ position: { x: 20, y: 20 } });
  const t0 = Date.now();
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.locator('.layer-node')).toHaveCount(doc.nodes.length, { timeout: 60_000 });
  const loadMs = Date.now() - t0;
  await page.getByRole('button', { name: 'Fit view' }).click();
  // The pasted nodes arrive selected; a click on empty canvas leaves one node to drag.
  await pane(page).click({ position: { x: 40, y: 40 } });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);

  // The node nearest the middle of the canvas, so the drag stays clear of the 40 px borders
  // where React Flow pans the view: this measures a drag, the pan is measured next.
  const label = await page.evaluate(NEAREST_CENTRE);
  const box = (await page.locator(`.layer-node[aria-label="${label}"]`).boundingBox())!;
  const view = () => page.locator('.react-flow__viewport').getAttribute('style');
  const viewBefore = await view();
  const drag = await circle(
    page,
    `.react-flow__node:has(.layer-node[aria-label="${label}"])`,
    box.x + box.width / 2,
    box.y + box.height / 2,
  );
  if ((await view()) !== viewBefore) throw new Error('the view panned during the drag');
  // Panning: the same motion, pressed on empty canvas.
  const empty = (await page.evaluate(EMPTY_POINT)) as { x: number; y: number };
  const pan = await circle(page, '.react-flow__viewport', empty.x, empty.y);
  return {
    nodes: doc.nodes.length,
    dragFrameMedianMs: drag.medianMs,
    dragFrameP95Ms: drag.p95Ms,
    dragFrames: drag.frames,
    dragIntervalMedianMs: drag.intervalMedianMs,
    dragUpdatesPerSecond: drag.updatesPerSecond,
    pan,
    loadMs,
    inferSummaryMedianMs: inferSummaryMs(doc),
  };
}

async function main(): Promise<void> {
  const { build, preview } = await import('vite');
  // Always measure the current sources: a stale dist/ would report someone else's numbers.
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  const server = await preview({
    configFile: 'vite.config.ts',
    preview: { port: 4180, strictPort: false },
  });
  const url = server.resolvedUrls?.local[0] ?? 'http://localhost:4180/';
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const r = await canvasBench(page, url);
    let training: TrainingProbeResult | { error: string };
    try {
      training = await trainingProbe(await browser.newPage(), url);
    } catch (e) {
      training = { error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
    }
    // `--json`: one machine-readable line for `npm run bench`, which runs this as a child process.
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ ...r, training }));
      return;
    }
    if ('error' in training) console.log(`training probe failed: ${training.error}`);
    else
      console.log(
        `training (${training.backend}): median frame ${training.frameMedianMs.toFixed(1)} ms (p95 ${training.frameP95Ms.toFixed(1)} ms), ${training.stepsPerSecond.toFixed(1)} steps/s`,
      );
    console.log(`canvas: ${r.nodes} nodes, loaded in ${r.loadMs} ms`);
    console.log(
      `drag: median frame time ${r.dragFrameMedianMs.toFixed(1)} ms (p95 ${r.dragFrameP95Ms.toFixed(1)} ms, ${r.dragFrames} frames; ${r.dragUpdatesPerSecond.toFixed(1)} updates/s, median interval ${r.dragIntervalMedianMs.toFixed(1)} ms)`,
    );
    console.log(
      `pan: median frame time ${r.pan.medianMs.toFixed(1)} ms (p95 ${r.pan.p95Ms.toFixed(1)} ms, ${r.pan.frames} frames; ${r.pan.updatesPerSecond.toFixed(1)} updates/s)`,
    );
    console.log(`inferShapes + summaryTable: median ${r.inferSummaryMedianMs.toFixed(2)} ms`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

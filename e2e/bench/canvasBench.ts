// Canvas performance probe for `npm run bench`: loads a generated 500-node graph through the real
// UI (pasted from the system clipboard), drags a node with the mouse for ~3 s and reports the
// frame time of the frames that moved it (see DRAG_PROBE); plus the Node-side cost of inferShapes + summaryTable on that graph; then
// the training probe (trainingProbe.ts): frame times while the MNIST MLP trains in the app.
// Standalone: `npx tsx e2e/bench/canvasBench.ts` (builds the app if needed, serves it, prints).
import { pathToFileURL } from 'node:url';
import { chromium, expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../engine/cli/chromium.ts';
import { inferShapes } from '../../engine/graph/infer.ts';
import { summaryTable } from '../../engine/summary/table.ts';
import { benchGraph } from './canvasGraph.ts';
import { node, pane } from './canvasDriver.ts';
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
 * The in-page half of the drag measurement (plain text: tsx would wrap arrow functions in a helper
 * the page does not have). A frame starts at its requestAnimationFrame timestamp, or at the first
 * mouse move handled since the previous frame ended if that was earlier (Chromium may handle a
 * move, and the drag's script, between frames); it ends when a message posted from its
 * requestAnimationFrame callback arrives, i.e. after the frame's style, layout, paint and commit.
 * Only frames whose rendering moved the dragged node are counted. Headless Chromium paces frames
 * and input at 60 Hz, so the interval between frames cannot show work under 16.7 ms; the frame
 * time can.
 */
const DRAG_PROBE = `(() => {
  const d = (window.__drag = { frames: [], starts: [], stop: false });
  const el = document
    .querySelector('.layer-node[aria-label="dense_4_10 (Dense)"]')
    .closest('.react-flow__node');
  let input = null;
  addEventListener('mousemove', () => { if (input === null) input = performance.now(); }, true);
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

  const target = node(page, 'dense_4_10', 'Dense');
  const box = (await target.boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 10, cy + 10, { steps: 2 });
  await page.evaluate(DRAG_PROBE);
  const start = Date.now();
  // One mouse move at a time, each awaited like a 60 Hz pointer: the next is sent once the page
  // has handled the last.
  for (let i = 0; Date.now() - start < 3000; i++) {
    const a = (i / 60) * Math.PI;
    await page.mouse.move(cx + 120 * Math.cos(a), cy + 80 * Math.sin(a));
  }
  const dragMs = Date.now() - start;
  const probe = (await page.evaluate(
    '(() => { window.__drag.stop = true; return window.__drag; })()',
  )) as { frames: number[]; starts: number[] };
  await page.mouse.up();
  const frames = probe.frames;
  const intervals = probe.starts.slice(1).map((t, i) => t - probe.starts[i]);
  return {
    nodes: doc.nodes.length,
    dragFrameMedianMs: quantile(frames, 0.5),
    dragFrameP95Ms: quantile(frames, 0.95),
    dragFrames: frames.length,
    dragIntervalMedianMs: quantile(intervals, 0.5),
    dragUpdatesPerSecond: frames.length / (dragMs / 1000),
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
    console.log(`inferShapes + summaryTable: median ${r.inferSummaryMedianMs.toFixed(2)} ms`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

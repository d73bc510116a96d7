// SIGKILLs a process in the middle of saving, 200 times at random moments, and checks that the
// project file (and its .bak) is always a complete version, never a torn one.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTempFor } from './atomic.ts';
import { versionText } from './saveLoop.ts';

const KILLS = 200;
let work: string;
let script: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'loom-kill-'));
  script = path.join(work, 'saveLoop.mjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'saveLoop.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the save loop; kills it `delayMs` after it reports ready, or lets it finish `count` saves. */
function run(file: string, opts: { delayMs?: number; count?: number }): Promise<string | null> {
  const args = [script, file, ...(opts.count === undefined ? [] : [String(opts.count)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (opts.count !== undefined && code !== 0) reject(new Error(`save loop exited ${code}`));
      else resolve(signal);
    });
    child.stdout.once('data', () => {
      if (opts.delayMs !== undefined) setTimeout(() => child.kill('SIGKILL'), opts.delayMs);
    });
  });
}

const texts = new Map<number, string>();

/** The seq of a complete version, failing the test if the text is anything else. */
function completeVersion(file: string): number {
  const text = readFileSync(file, 'utf8');
  const seq = (JSON.parse(text) as { seq: number }).seq;
  if (!texts.has(seq)) texts.set(seq, versionText(seq));
  expect(text === texts.get(seq), `${path.basename(file)} is exactly version ${seq}`).toBe(true);
  return seq;
}

/** One lane: its own project folder, `kills` kill-and-check rounds; returns mid-save kills. */
async function lane(kills: number): Promise<number> {
  const dir = mkdtempSync(path.join(work, 'project-'));
  const file = path.join(dir, 'model.loom');
  await run(file, { count: 1 });
  let last = completeVersion(file);
  let killedMidSave = 0;
  for (let i = 0; i < kills; i++) {
    // Random moments across a save cycle: before the first write, mid-write, fsync, rename.
    const signal = await run(file, { delayMs: Math.floor(Math.random() * 25) });
    expect(signal).toBe('SIGKILL');
    const seq = completeVersion(file);
    expect(seq).toBeGreaterThanOrEqual(last);
    last = seq;
    const names = readdirSync(dir);
    for (const name of names) {
      expect(
        name === 'model.loom' || name === 'model.loom.bak' || isTempFor('model.loom', name),
        name,
      ).toBe(true);
    }
    // Killed between keeping the backup and the final rename, .bak may equal the current version.
    if (names.includes('model.loom.bak')) {
      expect(completeVersion(path.join(dir, 'model.loom.bak'))).toBeLessThanOrEqual(seq);
    }
    if (names.some((n) => isTempFor('model.loom', n))) killedMidSave++;
  }
  // A save that completes removes every temp file earlier kills left behind.
  await run(file, { count: 2 });
  expect(completeVersion(file)).toBe(last + 2);
  expect(completeVersion(path.join(dir, 'model.loom.bak'))).toBe(last + 1);
  expect(readdirSync(dir).sort()).toEqual(['model.loom', 'model.loom.bak']);
  return killedMidSave;
}

describe('atomicSave under SIGKILL', () => {
  it(`always leaves a complete old or new version (${KILLS} kills)`, async () => {
    // Four lanes in parallel: process start-up latency, not CPU, dominates each round.
    const lanes = 4;
    const midSave = await Promise.all(Array.from({ length: lanes }, () => lane(KILLS / lanes)));
    // The kills must really land inside saves, or this test proves nothing.
    console.log(
      `kill test: ${midSave.reduce((a, b) => a + b, 0)} of ${KILLS} kills landed mid-save`,
    );
    expect(midSave.reduce((a, b) => a + b, 0)).toBeGreaterThan(KILLS / 10);
  }, 90_000);
});

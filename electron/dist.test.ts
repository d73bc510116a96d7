import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary as find } from './electronBinary.mjs';
const root = path.resolve(import.meta.dirname, '..');

let fake: string;
beforeEach(() => {
  fake = mkdtempSync(path.join(os.tmpdir(), 'loom-electron-'));
});
afterEach(() => rmSync(fake, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds the executable named by path.txt', () => {
    const pkg = path.join(fake, 'node_modules', 'electron');
    mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    writeFileSync(path.join(pkg, 'path.txt'), 'electron\n');
    expect(find(fake)).toBeNull();
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
    expect(find(fake)).toBe(path.join(pkg, 'dist', 'electron'));
  });

  it('is null without path.txt or with an empty one', () => {
    expect(find(fake)).toBeNull();
    const pkg = path.join(fake, 'node_modules', 'electron');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, 'path.txt'), '  ');
    expect(find(fake)).toBeNull();
  });
});

describe('npm run dist', () => {
  it.skipIf(find(root) !== null)('fails with one clear line when the binary is missing', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'electron', 'dist.mjs')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/Electron's binary is not installed/);
  });
});

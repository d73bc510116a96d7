// Child process for kill.test.ts: saves a project with atomicSave in a loop, each version one higher
// than what is on disk, until killed (or, with a count, until it has saved that many versions).
import { readFileSync } from 'node:fs';
import { atomicSave } from './atomic.ts';

/** The exact text of version `seq`; large enough that a save spans many write calls. */
export function versionText(seq: number): string {
  const payload = Array.from({ length: 15_000 }, (_, i) => (seq * 7919 + i * 104729) % 1000003);
  return JSON.stringify({ schemaVersion: 1, name: `v${seq}`, seq, payload });
}

function currentSeq(file: string): number {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { seq: number }).seq;
  } catch {
    return 0;
  }
}

async function main(file: string, count: number): Promise<void> {
  let seq = currentSeq(file);
  process.stdout.write('ready\n');
  for (let i = 0; i < count; i++) {
    seq += 1;
    await atomicSave(file, versionText(seq));
  }
}

const [file, count] = process.argv.slice(2);
if (file !== undefined) await main(file, count === undefined ? Infinity : Number(count));

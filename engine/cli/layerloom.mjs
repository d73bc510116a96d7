#!/usr/bin/env node
// The `layerloom` bin: runs the TypeScript CLI through tsx's loader (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
const { main, exitOnClosedPipe } = await import('./main.ts');
exitOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));

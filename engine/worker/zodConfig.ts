// Imported first by the worker entries: zod must not probe `new Function` (its JIT), which the
// app's CSP forbids in the worker too and reports as a violation even though zod catches it.
// Module evaluation order makes this run before any schema (engine/document/schema.ts) parses.
import { z } from 'zod';

z.config({ jitless: true });

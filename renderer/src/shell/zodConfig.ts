// Imported first by main.tsx: zod must not probe `new Function` (its JIT), which the app's CSP
// forbids and reports as a securitypolicyviolation even though zod catches the error.
import { z } from 'zod';

z.config({ jitless: true });

// Checks every message the worker receives before acting on it: a malformed request becomes a
// typed 'worker/message' LoomError naming the offending field, never an exception in the worker.
import { z } from 'zod';
import { LoomError } from '../errors.ts';
import { sizeOf } from '../tensor.ts';
import type { Request, WireData } from './protocol.ts';

/** Most steps one request may ask for (a run can always be continued with another). */
export const MAX_STEPS = 1_000_000_000;

const F32 = z.instanceof(Float32Array, { message: 'must be a Float32Array' });

const Rows = z.object({
  data: F32,
  width: z.number().int().nonnegative(),
});

const Data = z.object({
  n: z.number().int().nonnegative(),
  inputs: z.record(z.string(), Rows),
  targets: z.record(z.string(), Rows).optional(),
});

const id = z.number().int().nonnegative();
const count = z.number().int().positive().max(MAX_STEPS);

const RequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('load'),
    id,
    project: z.unknown(),
    data: Data.optional(),
    arrays: z
      .record(
        z.string(),
        z.object({
          shape: z.array(z.number().int().nonnegative()),
          data: F32,
        }),
      )
      .optional(),
    validation: Data.optional(),
    preferBackend: z.enum(['webgl', 'cpu']),
  }),
  z.object({
    type: z.literal('step'),
    id,
    count: count.optional(),
    detail: z.boolean().optional(),
  }),
  z
    .object({ type: z.literal('run'), id, steps: count.optional(), epochs: count.optional() })
    .refine((r) => (r.steps === undefined) !== (r.epochs === undefined), {
      message: 'give exactly one of "steps" or "epochs"',
    }),
  z.object({ type: z.literal('pause'), id }),
  z.object({ type: z.literal('reset'), id, fresh: z.boolean().optional() }),
  z.object({
    type: z.literal('configure'),
    id,
    optimizerParams: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal('setWeights'),
    id,
    weights: z.record(z.string(), F32),
  }),
  z.object({ type: z.literal('getWeights'), id }),
  z.object({ type: z.literal('evaluate'), id, data: Data.optional() }),
  z.object({ type: z.literal('predict'), id, data: Data }),
  z.object({ type: z.literal('inspect'), id, split: z.enum(['train', 'validation']) }),
  z.object({
    type: z.literal('rows'),
    id,
    split: z.enum(['train', 'validation']),
    indices: z.array(z.number().int().nonnegative()).max(100_000),
  }),
]);

/** The request id of a message, if it has a usable one (so even a bad request gets an answer). */
export function messageId(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const v = (raw as { id?: unknown }).id;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** Validates a received message; throws LoomError('worker/message') naming the bad field. */
export function parseRequest(raw: unknown): Request {
  const r = RequestSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.map(String).join('.');
    const type =
      typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    throw new LoomError(
      'worker/message',
      `the training worker received a malformed ${typeof type === 'string' ? `'${type}' ` : ''}message: ${issue.message}`,
      path ? { path } : {},
      'This is a bug in the caller of the training worker; send requests built by the worker client.',
    );
  }
  const req = r.data as Request;
  if ('data' in req && req.data) checkData(req.data, 'data');
  if (req.type === 'load' && req.validation) checkData(req.validation, 'validation');
  if (req.type === 'load' && req.arrays)
    for (const [name, a] of Object.entries(req.arrays))
      if (a.data.length !== sizeOf(a.shape))
        throw new LoomError(
          'worker/message',
          `array '${name}' holds ${a.data.length} values but its shape [${a.shape.join(', ')}] needs ${sizeOf(a.shape)}`,
          { path: `arrays.${name}.data` },
          'Send as many values as the shape holds.',
        );
  return req;
}

/** Every rows object must hold exactly n × width values. */
function checkData(d: WireData, at: string): void {
  const groups = [
    ['inputs', d.inputs],
    ['targets', d.targets ?? {}],
  ] as const;
  for (const [group, rows] of groups)
    for (const [key, r] of Object.entries(rows))
      if (r.data.length !== d.n * r.width)
        throw new LoomError(
          'worker/message',
          `the ${group} for '${key}' hold ${r.data.length} values, but ${d.n} samples × width ${r.width} need ${d.n * r.width}`,
          { path: `${at}.${group}.${key}.data` },
          'Send n × width values per array (sample-major rows).',
        );
}

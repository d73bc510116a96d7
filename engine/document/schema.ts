// The project document (.loom, JSON): the one source of truth for a model, its training config,
// its data binding and optionally its weights. Named ports and named params, never positional
// arrays; JSON only. Types are derived from the schema with z.infer.
import { z } from 'zod';

/** The schema version this build writes; parseProject migrates older documents up to it. */
export const CURRENT_SCHEMA_VERSION = 1;

const Id = z.string().min(1, 'must not be empty').max(200);

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const NodeSchema = z.object({
  id: Id,
  /** Layer type from the layer registry, e.g. 'Dense'. */
  type: z.string().min(1),
  /** Unique, user-visible layer name (Keras layer name), e.g. 'dense1'. */
  name: z.string().min(1, 'a layer name must not be empty').max(200),
  /** Layer params by name; validated against the layer's own schema during shape inference. */
  params: z.record(z.string(), z.unknown()).default({}),
  position: PositionSchema.default({ x: 0, y: 0 }),
});

/** One end of an edge: a node id and a port name ('out'; 'in' or 'in0', 'in1', … for inputs). */
export const PortRefSchema = z.object({ node: Id, port: z.string().min(1) });

export const EdgeSchema = z.object({ id: Id, source: PortRefSchema, target: PortRefSchema });

export const LossTypeSchema = z.enum([
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
]);

export const LossSpecSchema = z.object({
  type: LossTypeSchema,
  /** Loss params (fromLogits, delta); validated by the loss's own schema at compile time. */
  params: z.record(z.string(), z.unknown()).default({}),
});

export const OptimizerTypeSchema = z.enum(['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad']);

export const TrainingSchema = z.object({
  /** Loss per output node id; an output without an entry uses `defaultLoss`. */
  losses: z.record(z.string(), LossSpecSchema).default({}),
  defaultLoss: LossSpecSchema.default({ type: 'meanSquaredError', params: {} }),
  optimizer: z
    .object({
      type: OptimizerTypeSchema,
      /** Hyperparameters by name; missing ones take Keras defaults. */
      params: z.record(z.string(), z.unknown()).default({}),
    })
    .default({ type: 'adam', params: {} }),
  metrics: z.array(z.string()).default([]),
  batchSize: z.number().int().positive().default(32),
  epochs: z.number().int().positive().default(1),
  /** Fraction of samples (the last ones, as Keras takes them) held out for validation. */
  validationSplit: z.number().min(0).lt(1).default(0),
  seed: z.number().int().default(42),
  shuffle: z.boolean().default(true),
  /** Per-tensor gradient norm clipping (Keras clipnorm); null = off. */
  clipnorm: z.number().positive().nullable().default(null),
});

export const ScaleSchema = z.enum(['none', 'div255', 'standardize']);

/** Which dataset arrays (or CSV columns) feed one Input or one output's target. */
export const BindingSchema = z.object({
  /** Array/column names; per-sample values are flattened and concatenated in this order. */
  arrays: z.array(z.string().min(1)).min(1),
  scale: ScaleSchema.default('none'),
});

export const DataSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('builtin'), name: z.string().min(1) }),
  z.object({
    kind: z.literal('generator'),
    name: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
  }),
  z.object({
    kind: z.literal('files'),
    /** Paths relative to the project file (or absolute); each file contributes named arrays. */
    files: z.array(z.string().min(1)).min(1),
  }),
]);

export const DataSchema = z.object({
  source: DataSourceSchema.default({ kind: 'none' }),
  /** Binding per Input node id. */
  inputs: z.record(z.string(), BindingSchema).default({}),
  /** Binding per output node id. */
  targets: z.record(z.string(), BindingSchema).default({}),
});

/** One stored parameter tensor: inline values (hand-written) or base64 little-endian float32. */
export const WeightValueSchema = z
  .object({
    shape: z.array(z.number().int().nonnegative()),
    values: z.array(z.number()).optional(),
    base64: z.string().optional(),
  })
  .refine((w) => (w.values === undefined) !== (w.base64 === undefined), {
    message: 'a weight needs exactly one of "values" or "base64"',
  });

/** What training did so far: saved with the weights so a reopened project shows its curves. */
export const HistorySchema = z.object({
  /** Gradient updates applied to the stored weights; the step counter continues from it. */
  steps: z.number().int().nonnegative(),
  /**
   * Per-step logs ('loss', metrics) as base64 little-endian float32: one value per `stride` steps
   * (the mean of each block of `stride` steps, the last block ending at step `steps`).
   */
  series: z.record(z.string(), z.string()).default({}),
  /** Steps per stored value: 1 keeps every step; long histories are averaged to stay small. */
  stride: z.number().int().positive().default(1),
  /** Keras epoch logs (0-based epoch), incl. val_* entries. */
  epochs: z
    .array(
      z.object({
        epoch: z.number().int().nonnegative(),
        logs: z.record(z.string(), z.number().finite()),
      }),
    )
    .default([]),
});

export const ProjectSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  name: z.string().max(200).default('functional'),
  nodes: z.array(NodeSchema).default([]),
  edges: z.array(EdgeSchema).default([]),
  training: TrainingSchema.default(TrainingSchema.parse({})),
  data: DataSchema.default(DataSchema.parse({})),
  /** Parameter values by node id, then param name (e.g. weights.dense1.kernel). */
  weights: z.record(z.string(), z.record(z.string(), WeightValueSchema)).optional(),
  history: HistorySchema.optional(),
});

export type Project = z.infer<typeof ProjectSchema>;
export type ProjectNode = z.infer<typeof NodeSchema>;
export type ProjectEdge = z.infer<typeof EdgeSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;
export type TrainingConfig = z.infer<typeof TrainingSchema>;
export type LossSpec = z.infer<typeof LossSpecSchema>;
export type LossType = z.infer<typeof LossTypeSchema>;
export type OptimizerType = z.infer<typeof OptimizerTypeSchema>;
export type DataConfig = z.infer<typeof DataSchema>;
export type DataSource = z.infer<typeof DataSourceSchema>;
export type Binding = z.infer<typeof BindingSchema>;
export type WeightValue = z.infer<typeof WeightValueSchema>;
export type TrainingHistoryDoc = z.infer<typeof HistorySchema>;
export type Scale = z.infer<typeof ScaleSchema>;

// The op registry: one line per op. Everything that runs or differentiates ops looks them up here.
import { LoomError } from '../errors.ts';
import type { Attrs, OpDef } from './types.ts';
import { add, sub, mul, div } from './binary.ts';
import { neg, exp, log, sqrt, square, abs, sign, relu, sigmoid, tanh } from './unary.ts';
import { greater, less, equal, where } from './compare.ts';
import { clip } from './clip.ts';
import { broadcastTo } from './broadcastTo.ts';
import { matMul } from './matMul.ts';
import { softmax, logSoftmax } from './softmax.ts';
import { sum, mean, max } from './reduce.ts';
import { concat } from './concat.ts';
import { reshape } from './reshape.ts';
import { transpose } from './transpose.ts';
import { slice, pad } from './slice.ts';
import { gather, scatterAdd, oneHot } from './gather.ts';
import { dropout } from './dropout.ts';

const all: OpDef<never>[] = [
  add,
  sub,
  mul,
  div,
  neg,
  exp,
  log,
  sqrt,
  square,
  abs,
  sign,
  relu,
  sigmoid,
  tanh,
  greater,
  less,
  equal,
  where,
  clip,
  broadcastTo,
  matMul,
  softmax,
  logSoftmax,
  sum,
  mean,
  max,
  concat,
  reshape,
  transpose,
  slice,
  pad,
  gather,
  scatterAdd,
  oneHot,
  dropout,
] as unknown as OpDef<never>[];

/** Every registered op by name. */
export const opRegistry: ReadonlyMap<string, OpDef> = new Map(
  all.map((op) => [op.name, op as unknown as OpDef]),
);

/** Looks up an op; throws a LoomError naming the unknown op. */
export function getOp(name: string): OpDef<Attrs> {
  const op = opRegistry.get(name);
  if (!op)
    throw new LoomError('internal', `unknown op '${name}'`, {}, 'This is a bug in Layerloom.');
  return op;
}

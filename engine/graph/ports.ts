// Port naming: single-input layers have port 'in'; variadic layers (Concatenate, Add) have ports
// 'in0', 'in1', … whose index is the input order; every layer has one output port 'out'.
import type { InputPorts } from '../layers/types.ts';

export const OUTPUT_PORT = 'out';
export const SINGLE_INPUT_PORT = 'in';

/** The index of a variadic input port ('in3' → 3), or null when the name is not one. */
export function variadicIndex(port: string): number | null {
  const m = /^in(\d+)$/.exec(port);
  return m ? Number(m[1]) : null;
}

/** Whether `port` names an input port of a layer with these inputs. */
export function isInputPort(inputs: InputPorts, port: string): boolean {
  if (inputs.kind === 'single') return port === SINGLE_INPUT_PORT;
  if (inputs.kind === 'variadic') return variadicIndex(port) !== null;
  return false;
}

/** The variadic port name for an index. */
export function variadicPort(index: number): string {
  return `in${index}`;
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getLayer } from '../../../engine/layers/registry.ts';
import { INITIALIZER_TYPES } from '../../../engine/layers/initializers.ts';
import { formatFieldValue, parseFieldText } from './fieldText.ts';
import { formFields } from './formModel.ts';
import { fieldProblem } from './validate.ts';

describe('formFields', () => {
  it('describes Dense: integer units ≥ 1, activation enum, bias checkbox, initializer variants', () => {
    const fields = formFields(getLayer('Dense').params);
    expect(fields.map((f) => [f.key, f.label])).toEqual([
      ['units', 'Units'],
      ['activation', 'Activation'],
      ['useBias', 'Use bias'],
      ['kernelInitializer', 'Kernel initializer'],
      ['biasInitializer', 'Bias initializer'],
    ]);
    expect(fields[0].kind).toEqual({ kind: 'number', integer: true, min: 1 });
    expect(fields[0].default).toBe(32);
    expect(fields[1].kind).toMatchObject({ kind: 'enum' });
    expect((fields[1].kind as { options: string[] }).options).toContain('softmax');
    expect(fields[2].kind).toEqual({ kind: 'boolean' });
    const init = fields[3].kind;
    if (init.kind !== 'variant') throw new Error(`expected a variant field, got ${init.kind}`);
    expect(init.discriminator).toBe('type');
    expect(init.variants.map((v) => v.value)).toEqual([...INITIALIZER_TYPES]);
    const normal = init.variants.find((v) => v.value === 'random_normal')!;
    expect(normal.fields.map((f) => [f.key, f.label, f.default])).toEqual([
      ['mean', 'Mean', 0],
      ['stddev', 'Std. dev.', 0.05],
    ]);
    expect(normal.fields[1].kind).toEqual({ kind: 'number', integer: false, min: 0 });
  });

  it('describes Input shape as an integer list and Dropout seed as a nullable integer', () => {
    expect(formFields(getLayer('Input').params)[0]).toMatchObject({
      key: 'shape',
      label: 'Shape',
      kind: { kind: 'intList' },
    });
    const [rate, seed] = formFields(getLayer('Dropout').params);
    expect(rate.kind).toEqual({ kind: 'number', integer: false, min: 0, exclusiveMax: 1 });
    expect(seed.kind).toEqual({ kind: 'nullableInt', min: 0, max: 4294967295 });
    expect(seed.help).toMatch(/empty derives/);
  });

  it('gives layers without params no fields', () => {
    expect(formFields(getLayer('Flatten').params)).toEqual([]);
  });
});

describe('parseFieldText', () => {
  const int = { kind: 'number', integer: true } as const;
  it('parses decimal numbers and refuses other text', () => {
    expect(parseFieldText(int, ' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseFieldText({ kind: 'number', integer: false }, '.5')).toEqual({
      ok: true,
      value: 0.5,
    });
    expect(parseFieldText(int, '')).toMatchObject({ ok: false });
    expect(parseFieldText(int, '0x1f')).toMatchObject({ ok: false });
    expect(parseFieldText(int, 'abc')).toEqual({
      ok: false,
      message: "'abc' is not a whole number.",
    });
  });
  it('parses shapes written with commas, spaces or ×', () => {
    for (const text of ['28, 28', '28 28', '28x28', '28×28'])
      expect(parseFieldText({ kind: 'intList' }, text)).toEqual({ ok: true, value: [28, 28] });
    expect(parseFieldText({ kind: 'intList' }, '784')).toEqual({ ok: true, value: [784] });
    for (const text of ['28, a', '28,', '4, x', 'x4', ''])
      expect(parseFieldText({ kind: 'intList' }, text), text).toMatchObject({ ok: false });
  });
  it('reads an empty nullable integer as null', () => {
    expect(parseFieldText({ kind: 'nullableInt' }, '')).toEqual({ ok: true, value: null });
    expect(parseFieldText({ kind: 'nullableInt' }, '7')).toEqual({ ok: true, value: 7 });
    expect(parseFieldText({ kind: 'nullableNumber' }, '')).toEqual({ ok: true, value: null });
    expect(parseFieldText({ kind: 'nullableNumber' }, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseFieldText({ kind: 'nullableNumber' }, 'x').ok).toBe(false);
  });
  it('formats values back to the text it parses', () => {
    expect(formatFieldValue({ kind: 'intList' }, [28, 28])).toBe('28, 28');
    expect(formatFieldValue({ kind: 'nullableInt' }, null)).toBe('');
  });
});

describe('fieldProblem', () => {
  const dense = getLayer('Dense').params;
  it('returns the schema message for the edited field only', () => {
    expect(fieldProblem(dense, { units: 4 }, 'units', 0)).toBe('units must be at least 1');
    expect(fieldProblem(dense, { units: 4 }, 'units', 2.5)).toBe('units must be a whole number');
    expect(fieldProblem(dense, { units: 0 }, 'activation', 'relu')).toBeNull();
    expect(fieldProblem(getLayer('Dropout').params, {}, 'rate', 1)).toBe(
      'rate must be in [0, 1), e.g. 0.2',
    );
  });
});

describe('nullable float fields', () => {
  it('maps a nullable number (e.g. clipnorm) to a field that accepts empty as off', () => {
    const [f] = formFields(z.object({ clipnorm: z.number().positive().nullable() }));
    expect(f.kind).toEqual({ kind: 'nullableNumber' });
  });
});

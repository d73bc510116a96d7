// Small datasets that ship with the app, for the example projects and first steps. Each access
// builds fresh arrays, so a caller that shuffles or scales in place cannot corrupt the originals.
import { fromArray } from '../tensor.ts';
import type { Shape } from '../tensor.ts';
import type { Dataset } from './dataset.ts';

// A sample of tf.random.normal values (float32), for the two-tower example: two features per
// sample, one regression target.
const TWO_TOWER_X = [
  [-0.8464397, -0.3152412],
  [0.9817092, -0.57270414],
  [0.86039394, 0.57590604],
  [-1.5055276, 0.45981622],
  [1.40179, 1.0307338],
  [0.5882102, 2.671993],
  [0.5666892, -0.33787787],
  [0.36999676, 0.5678155],
  [2.131917, 0.33147094],
  [-0.23225114, 0.84211487],
];
const TWO_TOWER_Y = [
  -0.9018226, -0.83541167, -0.70780784, 0.43620512, -1.2712636, 0.39236164, 0.11044435, 2.7505376,
  0.64985305, -1.4352192,
];

// The classic "student scores" table: hours studied and the exam score (%), 25 students.
const HOURS = [
  2.5, 5.1, 3.2, 8.5, 3.5, 1.5, 9.2, 5.5, 8.3, 2.7, 7.7, 5.9, 4.5, 3.3, 1.1, 8.9, 2.5, 1.9, 6.1,
  7.4, 2.7, 4.8, 3.8, 6.9, 7.8,
];
const SCORES = [
  21, 47, 27, 75, 30, 20, 88, 60, 81, 25, 85, 62, 41, 42, 17, 95, 30, 24, 67, 69, 30, 54, 35, 76,
  86,
];

/** The ids of the built-in datasets. */
export type BuiltinId = 'two-tower-sample' | 'study-hours';

function twoTowerSample(): Dataset {
  return {
    name: 'two-tower-sample',
    source: 'builtin:two-tower-sample',
    arrays: {
      x: fromArray(TWO_TOWER_X.flat(), [10, 2]),
      y: fromArray(TWO_TOWER_Y, [10, 1]),
    },
    dtypes: { x: 'float32', y: 'float32' },
  };
}

function studyHours(): Dataset {
  return {
    name: 'study-hours',
    source: 'builtin:study-hours',
    arrays: { Hours: fromArray(HOURS, [25]), Scores: fromArray(SCORES, [25]) },
    columns: ['Hours', 'Scores'],
    dtypes: { Hours: 'float64', Scores: 'int64' },
  };
}

/** The built-in datasets by id; every read returns fresh arrays. */
export const builtinDatasets: { readonly [K in BuiltinId]: Dataset } = {
  get 'two-tower-sample'() {
    return twoTowerSample();
  },
  get 'study-hours'() {
    return studyHours();
  },
};

/** What the UI shows about a built-in dataset before loading it. */
export interface BuiltinDatasetInfo {
  id: BuiltinId;
  title: string;
  description: string;
  arrays: { name: string; shape: Shape; dtype: string }[];
}

/** The built-in datasets in menu order, with titles and array shapes. */
export const builtinDatasetList: readonly BuiltinDatasetInfo[] = [
  {
    id: 'two-tower-sample',
    title: 'Two-tower sample',
    description:
      '10 samples of normally distributed values: x has 2 features, y is 1 regression target. ' +
      'Sized for the two-tower example and for stepping through training by hand.',
    arrays: [
      { name: 'x', shape: [10, 2], dtype: 'float32' },
      { name: 'y', shape: [10, 1], dtype: 'float32' },
    ],
  },
  {
    id: 'study-hours',
    title: 'Study hours',
    description:
      'Hours studied and exam score (%) of 25 students: a one-feature linear regression ' +
      '(Scores ≈ 9.78 · Hours + 2.48).',
    arrays: [
      { name: 'Hours', shape: [25], dtype: 'float64' },
      { name: 'Scores', shape: [25], dtype: 'int64' },
    ],
  },
];

// The New-project gallery: a blank project and the bundled examples (assets/examples/*.loom, bundled
// as text by Vite and parsed like any opened file, so a template can never bypass validation).
import linearRegression from '../../../assets/examples/linear-regression.loom?raw';
import mnistMlp from '../../../assets/examples/mnist-mlp.loom?raw';
import twoTower from '../../../assets/examples/two-tower.loom?raw';
import { parseProjectText } from '../../../engine/document/parse.ts';
import type { Project } from '../../../engine/document/schema.ts';
import { blankProject } from '../state/store.ts';

/** One gallery entry. `create` returns a fresh document each time. */
export interface Template {
  id: string;
  title: string;
  description: string;
  /** The file name a new project from this template starts with. */
  fileName: string;
  create(): Project;
}

function example(id: string, title: string, description: string, text: string): Template {
  return {
    id,
    title,
    description,
    fileName: `${id}.loom`,
    create: () => parseProjectText(text, { file: `${id}.loom` }),
  };
}

/** The gallery, in display order. */
export const templates: readonly Template[] = [
  {
    id: 'blank',
    title: 'Blank',
    description: 'An empty canvas: drag layers from the palette.',
    fileName: 'untitled.loom',
    create: blankProject,
  },
  example(
    'two-tower',
    'Two-tower',
    'Input(2) → Dense(1) and Dense(2) → Concatenate → Dense(1); MSE, Adam.',
    twoTower,
  ),
  example(
    'mnist-mlp',
    'MNIST MLP',
    'Input(784) → Dense(512, relu) → Dropout(0.2) → Dense(10, softmax).',
    mnistMlp,
  ),
  example(
    'linear-regression',
    'Linear regression',
    'Input(1) → Dense(1) on study hours; MSE, Adam(0.5).',
    linearRegression,
  ),
];

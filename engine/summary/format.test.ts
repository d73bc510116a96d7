import { describe, expect, it } from 'vitest';
import { isLoomError } from '../errors.ts';
import {
  cellLen,
  formatSummary,
  kerasColumnWidths,
  tableColumnWidths,
  wrapCell,
} from './format.ts';
import type { SummaryLayer, SummaryModel } from './types.ts';

// Expected texts. "Printed by Keras 3" ones are copied character for character from real output
// (the keras.io Functional API guide and a user's script); the others were rendered by rich 13.3.1
// running Keras's own summary_utils table code on the same rows.

function layer(
  name: string,
  className: string,
  outputShape: (number | null)[],
  params: number,
  inbound: string[] = [],
): SummaryLayer {
  return { name, className, outputShape, params, trainableParams: params, inbound };
}

/** Keras's result must not depend on document order: reverse it. */
function model(
  name: string,
  layers: SummaryLayer[],
  inputs: string[],
  outputs: string[],
): SummaryModel {
  return { name, layers: layers.slice().reverse(), inputs, outputs };
}

const twoTower = model(
  'functional',
  [
    layer('input', 'InputLayer', [null, 2], 0),
    layer('dense1', 'Dense', [null, 1], 3, ['input']),
    layer('dense2', 'Dense', [null, 2], 6, ['input']),
    layer('concat', 'Concatenate', [null, 3], 0, ['dense1', 'dense2']),
    layer('dense3', 'Dense', [null, 1], 4, ['concat']),
  ],
  ['input'],
  ['dense3'],
);

// Rendered by rich from Keras's table code (two-tower, wide terminal: line_length 108).
const TWO_TOWER_108 = `Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ input (InputLayer)            │ (None, 2)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense1 (Dense)                │ (None, 1)                 │               3 │ input[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense2 (Dense)                │ (None, 2)                 │               6 │ input[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ concat (Concatenate)          │ (None, 3)                 │               0 │ dense1[0][0], dense2[0][0] │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense3 (Dense)                │ (None, 1)                 │               4 │ concat[0][0]               │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 13 (52.00 B)
 Trainable params: 13 (52.00 B)
 Non-trainable params: 0 (0.00 B)`;

// Rendered by rich from Keras's table code (two-tower, 80-column terminal: line_length 76).
const TWO_TOWER_76 = `Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ input (InputLayer)  │ (None, 2)         │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense1 (Dense)      │ (None, 1)         │          3 │ input[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense2 (Dense)      │ (None, 2)         │          6 │ input[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ concat              │ (None, 3)         │          0 │ dense1[0][0],     │
│ (Concatenate)       │                   │            │ dense2[0][0]      │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense3 (Dense)      │ (None, 1)         │          4 │ concat[0][0]      │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 13 (52.00 B)
 Trainable params: 13 (52.00 B)
 Non-trainable params: 0 (0.00 B)`;

const mnistMlp = model(
  'functional',
  [
    layer('input', 'InputLayer', [null, 784], 0),
    layer('dense', 'Dense', [null, 512], 401920, ['input']),
    layer('dropout', 'Dropout', [null, 512], 0, ['dense']),
    layer('dense_1', 'Dense', [null, 10], 5130, ['dropout']),
  ],
  ['input'],
  ['dense_1'],
);

// Rendered by rich from Keras's table code (MNIST MLP, wide terminal: line_length 88).
const MNIST_MLP_88 = `Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ input (InputLayer)                   │ (None, 784)                 │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense (Dense)                        │ (None, 512)                 │         401,920 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dropout (Dropout)                    │ (None, 512)                 │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_1 (Dense)                      │ (None, 10)                  │           5,130 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 407,050 (1.55 MB)
 Trainable params: 407,050 (1.55 MB)
 Non-trainable params: 0 (0.00 B)`;

// Printed by Keras 3 (keras.io Functional API guide): a functional model at line_length 88.
const MNIST_MODEL_88 = `Model: "mnist_model"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
│ input_layer_5 (InputLayer)           │ (None, 784)                 │               0 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_10 (Dense)                     │ (None, 64)                  │          50,240 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_11 (Dense)                     │ (None, 64)                  │           4,160 │
├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
│ dense_12 (Dense)                     │ (None, 10)                  │             650 │
└──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
 Total params: 55,050 (215.04 KB)
 Trainable params: 55,050 (215.04 KB)
 Non-trainable params: 0 (0.00 B)`;

// Printed by Keras 3 (keras.io Functional API guide) on an 80-column terminal: line_length 76.
const DECODER_76 = `Model: "decoder"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ encoded_img (InputLayer)        │ (None, 16)             │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ reshape_1 (Reshape)             │ (None, 4, 4, 1)        │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_transpose_4              │ (None, 6, 6, 16)       │           160 │
│ (Conv2DTranspose)               │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_transpose_5              │ (None, 8, 8, 32)       │         4,640 │
│ (Conv2DTranspose)               │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ up_sampling2d_1 (UpSampling2D)  │ (None, 24, 24, 32)     │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_transpose_6              │ (None, 26, 26, 16)     │         4,624 │
│ (Conv2DTranspose)               │                        │               │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ conv2d_transpose_7              │ (None, 28, 28, 1)      │           145 │
│ (Conv2DTranspose)               │                        │               │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 9,569 (37.38 KB)
 Trainable params: 9,569 (37.38 KB)
 Non-trainable params: 0 (0.00 B)`;

// Printed by Keras 3 (keras.io Functional API guide): residual connections, wrapped and cut cells.
const TOY_RESNET_76 = `Model: "toy_resnet"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ img (InputLayer)    │ (None, 32, 32, 3) │          0 │ -                 │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_8 (Conv2D)   │ (None, 30, 30,    │        896 │ img[0][0]         │
│                     │ 32)               │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_9 (Conv2D)   │ (None, 28, 28,    │     18,496 │ conv2d_8[0][0]    │
│                     │ 64)               │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ max_pooling2d_2     │ (None, 9, 9, 64)  │          0 │ conv2d_9[0][0]    │
│ (MaxPooling2D)      │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_10 (Conv2D)  │ (None, 9, 9, 64)  │     36,928 │ max_pooling2d_2[… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_11 (Conv2D)  │ (None, 9, 9, 64)  │     36,928 │ conv2d_10[0][0]   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ add (Add)           │ (None, 9, 9, 64)  │          0 │ conv2d_11[0][0],  │
│                     │                   │            │ max_pooling2d_2[… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_12 (Conv2D)  │ (None, 9, 9, 64)  │     36,928 │ add[0][0]         │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_13 (Conv2D)  │ (None, 9, 9, 64)  │     36,928 │ conv2d_12[0][0]   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ add_1 (Add)         │ (None, 9, 9, 64)  │          0 │ conv2d_13[0][0],  │
│                     │                   │            │ add[0][0]         │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ conv2d_14 (Conv2D)  │ (None, 7, 7, 64)  │     36,928 │ add_1[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ global_average_poo… │ (None, 64)        │          0 │ conv2d_14[0][0]   │
│ (GlobalAveragePool… │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense_6 (Dense)     │ (None, 256)       │     16,640 │ global_average_p… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dropout (Dropout)   │ (None, 256)       │          0 │ dense_6[0][0]     │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense_7 (Dense)     │ (None, 10)        │      2,570 │ dropout[0][0]     │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 223,242 (872.04 KB)
 Trainable params: 223,242 (872.04 KB)
 Non-trainable params: 0 (0.00 B)`;

// Printed by Keras 3 in a user's script: 3 inputs (one unused), 2 outputs, unused layers dropped.
// The model name line was not part of the copy.
const THREE_INPUTS_108 = `┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ input_layer_1 (InputLayer)    │ (None, 3)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han21 (Dense)                 │ (None, 50)                │             200 │ input_layer_1[0][0]        │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ input_layer (InputLayer)      │ (None, 2)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han22 (Dense)                 │ (None, 40)                │           2,040 │ han21[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han1 (Dense)                  │ (None, 10)                │              30 │ input_layer[0][0]          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han23 (Dense)                 │ (None, 30)                │           1,230 │ han22[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han2 (Dense)                  │ (None, 20)                │             220 │ han1[0][0]                 │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han24 (Dense)                 │ (None, 20)                │             620 │ han23[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han3 (Dense)                  │ (None, 30)                │             630 │ han2[0][0]                 │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han25 (Dense)                 │ (None, 10)                │             210 │ han24[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han4 (Dense)                  │ (None, 4)                 │             124 │ han3[0][0]                 │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ han26 (Dense)                 │ (None, 3)                 │              33 │ han25[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ mg1 (Concatenate)             │ (None, 7)                 │               0 │ han4[0][0], han26[0][0]    │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ mg2 (Dense)                   │ (None, 10)                │              80 │ mg1[0][0]                  │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ mg3 (Dense)                   │ (None, 10)                │             110 │ mg2[0][0]                  │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense (Dense)                 │ (None, 10)                │             110 │ mg3[0][0]                  │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_1 (Dense)               │ (None, 20)                │             220 │ dense[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_4 (Dense)               │ (None, 10)                │             110 │ mg3[0][0]                  │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ input_layer_2 (InputLayer)    │ (None, 4)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_3 (Dense)               │ (None, 1)                 │              21 │ dense_1[0][0]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_5 (Dense)               │ (None, 1)                 │              11 │ dense_4[0][0]              │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 5,999 (23.43 KB)
 Trainable params: 5,999 (23.43 KB)
 Non-trainable params: 0 (0.00 B)`;

// Rendered by rich from Keras's table code: two inputs, two outputs (outputs=[label, score]).
const TWO_IN_TWO_OUT_108 = `Model: "two_in_two_out"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ features_b (InputLayer)       │ (None, 5)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ features_a (InputLayer)       │ (None, 3)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_b (Dense)               │ (None, 4)                 │              24 │ features_b[0][0]           │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_a (Dense)               │ (None, 4)                 │              16 │ features_a[0][0]           │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ add (Add)                     │ (None, 4)                 │               0 │ dense_a[0][0],             │
│                               │                           │                 │ dense_b[0][0]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ label (Dense)                 │ (None, 2)                 │              10 │ dense_b[0][0]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ score (Dense)                 │ (None, 1)                 │               5 │ add[0][0]                  │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 55 (220.00 B)
 Trainable params: 55 (220.00 B)
 Non-trainable params: 0 (0.00 B)`;

// Rendered by rich from Keras's table code: names that wrap at spaces and names cut with "…".
const LONG_NAMES_108 = `Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ input (InputLayer)            │ (None, 2)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ the first dense layer of the  │ (None, 1)                 │               3 │ input[0][0]                │
│ left tower (Dense)            │                           │                 │                            │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ a_layer_name_much_too_long_f… │ (None, 2)                 │               6 │ input[0][0]                │
│ (Dense)                       │                           │                 │                            │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ concat (Concatenate)          │ (None, 3)                 │               0 │ the first dense layer of   │
│                               │                           │                 │ the left tower[0][0],      │
│                               │                           │                 │ a_layer_name_much_too_lon… │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense3 (Dense)                │ (None, 1)                 │               4 │ concat[0][0]               │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 13 (52.00 B)
 Trainable params: 13 (52.00 B)
 Non-trainable params: 0 (0.00 B)`;

describe('formatSummary', () => {
  it('prints the two-tower model with Connected to at the wide-terminal default (108)', () => {
    expect(formatSummary(twoTower)).toBe(TWO_TOWER_108);
  });

  it('wraps cells at an 80-column terminal line length (76)', () => {
    expect(formatSummary(twoTower, { lineLength: 76 })).toBe(TWO_TOWER_76);
  });

  it('prints the two-tower totals lines exactly', () => {
    expect(formatSummary(twoTower).split('\n').slice(-3)).toEqual([
      ' Total params: 13 (52.00 B)',
      ' Trainable params: 13 (52.00 B)',
      ' Non-trainable params: 0 (0.00 B)',
    ]);
  });

  it('prints the MNIST MLP as sequential-like at the default 88, without Connected to', () => {
    const text = formatSummary(mnistMlp);
    expect(text).toBe(MNIST_MLP_88);
    expect(text).not.toContain('Connected to');
    // The same totals lines Keras 3 printed for this network.
    expect(text.split('\n').slice(-3)).toEqual([
      ' Total params: 407,050 (1.55 MB)',
      ' Trainable params: 407,050 (1.55 MB)',
      ' Non-trainable params: 0 (0.00 B)',
    ]);
  });

  it('matches a functional MLP printed by Keras 3 at 88', () => {
    const m = model(
      'mnist_model',
      [
        layer('input_layer_5', 'InputLayer', [null, 784], 0),
        layer('dense_10', 'Dense', [null, 64], 50240, ['input_layer_5']),
        layer('dense_11', 'Dense', [null, 64], 4160, ['dense_10']),
        layer('dense_12', 'Dense', [null, 10], 650, ['dense_11']),
      ],
      ['input_layer_5'],
      ['dense_12'],
    );
    expect(formatSummary(m)).toBe(MNIST_MODEL_88);
  });

  it('matches a decoder printed by Keras 3 at 76, wrapping the class name under long names', () => {
    const m = model(
      'decoder',
      [
        layer('encoded_img', 'InputLayer', [null, 16], 0),
        layer('reshape_1', 'Reshape', [null, 4, 4, 1], 0, ['encoded_img']),
        layer('conv2d_transpose_4', 'Conv2DTranspose', [null, 6, 6, 16], 160, ['reshape_1']),
        layer('conv2d_transpose_5', 'Conv2DTranspose', [null, 8, 8, 32], 4640, [
          'conv2d_transpose_4',
        ]),
        layer('up_sampling2d_1', 'UpSampling2D', [null, 24, 24, 32], 0, ['conv2d_transpose_5']),
        layer('conv2d_transpose_6', 'Conv2DTranspose', [null, 26, 26, 16], 4624, [
          'up_sampling2d_1',
        ]),
        layer('conv2d_transpose_7', 'Conv2DTranspose', [null, 28, 28, 1], 145, [
          'conv2d_transpose_6',
        ]),
      ],
      ['encoded_img'],
      ['conv2d_transpose_7'],
    );
    expect(formatSummary(m, { lineLength: 76 })).toBe(DECODER_76);
  });

  it('matches a residual model printed by Keras 3 at 76, with "…" where words do not fit', () => {
    const conv = (name: string, shape: (number | null)[], params: number, from: string) =>
      layer(name, 'Conv2D', shape, params, [from]);
    const m = model(
      'toy_resnet',
      [
        layer('img', 'InputLayer', [null, 32, 32, 3], 0),
        conv('conv2d_8', [null, 30, 30, 32], 896, 'img'),
        conv('conv2d_9', [null, 28, 28, 64], 18496, 'conv2d_8'),
        layer('max_pooling2d_2', 'MaxPooling2D', [null, 9, 9, 64], 0, ['conv2d_9']),
        conv('conv2d_10', [null, 9, 9, 64], 36928, 'max_pooling2d_2'),
        conv('conv2d_11', [null, 9, 9, 64], 36928, 'conv2d_10'),
        layer('add', 'Add', [null, 9, 9, 64], 0, ['conv2d_11', 'max_pooling2d_2']),
        conv('conv2d_12', [null, 9, 9, 64], 36928, 'add'),
        conv('conv2d_13', [null, 9, 9, 64], 36928, 'conv2d_12'),
        layer('add_1', 'Add', [null, 9, 9, 64], 0, ['conv2d_13', 'add']),
        conv('conv2d_14', [null, 7, 7, 64], 36928, 'add_1'),
        layer('global_average_pooling2d', 'GlobalAveragePooling2D', [null, 64], 0, ['conv2d_14']),
        layer('dense_6', 'Dense', [null, 256], 16640, ['global_average_pooling2d']),
        layer('dropout', 'Dropout', [null, 256], 0, ['dense_6']),
        layer('dense_7', 'Dense', [null, 10], 2570, ['dropout']),
      ],
      ['img'],
      ['dense_7'],
    );
    expect(formatSummary(m, { lineLength: 76 })).toBe(TOY_RESNET_76);
  });

  it('matches a 3-input, 2-output model printed by Keras 3 at 108', () => {
    const dense = (name: string, units: number, params: number, from: string) =>
      layer(name, 'Dense', [null, units], params, [from]);
    const m = model(
      'functional',
      [
        layer('input_layer', 'InputLayer', [null, 2], 0),
        dense('han1', 10, 30, 'input_layer'),
        dense('han2', 20, 220, 'han1'),
        dense('han3', 30, 630, 'han2'),
        dense('han4', 4, 124, 'han3'),
        layer('input_layer_1', 'InputLayer', [null, 3], 0),
        dense('han21', 50, 200, 'input_layer_1'),
        dense('han22', 40, 2040, 'han21'),
        dense('han23', 30, 1230, 'han22'),
        dense('han24', 20, 620, 'han23'),
        dense('han25', 10, 210, 'han24'),
        dense('han26', 3, 33, 'han25'),
        layer('input_layer_2', 'InputLayer', [null, 4], 0),
        dense('han31', 50, 250, 'input_layer_2'),
        dense('han32', 40, 2040, 'han31'),
        dense('han33', 30, 1230, 'han32'),
        dense('han36', 3, 93, 'han33'),
        layer('mg1', 'Concatenate', [null, 7], 0, ['han4', 'han26']),
        dense('mg2', 10, 80, 'mg1'),
        dense('mg3', 10, 110, 'mg2'),
        dense('dense', 10, 110, 'mg3'),
        dense('dense_1', 20, 220, 'dense'),
        dense('dense_2', 20, 420, 'dense_1'),
        dense('dense_3', 1, 21, 'dense_1'),
        dense('dense_4', 10, 110, 'mg3'),
        dense('dense_5', 1, 11, 'dense_4'),
      ],
      ['input_layer', 'input_layer_1', 'input_layer_2'],
      ['dense_3', 'dense_5'],
    );
    const lines = formatSummary(m).split('\n');
    expect(lines[0]).toBe('Model: "functional"');
    expect(lines.slice(1).join('\n')).toBe(THREE_INPUTS_108);
  });

  it('prints a model with two inputs and two outputs', () => {
    const m = model(
      'two_in_two_out',
      [
        layer('features_a', 'InputLayer', [null, 3], 0),
        layer('features_b', 'InputLayer', [null, 5], 0),
        layer('dense_a', 'Dense', [null, 4], 16, ['features_a']),
        layer('dense_b', 'Dense', [null, 4], 24, ['features_b']),
        layer('add', 'Add', [null, 4], 0, ['dense_a', 'dense_b']),
        layer('score', 'Dense', [null, 1], 5, ['add']),
        layer('label', 'Dense', [null, 2], 10, ['dense_b']),
      ],
      ['features_a', 'features_b'],
      ['label', 'score'],
    );
    expect(formatSummary(m)).toBe(TWO_IN_TWO_OUT_108);
  });

  it('wraps long layer names at spaces and cuts unbreakable ones with "…"', () => {
    const left = 'the first dense layer of the left tower';
    const right = 'a_layer_name_much_too_long_for_its_column';
    const m = model(
      'functional',
      [
        layer('input', 'InputLayer', [null, 2], 0),
        layer(left, 'Dense', [null, 1], 3, ['input']),
        layer(right, 'Dense', [null, 2], 6, ['input']),
        layer('concat', 'Concatenate', [null, 3], 0, [left, right]),
        layer('dense3', 'Dense', [null, 1], 4, ['concat']),
      ],
      ['input'],
      ['dense3'],
    );
    expect(formatSummary(m)).toBe(LONG_NAMES_108);
  });

  it('rejects line lengths too narrow for Keras', () => {
    try {
      formatSummary(twoTower, { lineLength: 12 });
      expect.unreachable();
    } catch (e) {
      expect(isLoomError(e) && e.code).toBe('cli/usage');
      expect(isLoomError(e) && e.where).toEqual({ param: 'lineLength' });
    }
    expect(() => formatSummary(twoTower, { lineLength: 80.5 })).toThrow(/line length/);
  });
});

describe('column widths', () => {
  it('takes Keras widths from positions × line length', () => {
    // int(0.3·108)=32, int(0.56·108)=60, int(0.74·108)=79.
    expect(kerasColumnWidths([0.3, 0.56, 0.74, 1.0], 108)).toEqual([32, 28, 19, 29]);
    expect(kerasColumnWidths([0.45, 0.8, 1.0], 88)).toEqual([39, 31, 18]);
  });

  it('shrinks padded widths evenly to fit the table, rounding halves to even', () => {
    // 34+30+21+31 = 116 cells into 108-5 = 103: remove 13 as 3, 3, 4 (round(3.5) = 4), 3.
    expect(tableColumnWidths([32, 28, 19, 29], 108)).toEqual([31, 27, 17, 28]);
    // 41+33+20 = 94 into 84: remove 10 as 3, 4 (round(3.5) = 4), 3.
    expect(tableColumnWidths([39, 31, 18], 88)).toEqual([38, 29, 17]);
  });
});

describe('wrapCell', () => {
  it('moves words that do not fit to the next line and pads to the width', () => {
    expect(wrapCell('dense1[0][0], dense2[0][0]', 17, 'left')).toEqual([
      'dense1[0][0],    ',
      'dense2[0][0]     ',
    ]);
  });

  it('gives an over-long word its own line and cuts it with "…"', () => {
    expect(wrapCell('global_average_pooling2d (GlobalAveragePooling2D)', 19, 'left')).toEqual([
      'global_average_poo…',
      '(GlobalAveragePool…',
    ]);
  });

  it('right-aligns', () => {
    expect(wrapCell('401,920', 10, 'right')).toEqual(['   401,920']);
  });

  it('counts wide characters as two cells', () => {
    expect(cellLen('層')).toBe(2);
    expect(wrapCell('密集層 (Dense)', 8, 'left')).toEqual(['密集層  ', '(Dense) ']);
  });
});

// The toolbar's "Import ▾" menu: a model as a new project, or weights into the open project.
import { importModel, importWeightsFile, useTransfer } from '../projects/exportImport.ts';
import { MenuButton } from './ExportMenu.tsx';

const ITEMS = [
  {
    key: 'model',
    label: 'Model (TF.js, .zip, .keras)…',
    hint: 'Open a TensorFlow.js model.json with its .bin shards (pick them together), a .zip of them, or a Keras .keras file as a new project',
    onSelect: () => void importModel(),
  },
  {
    key: 'weights',
    label: 'Weights (safetensors, .npz, JSON)…',
    hint: "Load weights into this project by tensor name ('<layer>/<param>'); shapes must match",
    onSelect: () => void importWeightsFile(),
  },
] as const;

/** Import ▾: model or weights. */
export function ImportMenu() {
  const { busy } = useTransfer();
  return (
    <MenuButton
      label="Import"
      items={ITEMS}
      busy={busy !== null}
      busyLabel={busy === 'import' ? 'Importing…' : undefined}
    />
  );
}

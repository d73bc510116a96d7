// The bottom dock's tabs. Adding a panel (Training, Data, …) is one line here.
import type { ComponentType } from 'react';
import { DataTab } from '../data/DataTab.tsx';
import { PredictionsTab } from '../predictions/PredictionsTab.tsx';
import { SummaryTab } from '../summary/SummaryTab.tsx';
import { TrainingTab } from '../training/TrainingTab.tsx';

/** One dock tab: a stable id, its label and the panel component. */
export interface DockTab {
  id: string;
  label: string;
  Panel: ComponentType;
}

/** The dock's tabs, in order. */
export const dockTabs: readonly DockTab[] = [
  { id: 'summary', label: 'Summary', Panel: SummaryTab },
  { id: 'data', label: 'Data', Panel: DataTab },
  { id: 'training', label: 'Training', Panel: TrainingTab },
  { id: 'predictions', label: 'Predictions', Panel: PredictionsTab },
];

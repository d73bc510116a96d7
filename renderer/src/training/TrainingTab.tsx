// The Training tab: settings and controls on the left; on the right the Step view (the whole last
// update), the loss curves and the gradient charts, one at a time.
import { useState } from 'react';
import { GradNormChart } from './charts/GradNormChart.tsx';
import { HistogramChart } from './charts/HistogramChart.tsx';
import { LossChart } from './charts/LossChart.tsx';
import { StepView } from './stepview/StepView.tsx';
import { TrainingConfig } from './TrainingConfig.tsx';
import { TrainingControls } from './TrainingControls.tsx';
import './training.css';

const views = [
  { id: 'step', label: 'Step view' },
  { id: 'curves', label: 'Curves' },
  { id: 'gradients', label: 'Gradients' },
] as const;
type View = (typeof views)[number]['id'];

/** The Training dock tab. */
export function TrainingTab() {
  const [view, setView] = useState<View>('step');
  return (
    <div className="training">
      <div className="training__side">
        <TrainingControls />
        <details className="training__settings" open>
          <summary>Settings</summary>
          <TrainingConfig />
        </details>
      </div>
      <div className="training__main">
        <div className="training__views" role="tablist" aria-label="Training views">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              role="tab"
              aria-selected={view === v.id}
              className="training__view-tab"
              onClick={() => setView(v.id)}
            >
              {v.label}
            </button>
          ))}
        </div>
        <div
          className="training__view"
          role="tabpanel"
          aria-label={views.find((v) => v.id === view)!.label}
        >
          {view === 'step' && <StepView />}
          {view === 'curves' && <LossChart />}
          {view === 'gradients' && (
            <div className="training__gradients">
              <GradNormChart />
              <HistogramChart />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

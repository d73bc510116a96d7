// The Data tab: where the project's data comes from (built-in, generated or imported files), how it
// binds to the model's Inputs and outputs (with shape checks as you edit), and a preview of it.
// All state lives in the project (data config) or the data store, so switching tabs loses nothing.
import { BindingsPanel } from './BindingsPanel.tsx';
import { useDataTabPresence } from './FileDropTarget.tsx';
import { ImportStatus } from './ImportStatus.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { SourcePanel } from './SourcePanel.tsx';
import { useSourceView } from './sourceView.ts';
import './data.css';

/** The Data tab panel. */
export function DataTab() {
  useDataTabPresence();
  const view = useSourceView();
  return (
    <div className="data-tab">
      <ImportStatus />
      <div className="data-tab__columns">
        <section className="data-tab__col data-tab__source" aria-label="Source">
          <SourcePanel view={view} />
        </section>
        <section className="data-tab__col data-tab__bindings" aria-label="Bindings">
          <BindingsPanel view={view} />
        </section>
        <section className="data-tab__col data-tab__preview" aria-label="Preview">
          <PreviewPanel view={view} />
        </section>
      </div>
    </div>
  );
}

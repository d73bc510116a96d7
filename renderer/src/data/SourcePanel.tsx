// The source column of the Data tab: pick a built-in dataset, a generator (with its settings) or
// the imported files, and import more files (a file picker here, or a drop anywhere on the window).
import { useRef } from 'react';
import { builtinDatasetList } from '../../../engine/data/builtin.ts';
import { generatorList } from '../../../engine/data/generators.ts';
import type { DataSource } from '../../../engine/document/schema.ts';
import { useProject } from '../state/store.ts';
import { useLoadedFiles } from './dataStore.ts';
import { GeneratorForm } from './GeneratorForm.tsx';
import { importFiles } from './importer.ts';
import { applySource, removeSourceFile, selectLoadedFiles } from './sourceActions.ts';
import type { SourceView } from './sourceView.ts';

/** The select's value for a source. */
function valueOf(source: DataSource): string {
  return source.kind === 'builtin' || source.kind === 'generator'
    ? `${source.kind}:${source.name}`
    : source.kind;
}

/** Switches the project to the source a select value names. */
function choose(value: string): void {
  const [kind, name] = value.split(':');
  if (kind === 'files') selectLoadedFiles();
  else if (kind === 'builtin') applySource({ kind: 'builtin', name });
  else if (kind === 'generator') {
    const g = generatorList.find((x) => x.id === name);
    applySource({ kind: 'generator', name, params: g ? g.params.parse({}) : {} });
  } else applySource({ kind: 'none' });
}

/** A byte count as "9.9 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** The source picker, generator settings, file list and import button. */
export function SourcePanel({ view }: { view: SourceView }) {
  const source = useProject().data.source;
  const loaded = useLoadedFiles();
  const input = useRef<HTMLInputElement>(null);
  const builtin = source.kind === 'builtin' && builtinDatasetList.find((b) => b.id === source.name);
  const generator =
    source.kind === 'generator' ? generatorList.find((g) => g.id === source.name) : undefined;
  return (
    <>
      <h3 className="data-tab__heading">Source</h3>
      <select
        className="field__input"
        aria-label="Data source"
        value={valueOf(source)}
        onChange={(e) => choose(e.target.value)}
      >
        <option value="none">No data</option>
        <optgroup label="Built-in">
          {builtinDatasetList.map((b) => (
            <option key={b.id} value={`builtin:${b.id}`}>
              {b.title}
            </option>
          ))}
        </optgroup>
        <optgroup label="Generated">
          {generatorList.map((g) => (
            <option key={g.id} value={`generator:${g.id}`}>
              {g.title}
            </option>
          ))}
        </optgroup>
        {(loaded.length > 0 || source.kind === 'files') && (
          <optgroup label="Files">
            <option value="files">Imported files</option>
          </optgroup>
        )}
      </select>
      {builtin && <p className="data-tab__hint">{builtin.description}</p>}
      {generator && (
        <>
          <p className="data-tab__hint">{generator.description}</p>
          <GeneratorForm
            key={generator.id}
            info={generator}
            params={source.kind === 'generator' ? source.params : {}}
          />
        </>
      )}
      {source.kind === 'files' && (
        <ul className="data-files" aria-label="Data files">
          {source.files.map((name) => {
            const f = loaded.find((x) => x.name === name);
            return (
              <li key={name} className={`data-file${f ? '' : ' data-file--missing'}`}>
                <span className="data-file__name" title={name}>
                  {name}
                </span>
                <span className="data-file__meta">
                  {f
                    ? `${formatBytes(f.size)} · ${f.summary.arrays.map((a) => a.name).join(', ')}`
                    : 'not loaded: import it again'}
                </span>
                <button
                  type="button"
                  className="chip__button"
                  aria-label={`Remove ${name} from the data source`}
                  title="Remove from the data source"
                  onClick={() => removeSourceFile(name)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {view.error && (
        <p className="data-tab__error" role="alert">
          {view.error.message}
        </p>
      )}
      <div className="data-import">
        <button type="button" onClick={() => input.current?.click()}>
          Import files…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="Import data files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            importFiles(files);
          }}
        />
        <p className="data-tab__hint">
          CSV, .npy, .npz or MNIST IDX (also .gz): pick several at once (images and labels), or drop
          them anywhere on the window.
        </p>
      </div>
    </>
  );
}

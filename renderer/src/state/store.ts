// The editor store: the project's undo History, the selection, and which file it came from. One
// small external store read through useSyncExternalStore; every document change goes through
// `execute` (a Command applied by the engine's pure reducer), so undo covers all of it.
import type { Command } from '../../../engine/document/commands.ts';
import {
  createHistory,
  execute,
  redo,
  seal,
  undo,
  type History,
} from '../../../engine/document/history.ts';
import { ProjectSchema, type Project } from '../../../engine/document/schema.ts';
import { inferShapes, type Inference } from '../../../engine/graph/infer.ts';
import { createStore, useStore } from './createStore.ts';

/** Where the open document lives; `handle` is opaque (a FileSystemFileHandle or a desktop handle id). */
export interface FileState {
  name: string;
  handle: unknown;
  /** The document as last saved or opened; the project is dirty when it differs. */
  saved: Project;
}

export interface EditorState {
  history: History;
  /** Selected node ids and edge ids. */
  nodes: readonly string[];
  edges: readonly string[];
  file: FileState;
  /** Bumped whenever the document is replaced (New, Open, recovery): a new lineage. */
  loads: number;
}

/** A blank project with every default filled in. */
export function blankProject(): Project {
  return ProjectSchema.parse({ schemaVersion: 1, name: 'untitled' });
}

function initial(
  doc: Project,
  name = 'untitled.loom',
  handle: unknown = null,
  loads = 0,
): EditorState {
  return {
    history: createHistory(doc),
    nodes: [],
    edges: [],
    file: { name, handle, saved: doc },
    loads,
  };
}

const editor = createStore<EditorState>(initial(blankProject()));
const set = editor.set;

/** The current state (for event handlers; components use useEditor). */
export function getState(): EditorState {
  return editor.get();
}

/** Subscribes to every state change; returns the unsubscribe function. */
export function subscribe(listener: () => void): () => void {
  return editor.subscribe(listener);
}

/** Reads a slice of the editor state; re-renders when that slice changes (compare by identity). */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(editor, selector);
}

/** The open document. */
export function useProject(): Project {
  return useEditor((s) => s.history.present);
}

const inferenceCache = new WeakMap<Project, Inference>();

/** Shape inference of a document, computed once per document version. */
export function inferenceOf(doc: Project): Inference {
  let inf = inferenceCache.get(doc);
  if (!inf) {
    inf = inferShapes(doc);
    inferenceCache.set(doc, inf);
  }
  return inf;
}

/** Shape inference of the open document (live: recomputed on every edit). */
export function useInference(): Inference {
  return inferenceOf(useProject());
}

const dirty = (s: EditorState) => s.history.present !== s.file.saved;

/** Whether the open document differs from the saved file (for event handlers). */
export function isDirty(): boolean {
  return dirty(editor.get());
}

/** Whether the open document differs from the saved file, live. */
export function useDirty(): boolean {
  return useEditor(dirty);
}

function setHistory(step: (h: History) => History): void {
  const state = editor.get();
  set({ ...state, history: step(state.history) });
}

/** Everything that changes the editor state. */
export const actions = {
  /** Applies an edit as one undo step; the same coalesceKey in a row merges (drags, typing). */
  execute(cmd: Command, coalesceKey: string | null = null): void {
    const state = editor.get();
    const history = execute(state.history, cmd, coalesceKey);
    if (history === state.history) return;
    const present = history.present;
    const alive = new Set(present.nodes.map((n) => n.id));
    const aliveEdges = new Set(present.edges.map((e) => e.id));
    set({
      ...state,
      history,
      nodes: state.nodes.filter((id) => alive.has(id)),
      edges: state.edges.filter((id) => aliveEdges.has(id)),
    });
  },
  /** Ends the current coalesced step (drag end, field blur). */
  seal(): void {
    setHistory(seal);
  },
  undo(): void {
    setHistory(undo);
  },
  redo(): void {
    setHistory(redo);
  },
  select(nodes: readonly string[], edges: readonly string[] = []): void {
    set({ ...editor.get(), nodes, edges });
  },
  /** Replaces the document (New/Open): a fresh history, nothing selected. */
  load(doc: Project, name: string, handle: unknown = null): void {
    set(initial(doc, name, handle, editor.get().loads + 1));
  },
  /** Records a successful save of `doc` (which may be older than the present if edits continued). */
  markSaved(doc: Project, name: string, handle: unknown): void {
    set({ ...editor.get(), file: { name, handle, saved: doc } });
  },
};

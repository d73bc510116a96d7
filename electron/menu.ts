// The native application menu as a pure function of state (platform, recent files, dev mode, theme).
// Items never act directly: each calls `dispatch` with a MenuAction that main.ts carries out, so
// the whole template is unit-tested without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './api.ts';

/** Everything the menu depends on. */
export interface MenuState {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Absolute paths, most recent first. */
  readonly recentFiles: readonly string[];
  /** Unpackaged (development) build: adds Reload and DevTools. */
  readonly isDev: boolean;
  readonly darkMode: boolean;
}

/** What a menu item asks main to do. */
export type MenuAction =
  | { readonly kind: 'command'; readonly command: MenuCommand }
  | { readonly kind: 'newWindow' }
  | { readonly kind: 'openRecent'; readonly path: string }
  | { readonly kind: 'clearRecent' }
  | { readonly kind: 'toggleDarkMode' }
  | { readonly kind: 'about' }
  | { readonly kind: 'docs' };

/** Where Help ▸ Documentation leads (opened in the user's browser). */
export const DOCS_URL = 'https://github.com/layerloom/layerloom#readme';

type Dispatch = (action: MenuAction) => void;
type Item = MenuItemConstructorOptions;

/** A menu item sending `command` to the focused window's renderer. */
function command(
  dispatch: Dispatch,
  label: string,
  cmd: MenuCommand,
  accelerator?: string,
  // False when the renderer handles the shortcut itself (as in the web build): shown, not captured.
  registerAccelerator = true,
): Item {
  return {
    id: cmd,
    label,
    ...(accelerator ? { accelerator, registerAccelerator } : {}),
    click: () => dispatch({ kind: 'command', command: cmd }),
  };
}

/** A top-level menu label with an Alt mnemonic, except on macOS, which has none. */
function top(state: MenuState, label: string): string {
  return state.platform === 'darwin' ? label : `&${label}`;
}

/** Escapes '&', which Windows and Linux menus read as a mnemonic marker. */
export function menuLabel(text: string): string {
  return text.replace(/&/g, '&&');
}

function recentSubmenu(state: MenuState, dispatch: Dispatch): Item[] {
  if (state.recentFiles.length === 0) {
    return [{ id: 'recent:none', label: 'No Recent Projects', enabled: false }];
  }
  return [
    ...state.recentFiles.map((p, i): Item => ({
      id: `recent:${i}`,
      label: menuLabel(p),
      click: () => dispatch({ kind: 'openRecent', path: p }),
    })),
    { type: 'separator' },
    { id: 'recent:clear', label: 'Clear Recent', click: () => dispatch({ kind: 'clearRecent' }) },
  ];
}

function fileMenu(state: MenuState, d: Dispatch): Item {
  const mac = state.platform === 'darwin';
  return {
    id: 'file',
    label: top(state, 'File'),
    submenu: [
      command(d, 'New Project', 'menu:new', 'CmdOrCtrl+N'),
      {
        id: 'newWindow',
        label: 'New Window',
        accelerator: 'CmdOrCtrl+Shift+N',
        click: () => d({ kind: 'newWindow' }),
      },
      command(d, 'Open…', 'menu:open', 'CmdOrCtrl+O'),
      { id: 'recent', label: 'Open Recent', submenu: recentSubmenu(state, d) },
      { type: 'separator' },
      command(d, 'Save', 'menu:save', 'CmdOrCtrl+S'),
      command(d, 'Save As…', 'menu:saveAs', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command(d, 'Import…', 'menu:import', 'CmdOrCtrl+I'),
      {
        id: 'export',
        label: 'Export',
        submenu: [
          command(d, 'JSON…', 'menu:export:json'),
          command(d, 'safetensors…', 'menu:export:safetensors'),
          command(d, 'NumPy .npz…', 'menu:export:npz'),
          command(d, 'TensorFlow.js…', 'menu:export:tfjs'),
          command(d, 'Keras .keras…', 'menu:export:keras'),
          command(d, 'Python Script…', 'menu:export:python'),
        ],
      },
      ...(mac
        ? [{ type: 'separator' } as Item, { id: 'close', role: 'close' } as Item]
        : [{ type: 'separator' } as Item, { id: 'quit', role: 'quit', label: 'Quit' } as Item]),
    ],
  };
}

function editMenu(state: MenuState, d: Dispatch): Item {
  const redo = state.platform === 'darwin' ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y';
  return {
    id: 'edit',
    label: top(state, 'Edit'),
    submenu: [
      command(d, 'Undo', 'menu:undo', 'CmdOrCtrl+Z', false),
      command(d, 'Redo', 'menu:redo', redo, false),
      { type: 'separator' },
      // Roles: Chromium fires the DOM cut/copy/paste events, which the renderer handles.
      { id: 'cut', role: 'cut' },
      { id: 'copy', role: 'copy' },
      { id: 'paste', role: 'paste' },
      command(d, 'Delete', 'menu:delete', 'Delete', false),
      { type: 'separator' },
      command(d, 'Select All', 'menu:selectAll', 'CmdOrCtrl+A', false),
    ],
  };
}

function viewMenu(state: MenuState, d: Dispatch): Item {
  return {
    id: 'view',
    label: top(state, 'View'),
    submenu: [
      command(d, 'Zoom In', 'menu:zoomIn', 'CmdOrCtrl+=', false),
      command(d, 'Zoom Out', 'menu:zoomOut', 'CmdOrCtrl+-', false),
      command(d, 'Fit to Window', 'menu:fit', 'Shift+1', false),
      { type: 'separator' },
      {
        id: 'darkMode',
        label: 'Dark Mode',
        type: 'checkbox',
        checked: state.darkMode,
        click: () => d({ kind: 'toggleDarkMode' }),
      },
      { id: 'fullscreen', role: 'togglefullscreen' },
      ...(state.isDev
        ? [
            { type: 'separator' } as Item,
            { id: 'reload', role: 'reload' } as Item,
            { id: 'devtools', role: 'toggleDevTools' } as Item,
          ]
        : []),
    ],
  };
}

function helpMenu(state: MenuState, d: Dispatch): Item {
  const mac = state.platform === 'darwin';
  return {
    id: 'help',
    label: top(state, 'Help'),
    role: 'help',
    submenu: [
      { id: 'docs', label: 'Documentation', click: () => d({ kind: 'docs' }) },
      ...(mac
        ? []
        : [{ id: 'about', label: `About ${state.appName}`, click: () => d({ kind: 'about' }) }]),
    ],
  };
}

function appMenu(state: MenuState): Item {
  return {
    id: 'app',
    label: state.appName,
    submenu: [
      { id: 'about', role: 'about' },
      { type: 'separator' },
      { id: 'services', role: 'services' },
      { type: 'separator' },
      { id: 'hide', role: 'hide' },
      { id: 'hideOthers', role: 'hideOthers' },
      { id: 'unhide', role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', role: 'quit' },
    ],
  };
}

/** The application menu template for `state`; item clicks call `dispatch`. */
export function buildMenuTemplate(state: MenuState, dispatch: Dispatch): Item[] {
  const mac = state.platform === 'darwin';
  return [
    ...(mac ? [appMenu(state)] : []),
    fileMenu(state, dispatch),
    editMenu(state, dispatch),
    viewMenu(state, dispatch),
    ...(mac ? [{ id: 'window', role: 'windowMenu' } as Item] : []),
    helpMenu(state, dispatch),
  ];
}

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from './channels.ts';
import { buildMenuTemplate, menuLabel, type MenuAction, type MenuState } from './menu.ts';

type Item = MenuItemConstructorOptions;

const base: MenuState = {
  platform: 'linux',
  appName: 'Layerloom',
  recentFiles: [],
  isDev: false,
  darkMode: false,
};

function build(state: Partial<MenuState> = {}) {
  const actions: MenuAction[] = [];
  const template = buildMenuTemplate({ ...base, ...state }, (a) => actions.push(a));
  return { template, actions };
}

function all(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
}

function find(items: Item[], id: string): Item {
  const item = all(items).find((i) => i.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

function click(item: Item): void {
  (item.click as () => void)();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Help on Windows/Linux and an app + Window menu on macOS', () => {
    expect(build().template.map((m) => m.id)).toEqual(['file', 'edit', 'view', 'help']);
    expect(build({ platform: 'darwin' }).template.map((m) => m.id)).toEqual([
      'app',
      'file',
      'edit',
      'view',
      'window',
      'help',
    ]);
    expect(build({ platform: 'win32' }).template[0]?.label).toBe('&File');
    expect(build({ platform: 'darwin' }).template[1]?.label).toBe('File');
  });

  it('puts Quit in File on Windows/Linux and in the app menu on macOS', () => {
    const linuxFile = build().template[0]!.submenu as Item[];
    expect(linuxFile.at(-1)?.role).toBe('quit');
    const mac = build({ platform: 'darwin' }).template;
    expect((mac[1]!.submenu as Item[]).some((i) => i.role === 'quit')).toBe(false);
    expect((mac[0]!.submenu as Item[]).at(-1)?.role).toBe('quit');
  });

  it('offers every menu command the renderer understands', () => {
    const { template, actions } = build();
    for (const command of MENU_COMMANDS) {
      if (command === 'app:save-before-close') continue;
      click(find(template, command));
    }
    expect(actions).toEqual(
      MENU_COMMANDS.filter((c) => c !== 'app:save-before-close').map((command) => ({
        kind: 'command',
        command,
      })),
    );
  });

  it('lists the six export formats in order', () => {
    const exp = find(build().template, 'export').submenu as Item[];
    expect(exp.map((i) => i.label)).toEqual([
      'JSON…',
      'safetensors…',
      'NumPy .npz…',
      'TensorFlow.js…',
      'Keras .keras…',
      'Python Script…',
    ]);
  });

  it.each([
    ['menu:new', 'CmdOrCtrl+N', true],
    ['menu:open', 'CmdOrCtrl+O', true],
    ['menu:save', 'CmdOrCtrl+S', true],
    ['menu:saveAs', 'CmdOrCtrl+Shift+S', true],
    ['menu:import', 'CmdOrCtrl+I', true],
    ['newWindow', 'CmdOrCtrl+Shift+N', undefined],
    ['menu:undo', 'CmdOrCtrl+Z', false],
    ['menu:redo', 'Ctrl+Y', false],
    ['menu:delete', 'Delete', false],
    ['menu:selectAll', 'CmdOrCtrl+A', false],
    ['menu:zoomIn', 'CmdOrCtrl+=', false],
    ['menu:zoomOut', 'CmdOrCtrl+-', false],
    ['menu:fit', 'Shift+1', false],
  ])('%s has accelerator %s (captured by the menu: %s)', (id, accelerator, registered) => {
    const item = find(build().template, id);
    expect(item.accelerator).toBe(accelerator);
    expect(item.registerAccelerator).toBe(registered);
  });

  it('uses Cmd+Shift+Z for Redo on macOS', () => {
    expect(find(build({ platform: 'darwin' }).template, 'menu:redo').accelerator).toBe(
      'Shift+CmdOrCtrl+Z',
    );
  });

  it('never assigns one accelerator twice', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accels = all(build({ platform }).template)
        .map((i) => i.accelerator)
        .filter((a): a is string => typeof a === 'string');
      expect(new Set(accels).size).toBe(accels.length);
    }
  });

  it('uses native roles for clipboard items so inputs and DOM copy/paste events work', () => {
    const edit = build().template[1]!.submenu as Item[];
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual(['cut', 'copy', 'paste']);
  });

  it('shows a disabled placeholder when there are no recent projects', () => {
    const recent = find(build().template, 'recent').submenu as Item[];
    expect(recent).toEqual([{ id: 'recent:none', label: 'No Recent Projects', enabled: false }]);
  });

  it('lists recent projects in order, escaping "&", with Clear Recent', () => {
    const files = ['/p/R&D.loom', '/p/b.loom'];
    const { template, actions } = build({ recentFiles: files });
    const recent = find(template, 'recent').submenu as Item[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual([
      '/p/R&&D.loom',
      '/p/b.loom',
      'separator',
      'Clear Recent',
    ]);
    click(recent[1]!);
    click(find(template, 'recent:clear'));
    expect(actions).toEqual([{ kind: 'openRecent', path: '/p/b.loom' }, { kind: 'clearRecent' }]);
  });

  it('adds Reload and DevTools only in development', () => {
    const roles = (isDev: boolean) => all(build({ isDev }).template).map((i) => i.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('reflects and toggles dark mode', () => {
    const { template, actions } = build({ darkMode: true });
    const item = find(template, 'darkMode');
    expect([item.type, item.checked]).toEqual(['checkbox', true]);
    click(item);
    expect(actions).toEqual([{ kind: 'toggleDarkMode' }]);
    expect(find(build({ darkMode: false }).template, 'darkMode').checked).toBe(false);
  });

  it('has Documentation in Help and About there except on macOS', () => {
    const { template, actions } = build();
    click(find(template, 'docs'));
    click(find(template, 'about'));
    expect(actions).toEqual([{ kind: 'docs' }, { kind: 'about' }]);
    expect(find(build({ platform: 'darwin' }).template, 'about').role).toBe('about');
  });

  it('escapes ampersands in labels', () => {
    expect(menuLabel('a & b && c')).toBe('a && b &&&& c');
  });
});

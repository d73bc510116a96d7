// IPC channel names: the one list both sides derive from. The preload builds one bridge function per
// entry of INVOKE_CHANNELS and main registers one handler per entry, so they cannot drift apart.
import type { InvokeMethod, MenuCommand } from './api.ts';

/** Bridge method → IPC channel; the compiler insists on exactly one entry per InvokeMethod. */
export const INVOKE_CHANNELS = {
  version: 'app:version',
  newWindow: 'project:new-window',
  open: 'file:open',
  save: 'file:save',
  saveAs: 'file:saveAs',
  exportFile: 'file:export',
  importFile: 'file:import',
  writeRecovery: 'recovery:write',
  readRecovery: 'recovery:read',
  clearRecovery: 'recovery:clear',
  setTitle: 'window:setTitle',
  setDirty: 'window:setDirty',
} as const satisfies { readonly [M in InvokeMethod]: string };

/** The invoke methods, in a stable order. */
export const INVOKE_METHODS = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];

/** Main → renderer event channels. */
export const EVENT_CHANNELS = {
  /** Payload: one MenuCommand. */
  menuCommand: 'menu:command',
  /** Payload: an OpenedFile (from Open Recent, the command line or the OS). */
  fileOpened: 'file:opened',
} as const;

/** Every menu command, checked both ways against the MenuCommand type. */
export const MENU_COMMANDS = [
  'menu:new',
  'menu:open',
  'menu:save',
  'menu:saveAs',
  'menu:import',
  'menu:export:json',
  'menu:export:safetensors',
  'menu:export:npz',
  'menu:export:tfjs',
  'menu:export:keras',
  'menu:export:python',
  'menu:undo',
  'menu:redo',
  'menu:delete',
  'menu:selectAll',
  'menu:zoomIn',
  'menu:zoomOut',
  'menu:fit',
  'app:save-before-close',
] as const satisfies readonly MenuCommand[];

// Compile-time: a MenuCommand missing from MENU_COMMANDS makes this `false` and fails the build.
const _allMenuCommandsListed: Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]> extends never
  ? true
  : false = true;
void _allMenuCommandsListed;

/** True when `value` is a known menu command (the preload drops anything else). */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

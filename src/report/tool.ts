import type { ToolInfo } from './types';

declare const __TARSCOPE_VERSION__: string | undefined;

/** Name and version written into every report (version injected by vite's `define`). */
export const TOOL: ToolInfo = {
  name: 'tarscope',
  version: typeof __TARSCOPE_VERSION__ === 'string' ? __TARSCOPE_VERSION__ : '0.0.0-dev',
};

import type { Plugin } from 'vite';
export declare const CSP_DIRECTIVES: [string, string][];
export declare const CSP: string;
export declare function cspMeta(): Plugin;

// Types of doc.mjs's section functions, for the unit tests (tests/unit/bench/).
export interface DocPart {
  text?: string;
  name?: string;
  owner?: string | null;
  body?: string;
  raw?: string;
}
export const OWNER: Record<string, string>;
export function parseSections(text: string): DocPart[];
export function mergeDoc(existing: string | null, sections: Record<string, string>, owners?: Record<string, string>): string;
export function renderSections(f: unknown, which?: { bench?: boolean; bomb?: boolean }): Record<string, string>;
export function renderBomb(f: unknown): string;

export function checkImports(root: string): { problems: string[]; checked: number };
export function unitOf(path: string): string | null;

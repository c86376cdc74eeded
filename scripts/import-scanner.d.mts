export interface FoundImport {
  spec: string;
  line: number;
  typeOnly: boolean;
  dynamic: boolean;
  text: string;
}
export function scanImports(src: string): FoundImport[];

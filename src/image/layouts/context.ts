/** Collects the errors and notes of one layout read; messages name the component and the place. */
import type { ErrorCode, ErrorInfo, TarscopeError } from '../../io/errors';

export class ReadContext {
  readonly errors: ErrorInfo[] = [];
  readonly notes: string[] = [];

  constructor(readonly component: string) {}

  error(message: string, path?: string, code: ErrorCode = 'corrupt'): void {
    const info: ErrorInfo = { code, component: this.component, message: `${this.component}: ${message}` };
    if (path) info.path = path;
    this.errors.push(info);
  }

  /** An error raised by a file reader (component = the file name). */
  fileError(e: TarscopeError): void {
    this.errors.push(e.toInfo());
  }

  /** "<where> refers to <name> (<what>) which is not in the archive". */
  missing(where: string, name: string, what: string, reason = 'is not in the archive'): void {
    this.error(`${where} refers to ${name} (${what}) which ${reason}`, name);
  }

  note(n: string): void {
    if (!this.notes.includes(n)) this.notes.push(n);
  }
}

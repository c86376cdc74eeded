/**
 * Splitting an ErrorInfo into the parts the page shows apart: component, message, place.
 * Messages built with src/io/errors.ts formatError() already read
 * "component: message (in path, at offset n)"; the page shows component and place
 * separately, so they are taken off the message instead of being said twice.
 */
import type { ErrorInfo } from '../io/errors';
import { formatCount } from '../present/format';

/** "in blobs/sha256/ab12…, at offset 1,024", or "" when the place is unknown. */
export function errorPlace(e: ErrorInfo): string {
  const where: string[] = [];
  if (e.path) where.push(`in ${e.path}`);
  if (e.offset !== undefined) where.push(`at offset ${formatCount(e.offset)}`);
  return where.join(', ');
}

/** The message without the leading "component:" and the trailing "(in …, at offset …)". */
export function errorMessage(e: ErrorInfo): string {
  let m = e.message.trim();
  if (m.startsWith(`${e.component}:`)) m = m.slice(e.component.length + 1).trim();
  const where: string[] = [];
  if (e.path) where.push(`in ${e.path}`);
  if (e.offset !== undefined) where.push(`at offset ${e.offset}`);
  const suffix = where.length ? `(${where.join(', ')})` : '';
  if (suffix && m.endsWith(suffix)) m = m.slice(0, -suffix.length).trim();
  return m;
}

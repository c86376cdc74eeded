/** One reader warning as a line (text, Markdown and HTML presenters): the message, how many
 *  times, and the layer blob it was in. */
import type { ReportWarning } from '../report/types';

export function warningText(w: ReportWarning): string {
  return `${w.message}${w.count > 1 ? ` (${w.count} times)` : ''}${w.path && !w.message.includes(w.path) ? ` (in ${w.path})` : ''}`;
}

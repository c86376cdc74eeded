/**
 * The presenters by format name: a registry, not a switch (STYLE.md habit 4). Each is a
 * pure function of an InspectionReport or a ComparisonReport to a string.
 */
import type { InspectionReport } from '../report/types';
import type { ComparisonReport } from '../compare/types';
import { presentText, type TextOptions } from './text';
import { presentMarkdown } from './markdown';
import { presentHtml } from './html';
import { presentJson } from './json';

export type Report = InspectionReport | ComparisonReport;
export type Format = 'text' | 'json' | 'markdown' | 'html';

export interface PresentOptions extends TextOptions {}

export const PRESENTERS: Record<Format, (r: Report, o: PresentOptions) => string> = {
  text: (r, o) => presentText(r, o),
  json: (r) => presentJson(r),
  markdown: (r) => presentMarkdown(r),
  html: (r) => presentHtml(r),
};

export const FORMATS = Object.keys(PRESENTERS) as Format[];

export function isFormat(s: string): s is Format {
  return Object.hasOwn(PRESENTERS, s);
}

export { comparisonOutcome, inspectionOutcome } from './outcome';

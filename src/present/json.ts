/** The JSON presenter: the report exactly as the engine returned it (the Export JSON contract). */
import type { InspectionReport } from '../report/types';
import type { ComparisonReport } from '../compare/types';

export function presentJson(r: InspectionReport | ComparisonReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/**
 * Report formatters: a ScanReport in, text out. No I/O here; the CLI writes the result.
 */
import { LeakproofError } from '../errors.js';
import type { ScanReport } from '../engines/secrets/types.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import type { FormatName, FormatOptions } from './options.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

export type { FormatName, FormatOptions } from './options.js';
export { locationFingerprint } from './fingerprint.js';
export { JSON_SCHEMA_VERSION, toJsonReport, type JsonFinding, type JsonLocation, type JsonReport } from './json.js';

export const FORMATS: readonly FormatName[] = ['text', 'json', 'sarif', 'junit'];

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export function parseFormat(name: string): FormatName {
  const normalised = name.trim().toLowerCase();
  if (isFormatName(normalised)) return normalised;
  throw new LeakproofError('USAGE', `unknown report format ${JSON.stringify(name)}; expected one of: ${FORMATS.join(', ')}`);
}

export function formatReport(report: ScanReport, format: FormatName, options: FormatOptions): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, options);
    case 'junit':
      return formatJunit(report);
    default: {
      // Reached only from untyped callers (JavaScript, a cast); keep it a usage error, not a crash.
      const unknown: unknown = format;
      throw new LeakproofError('USAGE', `unknown report format ${JSON.stringify(unknown)}; expected one of: ${FORMATS.join(', ')}`);
    }
  }
}

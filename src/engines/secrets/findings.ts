/**
 * Turns raw hits into findings: hashes and redacts the secret, applies fingerprint suppressions,
 * and deduplicates by secret so that one credential copied into ten files is one finding with ten locations.
 */
import { createHash } from 'node:crypto';
import { redact } from './redact.js';
import type { RawHit } from './scanner.js';
import type { Finding, Location, RuleSpec } from './types.js';
import { severityRank } from './types.js';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stable across line moves: the rule, the path and the secret's hash. */
export function locationFingerprint(ruleId: string, path: string, secretHash: string): string {
  return sha256Hex(`${ruleId}:${path}:${secretHash}`);
}

interface Group {
  rule: RuleSpec;
  redacted: string;
  secretHash: string;
  locations: Location[];
  fingerprints: string[];
}

export interface CollectorOptions {
  /** Location fingerprints to drop (from .leakproofignore and a baseline). */
  readonly suppressed?: ReadonlySet<string>;
}

export class FindingCollector {
  private readonly groups = new Map<string, Group>();
  private suppressedCount = 0;
  private readonly suppressed: ReadonlySet<string>;

  constructor(options: CollectorOptions = {}) {
    this.suppressed = options.suppressed ?? new Set();
  }

  get suppressedLocations(): number {
    return this.suppressedCount;
  }

  add(path: string, hits: readonly RawHit[], context?: Readonly<Record<string, string>>): void {
    for (const hit of hits) {
      const secretHash = sha256Hex(hit.secret);
      const fingerprint = locationFingerprint(hit.rule.id, path, secretHash);
      if (this.suppressed.has(fingerprint)) {
        this.suppressedCount++;
        continue;
      }
      const location: Location = {
        path,
        line: hit.line,
        column: hit.column,
        endLine: hit.endLine,
        endColumn: hit.endColumn,
        ...(hit.decodedFrom === undefined ? {} : { decodedFrom: hit.decodedFrom }),
        ...(context === undefined ? {} : { context }),
      };
      const group = this.groups.get(secretHash);
      if (group === undefined) {
        this.groups.set(secretHash, { rule: hit.rule, redacted: redact(hit.secret), secretHash, locations: [location], fingerprints: [fingerprint] });
        continue;
      }
      // The same secret seen by a more specific rule names it better.
      if (moreSpecific(hit.rule, group.rule)) group.rule = hit.rule;
      if (!group.locations.some((l) => l.path === path && l.line === location.line && l.column === location.column)) {
        group.locations.push(location);
        group.fingerprints.push(fingerprint);
      }
    }
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const g of this.groups.values()) {
      const first = g.locations[0];
      if (first === undefined) continue;
      out.push({
        ruleId: g.rule.id,
        description: g.rule.description,
        severity: g.rule.severity,
        redacted: g.redacted,
        secretHash: g.secretHash,
        fingerprint: locationFingerprint(g.rule.id, first.path, g.secretHash),
        location: first,
        locations: g.locations,
        ...(g.rule.remedy === undefined ? {} : { remedy: g.rule.remedy }),
        ...(g.rule.tags === undefined ? {} : { tags: g.rule.tags }),
      });
    }
    return out.sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        a.location.path.localeCompare(b.location.path) ||
        a.location.line - b.location.line ||
        a.location.column - b.location.column,
    );
  }
}

function moreSpecific(candidate: RuleSpec, current: RuleSpec): boolean {
  const generic = (r: RuleSpec): boolean => r.tags?.includes('generic') === true;
  if (generic(current) !== generic(candidate)) return generic(current);
  return severityRank(candidate.severity) > severityRank(current.severity);
}

/**
 * The data model of the secret scanner. Pure types: no I/O anywhere in src/engines.
 */

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/**
 * A rule as it is written (built-in rules in src/engines/secrets/rules/*.ts, user rules from config).
 *
 * - `pattern` is JavaScript RegExp source. The secret is the named group `secret` if present,
 *   else group `secretGroup`, else group 1 if the pattern has groups, else the whole match.
 * - `keywords` feed the prefilter: a rule runs on a text only when at least one keyword occurs in it
 *   (ASCII case-insensitive). Keywords are lowercase, and at least 3 characters long.
 *   An empty list means the rule always runs (avoid: it costs a full regex pass over every file).
 * - `entropy`: minimum Shannon entropy (bits per character) of the secret.
 * - `validate`: a structural check beyond the regex (for example a CRC32 built into the token).
 * - `examples.match` must each produce a finding of this rule; `examples.noMatch` must produce none of it.
 */
export interface RuleSpec {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly keywords: readonly string[];
  readonly pattern: string;
  /** Extra RegExp flags; `g` is always added. Allowed: i, m, s, u. */
  readonly flags?: string;
  readonly secretGroup?: number;
  readonly entropy?: number;
  readonly allowlist?: RuleAllowlist;
  readonly validate?: (secret: string) => boolean;
  /** What to do about a finding: rotate, revoke, where. Shown in SARIF help and text output. */
  readonly remedy?: string;
  readonly tags?: readonly string[];
  /**
   * For files that are secrets by where they live (Rails `config/master.key`): RegExp sources tested
   * against the path. A rule with `paths` runs on matching files whether or not a keyword occurs,
   * and only on them.
   */
  readonly paths?: readonly string[];
  /** `path`: the file path the examples are scanned as (needed by rules with `paths`). */
  readonly examples: { readonly match: readonly string[]; readonly noMatch: readonly string[]; readonly path?: string };
}

export interface RuleAllowlist {
  /** Secrets matching any of these (RegExp source, tested against the secret) are ignored. */
  readonly secretPatterns?: readonly string[];
  /** Secrets containing any of these substrings (case-insensitive) are ignored. */
  readonly stopwords?: readonly string[];
  /** Paths matching any of these (RegExp source, tested against the path) are ignored for this rule. */
  readonly pathPatterns?: readonly string[];
  /** Whole matches (group 0) matching any of these are ignored. */
  readonly matchPatterns?: readonly string[];
}

/** One place a secret was seen. */
export interface Location {
  /** Display path. Inside archives: `pkg.tgz!package/dist/x.js`; standard input: `-`. */
  readonly path: string;
  /** 1-based line and column (column counts UTF-16 code units, as editors and SARIF do). */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Set when the secret was found inside a decoded string, e.g. `base64` or `base64>hex`. */
  readonly decodedFrom?: string;
  /** Extra context from richer sources (git commit, image layer); plain strings only. */
  readonly context?: Readonly<Record<string, string>>;
}

/**
 * A finding as every formatter sees it. It never holds the secret itself:
 * only a redacted preview and a SHA-256 of the secret.
 */
export interface Finding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  /** First 4 characters of the secret, then `…`. */
  readonly redacted: string;
  /** Hex SHA-256 of the secret: the same secret has the same value everywhere. */
  readonly secretHash: string;
  /** Stable across line moves: sha256(ruleId + ':' + path + ':' + secretHash), hex. Used by .leakproofignore. */
  readonly fingerprint: string;
  /** Where it was first seen (in scan order). */
  readonly location: Location;
  /** Every place the same secret was seen, including `location`. */
  readonly locations: readonly Location[];
  readonly remedy?: string;
  readonly tags?: readonly string[];
}

/** Summary of a scan, for every formatter. */
export interface ScanSummary {
  readonly filesScanned: number;
  readonly bytesScanned: number;
  readonly filesSkipped: number;
  /** Files or entries skipped with a reason (binary, too large, excluded). Paths only. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly suppressed: number;
  readonly durationMs: number;
}

export interface ScanReport {
  readonly tool: { readonly name: 'leakproof'; readonly version: string };
  readonly findings: readonly Finding[];
  readonly summary: ScanSummary;
  /** Rules that were active, for SARIF rule metadata. */
  readonly rules: readonly RuleInfo[];
}

export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remedy?: string;
  readonly tags?: readonly string[];
}

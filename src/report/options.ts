export type FormatName = 'text' | 'json' | 'sarif' | 'junit';

export interface FormatOptions {
  /** Colour the text format. Decided by the caller (NO_COLOR, TTY); ignored by the other formats. */
  readonly color: boolean;
  /** Text format: show every location, remedies, location context and the skipped files. */
  readonly verbose?: boolean;
  /** `file://` URI of the scan root, written to SARIF `originalUriBaseIds` as `%SRCROOT%`. */
  readonly cwdUri?: string;
}

/**
 * Display paths to URI references for SARIF `artifactLocation.uri`.
 *
 * - Relative paths stay relative (to `%SRCROOT%`), each `/`-separated segment percent-encoded
 *   as UTF-8. `:` is always encoded: an unencoded colon in the first segment would turn
 *   `c:foo/x` into a URI with scheme `c`.
 * - Archive members `pkg.tgz!package/x.js` keep the `!` literally (it is a legal path
 *   character, RFC 3986 sub-delims), so `pkg.tgz!package/x.js` stays `pkg.tgz!package/x.js`
 *   and reads the same in GitHub as in the text report.
 * - Absolute POSIX (`/srv/x`) and Windows (`C:\x`, `C:/x`) paths become `file:` URIs, since a
 *   base id cannot make them relative.
 * - Backslashes in relative paths are data, not separators (`a\b` is a legal POSIX file name),
 *   so they are encoded as `%5C`.
 */
import { wellFormed } from './common.js';

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export interface ArtifactUri {
  readonly uri: string;
  /** Present for relative URIs: they resolve against `%SRCROOT%`. */
  readonly relative: boolean;
}

export function pathToArtifactUri(displayPath: string): ArtifactUri {
  const path = wellFormed(displayPath);
  const windows = /^([A-Za-z]):[\\/]/.exec(path);
  if (windows !== null) {
    const rest = path.slice(3).replace(/\\/g, '/');
    return { uri: `file:///${windows[1] ?? ''}:/${encodeSegments(rest)}`, relative: false };
  }
  if (path.startsWith('/')) return { uri: `file://${encodeSegments(path)}`, relative: false };
  return { uri: encodeSegments(path), relative: true };
}

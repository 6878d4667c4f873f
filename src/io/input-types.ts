import type { ErrorCode } from '../errors.js';

/** What the input layer hands to the scanner, in a deterministic order. */
export type InputEvent =
  | {
      readonly kind: 'file';
      /** Display path: relative to cwd with `/` separators, `a.tgz!package/x.js` inside archives, `-` for stdin. */
      readonly path: string;
      /** UTF-8 (or undecodable bytes that are still worth scanning). */
      readonly bytes: Uint8Array;
      /** Set when the file was UTF-16 with a byte order mark and `bytes` holds its UTF-8 transcoding. */
      readonly transcodedFrom?: 'utf-16le' | 'utf-16be';
    }
  | { readonly kind: 'skip'; readonly path: string; readonly reason: string; readonly code?: ErrorCode };

export interface ArchiveLimits {
  /** Entries over a whole archive, nested archives included. */
  readonly maxEntries: number;
  /** Decompressed bytes over a whole archive, nested archives included. */
  readonly maxTotalBytes: number;
  /** Size of a single entry (declared or actual). */
  readonly maxEntryBytes: number;
  /** 1 = an archive; 2 = an archive inside it; and so on. */
  readonly maxDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntryBytes: 512 * 1024 ** 2,
  maxDepth: 4,
};

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 ** 2;

import { isAbsolute, relative } from 'node:path';

/** How a file is named in messages: relative to the working directory when inside it, else as given. */
export function shownPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

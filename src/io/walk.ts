/**
 * Directory walking: sorted, depth-first, honouring .gitignore files the way git does and the
 * configured excludes. Yields paths only; reading is done by inputs.ts with bounded concurrency.
 */
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { InputEvent } from './input-types.js';

export type WalkItem =
  | { readonly kind: 'file'; readonly absolutePath: string; readonly path: string }
  | Extract<InputEvent, { kind: 'skip' }>;

export interface WalkOptions {
  /** Config excludes, matched against paths relative to the walked root. */
  readonly excludes: Ignore | undefined;
  readonly respectGitignore: boolean;
  readonly followSymlinks: boolean;
}

/** The rules of one ignore file, for paths below `base` (relative to the git top level, `''` or ending in `/`). */
interface IgnoreFrame {
  readonly base: string;
  readonly rules: Ignore;
}

type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export async function* walkDirectory(root: string, rootDisplay: string, options: WalkOptions): AsyncGenerator<WalkItem> {
  const frames: IgnoreFrame[] = [];
  let gitTop = root;
  if (options.respectGitignore) {
    gitTop = (await findGitTop(root)) ?? root;
    await loadAncestorRules(gitTop, root, frames);
    // A directory the user names is scanned even when git ignores it (`leakproof scan node_modules`);
    // the rules that ignore it would otherwise hide everything below it, as they do for git.
    if (gitIgnored(frames, relativeToGitTop(gitTop, root)) === true) frames.length = 0;
  }
  let ancestors: Set<string> | undefined;
  if (options.followSymlinks) {
    const stats = await fs.stat(root);
    ancestors = new Set([inodeKey(stats)]);
  }
  const walker = new Walker(options, gitTop, frames, ancestors);
  yield* walker.directory(root, rootDisplay, '');
}

class Walker {
  constructor(
    private readonly options: WalkOptions,
    private readonly gitTop: string,
    private readonly frames: IgnoreFrame[],
    /** Directories (dev:inode) on the current path, to spot a symlink that leads back up. */
    private readonly ancestors: Set<string> | undefined,
  ) {}

  async *directory(absolute: string, display: string, relative: string): AsyncGenerator<WalkItem> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(absolute, { withFileTypes: true });
    } catch (error) {
      yield { kind: 'skip', path: display === '' ? '.' : display, reason: `unreadable directory (${errorCode(error)})`, code: 'INPUT_UNREADABLE' };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

    let pushedFrame = false;
    if (this.options.respectGitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())) {
      const rules = await loadRules(path.join(absolute, '.gitignore'));
      if (rules !== undefined) {
        this.frames.push({ base: relativeToGitTop(this.gitTop, absolute), rules });
        pushedFrame = true;
      }
    }
    try {
      for (const entry of entries) {
        // .git holds objects and config, never working-tree content; `git` scanning is a separate command.
        if (entry.name === '.git') continue;
        const childAbsolute = path.join(absolute, entry.name);
        const childDisplay = display === '' ? entry.name : `${display}/${entry.name}`;
        const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
        let type = await direntType(entry, childAbsolute);
        if (type === undefined) continue; // vanished between readdir and lstat

        if (type === 'symlink') {
          if (!this.options.followSymlinks) {
            if (this.ignored(childAbsolute, childRelative, false)) continue;
            yield { kind: 'skip', path: childDisplay, reason: 'symlink (not followed)' };
            continue;
          }
          const target = await statTarget(childAbsolute, childDisplay);
          if ('kind' in target) {
            if (!this.ignored(childAbsolute, childRelative, false)) yield target;
            continue;
          }
          type = target.isDirectory() ? 'directory' : target.isFile() ? 'file' : 'other';
        }

        if (this.ignored(childAbsolute, childRelative, type === 'directory')) continue;
        switch (type) {
          case 'file':
            yield { kind: 'file', absolutePath: childAbsolute, path: childDisplay };
            break;
          case 'directory':
            yield* this.enter(childAbsolute, childDisplay, childRelative);
            break;
          case 'other':
            yield { kind: 'skip', path: childDisplay, reason: 'not a regular file' };
            break;
        }
      }
    } finally {
      if (pushedFrame) this.frames.pop();
    }
  }

  private async *enter(absolute: string, display: string, relative: string): AsyncGenerator<WalkItem> {
    if (this.ancestors === undefined) {
      yield* this.directory(absolute, display, relative);
      return;
    }
    let key: string;
    try {
      key = inodeKey(await fs.stat(absolute));
    } catch (error) {
      yield { kind: 'skip', path: display, reason: `unreadable directory (${errorCode(error)})`, code: 'INPUT_UNREADABLE' };
      return;
    }
    if (this.ancestors.has(key)) {
      yield { kind: 'skip', path: display, reason: 'symlink loop (directory contains itself)', code: 'SYMLINK_LOOP' };
      return;
    }
    this.ancestors.add(key);
    try {
      yield* this.directory(absolute, display, relative);
    } finally {
      this.ancestors.delete(key);
    }
  }

  private ignored(absolute: string, relative: string, isDirectory: boolean): boolean {
    const suffix = isDirectory ? '/' : '';
    if (this.options.excludes !== undefined && testRules(this.options.excludes, relative + suffix) === true) return true;
    if (!this.options.respectGitignore) return false;
    const fromTop = relativeToGitTop(this.gitTop, absolute).replace(/\/$/, '') + suffix;
    return gitIgnored(this.frames, fromTop) === true;
  }
}

/** Deeper ignore files override shallower ones; within a file the last matching rule wins (ignore does that). */
function gitIgnored(frames: readonly IgnoreFrame[], fromTop: string): boolean | undefined {
  if (fromTop === '') return undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    if (frame === undefined || !fromTop.startsWith(frame.base)) continue;
    const verdict = testRules(frame.rules, fromTop.slice(frame.base.length));
    if (verdict !== undefined) return verdict;
  }
  return undefined;
}

/** true = ignored, false = re-included by a negation, undefined = no rule matched. */
function testRules(rules: Ignore, relative: string): boolean | undefined {
  try {
    const result = rules.test(relative);
    if (result.ignored) return true;
    if (result.unignored) return false;
    return undefined;
  } catch {
    return undefined; // names the library refuses (it insists on path.relative() form) are never ignored
  }
}

/** Compiles config excludes; patterns are gitignore syntax. */
export function compileExcludes(patterns: readonly string[]): Ignore {
  return ignore().add([...patterns]);
}

async function direntType(entry: Dirent, absolute: string): Promise<EntryType | undefined> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFIFO() || entry.isSocket() || entry.isBlockDevice() || entry.isCharacterDevice()) return 'other';
  // Some file systems do not report types in readdir.
  try {
    const stats = await fs.lstat(absolute);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other';
  } catch {
    return undefined;
  }
}

async function statTarget(absolute: string, display: string): Promise<Stats | Extract<WalkItem, { kind: 'skip' }>> {
  try {
    return await fs.stat(absolute);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') return { kind: 'skip', path: display, reason: 'symlink loop (link chain never resolves)', code: 'SYMLINK_LOOP' };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'skip', path: display, reason: 'broken symlink' };
    return { kind: 'skip', path: display, reason: `unreadable symlink target (${code})`, code: 'INPUT_UNREADABLE' };
  }
}

function inodeKey(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/** `''` for the top itself, else the relative path with `/` separators and a trailing `/`. */
function relativeToGitTop(gitTop: string, absolute: string): string {
  const relative = path.relative(gitTop, absolute).split(path.sep).join('/');
  return relative === '' ? '' : `${relative}/`;
}

async function findGitTop(start: string): Promise<string | undefined> {
  let current = start;
  for (;;) {
    try {
      await fs.stat(path.join(current, '.git'));
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

/**
 * When the walk starts below the top of a repository, the ignore files between the top and the
 * start still apply (as in git), and so does .git/info/exclude, with the lowest precedence.
 */
async function loadAncestorRules(gitTop: string, root: string, frames: IgnoreFrame[]): Promise<void> {
  const exclude = await loadRules(path.join(gitTop, '.git', 'info', 'exclude'));
  if (exclude !== undefined) frames.push({ base: '', rules: exclude });
  const between = path.relative(gitTop, root);
  if (between === '') return;
  let directory = gitTop;
  for (const segment of ['', ...between.split(path.sep).slice(0, -1)]) {
    directory = segment === '' ? directory : path.join(directory, segment);
    const rules = await loadRules(path.join(directory, '.gitignore'));
    if (rules !== undefined) frames.push({ base: relativeToGitTop(gitTop, directory), rules });
  }
}

async function loadRules(file: string): Promise<Ignore | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const rules = ignore();
  for (const line of text.split(/\r?\n/)) {
    try {
      rules.add(line);
    } catch {
      // git ignores a pattern it cannot parse; so do we
    }
  }
  return rules;
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'error';
}

/**
 * The few ANSI SGR styles the text report uses. Whether to colour is decided by the caller
 * (NO_COLOR, FORCE_COLOR, TTY); a painter built with `enabled = false` returns text untouched,
 * so no escape code can slip into piped output.
 */
export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'magenta' | 'gray';

const CODES: Readonly<Record<Style, readonly [open: number, close: number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  magenta: [35, 39],
  gray: [90, 39],
};

export type Paint = (text: string, ...styles: readonly Style[]) => string;

export function painter(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, ...styles) => {
    if (text === '' || styles.length === 0) return text;
    let open = '';
    let close = '';
    for (const style of styles) {
      const [on, off] = CODES[style];
      open += `\u001b[${on}m`;
      close = `\u001b[${off}m` + close;
    }
    return open + text + close;
  };
}

/** Matches every SGR sequence this module can produce (and any other CSI ... m). */
export const SGR_PATTERN = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(SGR_PATTERN, '');
}

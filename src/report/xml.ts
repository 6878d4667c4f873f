/**
 * XML 1.0 escaping. Some characters (most C0 controls, U+FFFE, U+FFFF) cannot appear in an
 * XML 1.0 document at all, not even as `&#1;`, so they are written as visible `\xNN` / `\uNNNN`
 * text instead; C1 controls and DEL are legal but discouraged (XML 1.0 §2.2) and treated the same.
 */
import { wellFormed } from './common.js';

const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function xmlSafe(text: string): string {
  return wellFormed(text).replace(NOT_IN_XML, visible);
}

/** Element content. `>` is escaped too, so `]]>` can never appear. `\r` is kept as a reference, or parsers would drop it. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>\r]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&#13;',
  );
}

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute value normalisation turns literal tabs and line breaks into spaces; references survive.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

export function escapeXmlAttribute(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}

export function xmlAttributes(attributes: Readonly<Record<string, string | number>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

/**
 * The longest text a pattern can match, from its syntax tree. Lookarounds match no text;
 * unbounded repeats and backreferences make the length unbounded (Infinity).
 * The scanner uses it to run a rule only in windows around its keywords.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

const parser = new RegExpParser({ ecmaVersion: 2024 });

export function maxMatchLength(pattern: string, flags = ''): number {
  try {
    const ast = parser.parsePattern(pattern, 0, pattern.length, { unicode: flags.includes('u') });
    return alternativesMax(ast.alternatives);
  } catch {
    return Infinity;
  }
}

function alternativesMax(alternatives: readonly AST.Alternative[]): number {
  let best = 0;
  for (const alt of alternatives) best = Math.max(best, sequenceMax(alt.elements));
  return best;
}

function sequenceMax(elements: readonly AST.Element[]): number {
  let total = 0;
  for (const e of elements) total += elementMax(e);
  return total;
}

function elementMax(node: AST.Element): number {
  switch (node.type) {
    case 'Assertion':
      return 0;
    case 'Character':
    case 'CharacterClass':
    case 'CharacterSet':
    case 'ExpressionCharacterClass':
      // A code point can be two UTF-16 units.
      return 2;
    case 'Backreference':
      return Infinity;
    case 'Group':
    case 'CapturingGroup':
      return alternativesMax(node.alternatives);
    case 'Quantifier': {
      if (node.max === Infinity) return Infinity;
      const inner = elementMax(node.element);
      return inner === 0 ? 0 : inner * node.max;
    }
    default:
      return Infinity;
  }
}

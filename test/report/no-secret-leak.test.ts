/**
 * The one property every format must hold: a secret planted in a finding (through its redacted
 * preview, as the scanner builds it) never appears in the output, whatever the paths,
 * descriptions and remedies around it look like.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../src/report/ansi.js';
import { SEVERITIES } from '../../src/engines/secrets/types.js';
import { formatReport, FORMATS } from '../../src/report/index.js';
import { at, makeFinding, makeReport, reportValidator, sarifValidator } from './fixtures.js';

// Secrets as scanners find them: long runs of token characters (no '%', so URI encoding cannot
// rebuild one from an innocent path).
const secretArbitrary = fc.stringMatching(/^[A-Za-z0-9_\-+/=.]{12,64}$/);
const textArbitrary = fc.string({ unit: 'binary', maxLength: 40 });
const pathArbitrary = fc
  .array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom('src', 'pkg.tgz!package', '文档', '..', '-')), {
    minLength: 1,
    maxLength: 4,
  })
  .map((segments) => segments.join('/'));
const locationArbitrary = fc
  .record({ path: pathArbitrary, line: fc.integer({ min: 1, max: 100_000 }), column: fc.integer({ min: 1, max: 5_000 }) })
  .map(({ path, line, column }) => at(path, line, column));

const findingInput = fc.record({
  secret: secretArbitrary,
  ruleId: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  description: textArbitrary,
  remedy: fc.option(textArbitrary, { nil: undefined }),
  tags: fc.option(fc.array(fc.constantFrom('aws', 'cloud', 'secret', 'token'), { maxLength: 4 }), { nil: undefined }),
  severity: fc.constantFrom(...SEVERITIES),
  locations: fc.array(locationArbitrary, { minLength: 1, maxLength: 6 }),
});

const sarifValid = sarifValidator();
const jsonValid = reportValidator();

describe('no format ever prints the secret', () => {
  it('property: for every format and option, the planted secrets are absent and the output stays valid', () => {
    fc.assert(
      fc.property(fc.array(findingInput, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), (inputs, color, verbose) => {
        const findings = inputs.map(({ secret, ruleId, description, remedy, tags, severity, locations }) => {
          const [first, ...rest] = locations;
          if (first === undefined) throw new Error('arbitrary gave no location');
          return makeFinding({
            secret,
            ruleId,
            description,
            severity,
            locations: [first, ...rest],
            ...(remedy === undefined ? {} : { remedy }),
            ...(tags === undefined ? {} : { tags }),
          });
        });
        // Skip the (rare) draws where an innocent field happens to contain the secret itself.
        const innocent = inputs.flatMap((input) => [input.ruleId, input.description, input.remedy ?? '', ...input.locations.map((l) => l.path)]);
        fc.pre(inputs.every(({ secret }) => innocent.every((text) => !text.includes(secret))));

        const report = makeReport(findings);
        for (const format of FORMATS) {
          const output = formatReport(report, format, { color, verbose, cwdUri: 'file:///repo' });
          for (const { secret } of inputs) expect(output.includes(secret), `${format} leaked a secret`).toBe(false);
          if (format === 'sarif') expect(sarifValid(JSON.parse(output)), JSON.stringify(sarifValid.errors)).toBe(true);
          if (format === 'json') expect(jsonValid(JSON.parse(output)), JSON.stringify(jsonValid.errors)).toBe(true);
          if (format === 'junit') expect(XMLValidator.validate(output)).toBe(true);
          if (format === 'text') {
            // Whatever the input, the terminal sees only printable text, line feeds and our own colours.
            const visible = color ? stripAnsi(output) : output;
            expect(visible).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

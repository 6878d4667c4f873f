import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/index.js';
import { escapeXmlAttribute, escapeXmlText } from '../../src/report/xml.js';
import { at, cleanReport, makeFinding, makeReport, sampleReport } from './fixtures.js';

/** Characters XML 1.0 forbids anywhere in a document (§2.2), plus lone surrogates. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(NOT_XML_CHAR.test(xml)).toBe(false);
}

const parser = new XMLParser({ ignoreAttributes: false, htmlEntities: true, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'property' });

interface TestCase {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: { '#text': string; message: string; type: string };
}
interface Parsed {
  testsuites: {
    tests: string;
    failures: string;
    testsuite: { tests: string; failures: string; errors: string; time: string; properties: { property: { name: string; value: string }[] }; testcase: TestCase[] };
  };
}

function parse(xml: string): Parsed {
  return parser.parse(xml) as Parsed;
}

describe('junit format', () => {
  it('is well-formed XML with one failed test case per finding', () => {
    const xml = formatReport(sampleReport(), 'junit', { color: true });
    expectWellFormed(xml);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const { testsuites } = parse(xml);
    expect(testsuites.tests).toBe('3');
    expect(testsuites.failures).toBe('3');
    const suite = testsuites.testsuite;
    expect([suite.tests, suite.failures, suite.errors, suite.time]).toEqual(['3', '3', '0', '0.123']);
    expect(suite.testcase.map((testCase) => testCase.classname)).toEqual([
      'leakproof.aws-access-key-id',
      'leakproof.github-pat',
      'leakproof.slack-bot-token',
    ]);
    const [aws] = suite.testcase;
    expect(aws?.name).toBe('[critical] src/config.ts:12:15');
    expect(aws?.file).toBe('src/config.ts');
    expect(aws?.line).toBe('12');
    expect(aws?.failure?.message).toBe('AWS access key ID: AKIA…');
    expect(aws?.failure?.type).toBe('aws-access-key-id');
    expect(aws?.failure?.['#text']).toContain('Locations (5):');
    expect(aws?.failure?.['#text']).toContain('docs/setup.md:40:7 (base64)');
    expect(aws?.failure?.['#text']).toContain('Remedy: Deactivate the key');
    expect(suite.properties.property.find((property) => property.name === 'filesScanned')?.value).toBe('12');
  });

  it('has a single passing test case when the scan is clean', () => {
    const xml = formatReport(cleanReport(), 'junit', { color: false });
    expectWellFormed(xml);
    const suite = parse(xml).testsuites.testsuite;
    expect([suite.tests, suite.failures]).toEqual(['1', '0']);
    expect(suite.testcase).toHaveLength(1);
    expect(suite.testcase[0]?.name).toBe('no secrets found');
    expect(suite.testcase[0]?.failure).toBeUndefined();
  });

  it('escapes markup, quotes, control characters and lone surrogates in every field', () => {
    const nasty = 'a<b>&"c\'d\u0000e\u0001f\u001bg\u007fh\uFFFEi\uD800j]]>k\r\nl\tm';
    const finding = makeFinding({
      ruleId: `rule${nasty}`,
      description: `desc${nasty}`,
      severity: 'high',
      secret: `<&"SECRET${nasty}`,
      remedy: `remedy${nasty}`,
      locations: [at(`path/${nasty}/文档.js`, 3, 4), at('second "file".js', 5, 6)],
    });
    const xml = formatReport(makeReport([finding]), 'junit', { color: false });
    expectWellFormed(xml);
    expect(xml).not.toContain(']]>');
    const testCase = parse(xml).testsuites.testsuite.testcase[0];
    // Characters XML can carry survive exactly; the ones it cannot become visible escapes.
    const visible = 'a<b>&"c\'d\\x00e\\x01f\\x1bg\\x7fh\\ufffei\uFFFDj]]>k\r\nl\tm';
    expect(testCase?.file).toBe(`path/${visible}/文档.js`);
    expect(testCase?.failure?.message).toBe(`desc${visible}: <&"S…`);
    expect(testCase?.failure?.['#text']).toContain(`Remedy: remedy${visible}`);
  });

  it('escape helpers', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlAttribute('"x"\n\'y\'\t')).toBe('&quot;x&quot;&#10;&apos;y&apos;&#9;');
    expect(escapeXmlText('\u0000')).toBe('\\x00');
    expect(escapeXmlText('🔑 ok')).toBe('🔑 ok');
  });
});

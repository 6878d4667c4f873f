/**
 * The formatters on real scans: the CLI scans a temp directory (with a unicode directory name,
 * a space in a file name and a real tarball made by `tar`), and each report it writes must be
 * valid for its consumer and free of the planted secrets.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { reportValidator, sarifValidator } from './fixtures.js';

// Synthetic credentials in real formats, assembled at run time so no file holds one whole.
const AWS_KEY = ['AKIA', 'Q3M7XK2P5LTW4ZNB'].join('');
const PASSWORD = ['Xk9mP2', 'vL8qR4'].join('');

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'leakproof-report-'));
  const files: Record<string, string> = {
    '配置/app settings.env': `AWS_ACCESS_KEY_ID=${AWS_KEY}\nDB_PASSWORD=${PASSWORD}\n`,
    'src/copy.ts': `export const key = "${AWS_KEY}";\n`,
    'pkg/package/dist/index.js': `var k="${AWS_KEY}";\n`,
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  execFileSync('tar', ['-czf', join(dir, 'pkg.tgz'), '-C', join(dir, 'pkg'), 'package']);
  rmSync(join(dir, 'pkg'), { recursive: true });
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function scan(format: string): Promise<string> {
  const result = await run(['scan', '--format', format], { cwd: dir, env: {}, stdin: Readable.from([]) });
  expect(result.exitCode, result.stderr).toBe(1);
  expect(result.stdout).not.toContain(AWS_KEY);
  expect(result.stdout).not.toContain(PASSWORD);
  return result.stdout;
}

describe('reports of a real scan', () => {
  it('json validates against the report schema and keeps unicode and archive paths', async () => {
    const report = JSON.parse(await scan('json')) as { findings: { ruleId: string; locations: { path: string }[] }[] };
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const aws = report.findings.find((finding) => finding.ruleId === 'aws-access-key-id');
    expect(aws?.locations.map((location) => location.path).sort()).toEqual(
      ['pkg.tgz!package/dist/index.js', 'src/copy.ts', '配置/app settings.env'].sort(),
    );
  });

  it('sarif validates against the official SARIF 2.1.0 schema, with %SRCROOT% at the scan root', async () => {
    const log = JSON.parse(await scan('sarif')) as {
      runs: { originalUriBaseIds: Record<string, { uri: string }>; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const runLog = log.runs[0];
    expect(runLog?.originalUriBaseIds['%SRCROOT%']?.uri).toBe(pathToFileURL(`${dir}/`).href);
    const uris = (runLog?.results ?? []).flatMap((result) =>
      [...result.locations, ...(result.relatedLocations ?? [])].map((location) => location.physicalLocation.artifactLocation.uri),
    );
    expect(uris).toContain('%E9%85%8D%E7%BD%AE/app%20settings.env');
    expect(uris).toContain('pkg.tgz!package/dist/index.js');
  });

  it('junit is well-formed XML', async () => {
    const xml = await scan('junit');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('classname="leakproof.aws-access-key-id"');
  });

  it('text names the findings and prints no colour codes without a terminal', async () => {
    const text = await scan('text');
    expect(text).toContain('aws-access-key-id');
    expect(text).toContain('配置/app settings.env:1:');
    expect(text).not.toContain('\u001b[');
  });
});

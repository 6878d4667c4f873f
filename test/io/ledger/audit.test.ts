import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEntry } from '../../../src/engines/ledger/entries.js';
import { auditOptionsFrom, openAuditLog } from '../../../src/io/audit.js';
import { generateKeyFile } from '../../../src/io/ledger/keys.js';
import { LogReader, LogWriter } from '../../../src/io/ledger/tlog.js';
import { run } from '../../../src/cli/run.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lp-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('is a free no-op when disabled', async () => {
    const audit = await openAuditLog(auditOptionsFrom({}, dir, {}));
    expect(audit.enabled).toBe(false);
    await audit.record({ action: 'scan.run', object: 'x' });
    await audit.close();
    expect(await readdir(dir)).toEqual([]);
  });

  it('appends canonical audit events that `log events` lists, batching concurrent records', async () => {
    await mkdir(path.join(dir, '.leakproof'));
    const key = await generateKeyFile('audit.example/log', path.join(dir, '.leakproof', 'ledger.key'));
    const audit = await openAuditLog({ ...auditOptionsFrom({}, dir, { LEAKPROOF_AUDIT_LOG: '.leakproof/ledger', LEAKPROOF_ACTOR: 'alice' }), now: () => new Date('2026-03-04T05:06:07.000Z') });
    expect(audit.enabled).toBe(true);
    await Promise.all([
      audit.record({ action: 'scan.run', object: 'repo', details: { findings: 2, clean: false } }),
      audit.record({ action: 'finding.reported', object: 'src/a.ts:3', details: { rule: 'aws-access-key', preview: 'AKIA…' } }),
      audit.record({ action: 'http.access', object: '/api/findings', actor: 'bob', details: { status: 200 } }),
    ]);
    await audit.close();
    await expect(audit.record({ action: 'late', object: 'x' })).rejects.toMatchObject({ code: 'OUTPUT_FAILED' });

    const reader = await LogReader.open(path.join(dir, '.leakproof', 'ledger'), [key.verifier]);
    expect(reader.size).toBe(3);
    const events = [0, 1, 2].map((i) => decodeEntry(reader.entry(i)));
    expect(events[0]).toEqual({ type: 'audit', time: '2026-03-04T05:06:07.000Z', actor: 'alice', action: 'scan.run', object: 'repo', details: { findings: 2, clean: false } });
    expect(events[2]).toMatchObject({ actor: 'bob', action: 'http.access' });

    const listed = await run(['log', 'events', '--action', 'finding.reported'], { cwd: dir });
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toBe('1\t2026-03-04T05:06:07.000Z\talice\tfinding.reported\tsrc/a.ts:3\t{"preview":"AKIA…","rule":"aws-access-key"}\n');
  });

  it('waits for another writer instead of dropping the event', async () => {
    await mkdir(path.join(dir, '.leakproof'));
    const key = await generateKeyFile('audit.example/log', path.join(dir, '.leakproof', 'ledger.key'));
    const logDir = path.join(dir, '.leakproof', 'ledger');
    const busy = await LogWriter.open(logDir, { key });
    const audit = await openAuditLog({ dir: logDir, cwd: dir, actor: 'ci' });
    const pending = audit.record({ action: 'scan.run', object: 'repo' });
    setTimeout(() => void busy.close(), 150);
    await pending;
    await audit.close();
    expect((await LogReader.open(logDir, [key.verifier])).size).toBe(1);
    const impatient = await LogWriter.open(logDir, { key });
    const blocked = await openAuditLog({ dir: logDir, cwd: dir, lockWaitMs: 50 });
    await expect(blocked.record({ action: 'x', object: 'y' })).rejects.toMatchObject({ code: 'LEDGER_LOCKED' });
    await impatient.close();
  });
});

// AWS DMS schema conversion (json 1.1, X-Amz-Target): CancelMetadataModelConversion,
// DescribeMetadataModelConversions, StartMetadataModelConversion, driven with the official
// @aws-sdk/client-database-migration-service.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as dmsModule from '@aws-sdk/client-database-migration-service';
import {
  CancelMetadataModelConversionCommand,
  DatabaseMigrationServiceServiceException,
  DescribeMetadataModelConversionsCommand,
  InvalidResourceStateFault,
  ResourceNotFoundFault,
  StartMetadataModelConversionCommand,
  paginateDescribeMetadataModelConversions,
} from '@aws-sdk/client-database-migration-service';
import {
  assertMappedIfModelled, assertString, collect, entriesFor, expectAnyServiceError, expectServiceError, uid,
  useEmulator, waitFor,
} from './support.mjs';

const ctx = useEmulator();

const conv = (migrationProject, requestIdentifier, status) => ({ migrationProject, requestIdentifier, status });

async function describeOne(client, project, requestId) {
  const out = await client.send(new DescribeMetadataModelConversionsCommand({
    MigrationProjectIdentifier: project,
    Filters: [{ Name: 'request-id', Values: [requestId] }],
  }));
  assert.equal(out.Requests?.length, 1, `exactly one request ${requestId}; got ${JSON.stringify(out.Requests)}`);
  return out.Requests[0];
}

function assertRequestShape(r, what) {
  assertString(r.RequestIdentifier, `${what}.RequestIdentifier`);
  assertString(r.Status, `${what}.Status`);
  assert.ok(['RECEIVED', 'IN_PROGRESS', 'SUCCESS', 'FAILED', 'CANCELING', 'CANCELED'].includes(r.Status), `${what}.Status ${r.Status}`);
  if (r.MigrationProjectArn !== undefined) assert.match(r.MigrationProjectArn, /^arn:aws:dms:us-east-1:\d{12}:migration-project:.+$/);
  if (r.Progress?.ProgressPercent !== undefined) assert.equal(typeof r.Progress.ProgressPercent, 'number');
  if (r.Progress?.TotalObjects !== undefined) assert.equal(typeof r.Progress.TotalObjects, 'number');
}

function assertJson11(entry, operation) {
  assert.equal(entry.method, 'POST');
  assert.equal(entry.path, '/');
  assert.equal(entry.headers['x-amz-target'], `AmazonDMSv20160101.${operation}`);
  assert.match(entry.headers['content-type'] ?? '', /^application\/x-amz-json-1\.1/);
}

describe('DMS DescribeMetadataModelConversions', () => {
  test('returns PascalCase members; X-Amz-Target and json 1.1 on the wire', async () => {
    const project = uid('proj');
    const ids = [uid('r'), uid('r')];
    await ctx.control.seed({ dms: [conv(project, ids[0], 'IN_PROGRESS'), conv(project, ids[1], 'SUCCESS'), conv(uid('otherproj'), uid('r'), 'IN_PROGRESS')] });
    const client = ctx.client('dms');
    const out = await client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: project }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Requests.map((r) => r.RequestIdentifier).sort(), [...ids].sort());
    for (const r of out.Requests) assertRequestShape(r, 'Request');
    assert.equal(out.Requests.find((r) => r.RequestIdentifier === ids[0]).Status, 'IN_PROGRESS');
    assert.equal(out.Requests.find((r) => r.RequestIdentifier === ids[1]).Status, 'SUCCESS');
    assert.equal(out.Marker, undefined, 'no Marker on the last page');
    const [entry] = entriesFor(await ctx.control.requests(), 'DescribeMetadataModelConversions');
    assertJson11(entry, 'DescribeMetadataModelConversions');
    assert.equal(entry.json?.MigrationProjectIdentifier, project);
    assert.equal(entry.signature, 'Valid');
  });

  test('status and request-id filters reach the server and filter', async () => {
    const project = uid('proj');
    const seed = Array.from({ length: 6 }, (_, i) => conv(project, uid(`r${i}`), ['IN_PROGRESS', 'SUCCESS', 'FAILED'][i % 3]));
    await ctx.control.seed({ dms: seed });
    const client = ctx.client('dms');
    const ok = await client.send(new DescribeMetadataModelConversionsCommand({
      MigrationProjectIdentifier: project, Filters: [{ Name: 'status', Values: ['SUCCESS'] }],
    }));
    assert.deepEqual(ok.Requests.map((r) => r.RequestIdentifier).sort(), seed.filter((s) => s.status === 'SUCCESS').map((s) => s.requestIdentifier).sort());
    const one = await describeOne(client, project, seed[2].requestIdentifier);
    assert.equal(one.Status, 'FAILED');
    const entries = entriesFor(await ctx.control.requests(), 'DescribeMetadataModelConversions');
    assert.deepEqual(entries[0].json?.Filters, [{ Name: 'status', Values: ['SUCCESS'] }]);
    assert.deepEqual(entries[1].json?.Filters, [{ Name: 'request-id', Values: [seed[2].requestIdentifier] }]);
  });

  test('paginator (Marker/MaxRecords) yields every request exactly once', async () => {
    const project = uid('proj');
    const n = 47;
    const seed = Array.from({ length: n }, (_, i) => conv(project, `req-${String(i).padStart(2, '0')}-${uid('p')}`, 'SUCCESS'));
    await ctx.control.seed({ dms: seed });
    const client = ctx.client('dms');
    const { items, pages } = await collect(
      paginateDescribeMetadataModelConversions({ client, pageSize: 20 }, { MigrationProjectIdentifier: project }),
      (p) => p.Requests);
    assert.equal(items.length, n);
    assert.deepEqual(items.map((r) => r.RequestIdentifier).sort(), seed.map((s) => s.requestIdentifier).sort());
    assert.ok(pages >= 3, `expected >= 3 pages of 20, got ${pages}`);
    const entries = entriesFor(await ctx.control.requests(), 'DescribeMetadataModelConversions');
    assert.equal(entries.length, pages);
    assert.ok(entries.every((e) => e.json?.MaxRecords === 20));
    assert.ok(entries.slice(1).every((e) => typeof e.json?.Marker === 'string'));
  });

  test('unknown migration project is ResourceNotFoundFault (HTTP 400)', async () => {
    const client = ctx.client('dms');
    await expectServiceError(() => client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: uid('noproj') })),
      ResourceNotFoundFault, 400);
  });
});

describe('DMS CancelMetadataModelConversion', () => {
  test('IN_PROGRESS -> CANCELING (in the response) -> CANCELED after the configured delay', async () => {
    await ctx.control.settings({ dmsCancelDelayMs: 1500 });
    const project = uid('proj'), id = uid('r');
    await ctx.control.seed({ dms: [conv(project, id, 'IN_PROGRESS')] });
    const client = ctx.client('dms');
    const t0 = Date.now();
    const out = await client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: id }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assertRequestShape(out.Request, 'Request');
    assert.equal(out.Request.RequestIdentifier, id);
    assert.equal(out.Request.Status, 'CANCELING');
    assert.equal((await describeOne(client, project, id)).Status, 'CANCELING');
    await waitFor(async () => (await describeOne(client, project, id)).Status, (s) => s === 'CANCELED', { timeoutMs: 8000, what: 'CANCELED' });
    assert.ok(Date.now() - t0 >= 1400, `CANCELED only after the ~1500 ms delay (took ${Date.now() - t0} ms)`);
    const jobs = await ctx.control.jobs();
    assert.equal(jobs.dms.find((j) => j.requestIdentifier === id)?.status, 'CANCELED');
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataModelConversion');
    assertJson11(entry, 'CancelMetadataModelConversion');
    assert.deepEqual(entry.json, { MigrationProjectIdentifier: project, RequestIdentifier: id });
  });

  for (const terminal of ['SUCCESS', 'FAILED', 'CANCELED']) {
    test(`${terminal} cannot be cancelled: InvalidResourceStateFault (HTTP 400)`, async () => {
      const project = uid('proj'), id = uid('r');
      await ctx.control.seed({ dms: [conv(project, id, terminal)] });
      const client = ctx.client('dms');
      await expectServiceError(() => client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: id })),
        InvalidResourceStateFault, 400);
      assert.equal((await describeOne(client, project, id)).Status, terminal);
      const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataModelConversion');
      assert.equal(entry.status, 400);
      assert.equal(entry.errorCode, 'InvalidResourceStateFault');
    });
  }

  test('unknown request is ResourceNotFoundFault (HTTP 400)', async () => {
    const project = uid('proj');
    await ctx.control.seed({ dms: [conv(project, uid('r'), 'IN_PROGRESS')] });
    const client = ctx.client('dms');
    await expectServiceError(() => client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: uid('none') })),
      ResourceNotFoundFault, 400);
  });
});

describe('DMS bad input', () => {
  test('a value breaking the model is the common ValidationException 400 (DMS models no validation error)', async () => {
    const client = ctx.client('dms');
    const err = await expectAnyServiceError(() => client.send(new CancelMetadataModelConversionCommand({
      MigrationProjectIdentifier: 'p'.repeat(256), RequestIdentifier: 'r' })));
    assert.ok(err instanceof DatabaseMigrationServiceServiceException, `got ${err?.constructor?.name}: ${err}`);
    assert.equal(err.name, 'ValidationException');
    assert.equal(err.$metadata.httpStatusCode, 400);
  });

  test('MaxRecords has no range in the model: 5 is a page of at most 5', async () => {
    const project = uid('proj');
    await ctx.control.seed({ dms: Array.from({ length: 7 }, (_, i) => ({ migrationProject: project, requestIdentifier: `r${i}`, status: 'IN_PROGRESS' })) });
    const out = await ctx.client('dms').send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: project, MaxRecords: 5 }));
    assert.equal(out.Requests.length, 5);
    assert.ok(out.Marker);
  });
});

describe('DMS migration project by ARN', () => {
  test('MigrationProjectArn from a response works as MigrationProjectIdentifier', async () => {
    await ctx.control.settings({ dmsCancelDelayMs: 50 });
    const project = uid('proj'), id = uid('r');
    await ctx.control.seed({ dms: [conv(project, id, 'IN_PROGRESS')] });
    const client = ctx.client('dms');
    const byName = await describeOne(client, project, id);
    assertString(byName.MigrationProjectArn, 'MigrationProjectArn');
    assert.ok(byName.MigrationProjectArn.endsWith(project), `ARN ${byName.MigrationProjectArn} names project ${project}`);
    const byArn = await describeOne(client, byName.MigrationProjectArn, id);
    assert.equal(byArn.RequestIdentifier, id);
    const out = await client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: byName.MigrationProjectArn, RequestIdentifier: id }));
    assert.equal(out.Request.Status, 'CANCELING');
  });
});

describe('DMS StartMetadataModelConversion', () => {
  test('returns a RequestIdentifier that Describe lists and that can be cancelled', async () => {
    await ctx.control.settings({ dmsCancelDelayMs: 100 });
    const project = uid('proj');
    await ctx.control.seed({ dms: [conv(project, uid('existing'), 'SUCCESS')] });
    const client = ctx.client('dms');
    const selectionRules = JSON.stringify({ rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': '1', 'object-locator': { 'server-name': 'db', 'schema-name': 'app' }, 'rule-action': 'explicit' }] });
    const out = await client.send(new StartMetadataModelConversionCommand({ MigrationProjectIdentifier: project, SelectionRules: selectionRules }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assertString(out.RequestIdentifier, 'RequestIdentifier');
    const started = await describeOne(client, project, out.RequestIdentifier);
    assert.ok(['RECEIVED', 'IN_PROGRESS'].includes(started.Status), `a fresh conversion is RECEIVED or IN_PROGRESS, got ${started.Status}`);
    const cancelled = await client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: out.RequestIdentifier }));
    assert.ok(['CANCELING', 'CANCELED'].includes(cancelled.Request.Status), `got ${cancelled.Request.Status}`);
    await waitFor(async () => (await describeOne(client, project, out.RequestIdentifier)).Status, (s) => s === 'CANCELED', { timeoutMs: 5000, what: 'CANCELED' });
    const [entry] = entriesFor(await ctx.control.requests(), 'StartMetadataModelConversion');
    assertJson11(entry, 'StartMetadataModelConversion');
    assert.equal(entry.json?.SelectionRules, selectionRules, 'SelectionRules travels as a JSON string');
  });
});

describe('DMS response metadata', () => {
  test('success and error responses carry a request id (x-amzn-RequestId -> $metadata.requestId)', async () => {
    const project = uid('proj'), id = uid('r');
    await ctx.control.seed({ dms: [conv(project, id, 'SUCCESS')] });
    const client = ctx.client('dms');
    const ok = await client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: project }));
    assertString(ok.$metadata.requestId, 'success $metadata.requestId');
    const err = await expectServiceError(() => client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: id })), InvalidResourceStateFault, 400);
    assertString(err.$metadata.requestId, 'error $metadata.requestId');
  });
});

describe('DMS faults', () => {
  test('throttling arrives as a 400 ThrottlingException the SDK treats as throttling', async () => {
    const project = uid('proj');
    await ctx.control.seed({ dms: [conv(project, uid('r'), 'IN_PROGRESS')] });
    await ctx.control.faults({ throttleRate: 1 });
    const client = ctx.client('dms', { maxAttempts: 2 });
    const err = await expectAnyServiceError(() => client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: project })));
    assert.ok(err instanceof DatabaseMigrationServiceServiceException, `got ${err?.constructor?.name}: ${err}`);
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.$metadata.httpStatusCode, 400, 'json 1.1 throttling is HTTP 400');
    assert.equal(err.$metadata.attempts, 2, 'the SDK retried the throttle');
    assert.equal(entriesFor(await ctx.control.requests(), 'DescribeMetadataModelConversions').length, 2);
  });

  test('server errors arrive as 5xx', async () => {
    await ctx.control.faults({ serverErrorRate: 1 });
    const client = ctx.client('dms');
    const err = await expectAnyServiceError(() => client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: uid('p') })));
    assert.ok(err instanceof DatabaseMigrationServiceServiceException, `got ${err?.constructor?.name}: ${err}`);
    const status = err.$metadata?.httpStatusCode;
    assert.ok(status >= 500 && status <= 599, `HTTP ${status}`);
    assertMappedIfModelled(err, dmsModule);
  });

  test('requests-per-second cap throttles a burst but not everything', async () => {
    const project = uid('proj');
    await ctx.control.seed({ dms: [conv(project, uid('r'), 'IN_PROGRESS')] });
    await ctx.control.faults({ requestsPerSecond: 2 });
    const client = ctx.client('dms');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: project }))));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const throttled = results.filter((r) => r.status === 'rejected' && r.reason?.name === 'ThrottlingException' && r.reason?.$metadata?.httpStatusCode === 400).length;
    const other = results.filter((r) => r.status === 'rejected' && r.reason?.name !== 'ThrottlingException').map((r) => `${r.reason?.name}: ${r.reason?.message}`);
    assert.deepEqual(other, [], 'only throttling errors');
    assert.ok(ok >= 1 && ok <= 4, `a burst of 10 at 2 rps lets a few through, got ${ok}`);
    assert.equal(ok + throttled, 10);
  });
});

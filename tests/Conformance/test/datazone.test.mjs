// Amazon DataZone (rest-json): CancelMetadataGenerationRun, GetMetadataGenerationRun,
// ListMetadataGenerationRuns, driven with the official @aws-sdk/client-datazone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as dzModule from '@aws-sdk/client-datazone';
import {
  CancelMetadataGenerationRunCommand,
  DataZoneServiceException,
  GetMetadataGenerationRunCommand,
  ListMetadataGenerationRunsCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
  paginateListMetadataGenerationRuns,
} from '@aws-sdk/client-datazone';
import {
  assertDate, assertMappedIfModelled, assertString, collect, entriesFor, expectAnyServiceError, expectServiceError,
  uid, useEmulator,
} from './support.mjs';

const ctx = useEmulator();

const domain = () => `dzd_${uid('d').replace(/-/g, '').slice(-30)}`;
const run = (domainId, id, status, extra = {}) => ({
  domainId, id, status, type: 'BUSINESS_DESCRIPTIONS', owningProjectId: 'prj_owner1', targetIdentifier: `asset-${id}`, ...extra,
});

async function getStatus(client, domainIdentifier, identifier) {
  return (await client.send(new GetMetadataGenerationRunCommand({ domainIdentifier, identifier }))).status;
}

function assertItem(item, what) {
  assertString(item.domainId, `${what}.domainId`);
  assertString(item.id, `${what}.id`);
  assertString(item.owningProjectId, `${what}.owningProjectId`);
  if (item.createdAt !== undefined) assertDate(item.createdAt, `${what}.createdAt`);
  if (item.target !== undefined) {
    assert.equal(item.target.type, 'ASSET');
    assertString(item.target.identifier, `${what}.target.identifier`);
  }
}

describe('DataZone GetMetadataGenerationRun', () => {
  test('returns the run with typed fields', async () => {
    const d = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d, id, 'IN_PROGRESS', { owningProjectId: 'prj_get', targetIdentifier: 'asset-get-1' })] });
    const client = ctx.client('datazone');
    const out = await client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assertItem(out, 'run');
    assert.equal(out.domainId, d);
    assert.equal(out.id, id);
    assert.equal(out.owningProjectId, 'prj_get');
    assert.equal(out.status, 'IN_PROGRESS');
    assert.ok(out.type === 'BUSINESS_DESCRIPTIONS' || (out.types ?? []).includes('BUSINESS_DESCRIPTIONS'), `type/types carry the seeded type: ${out.type} ${out.types}`);
    assertDate(out.createdAt, 'createdAt');
    assert.deepEqual({ type: out.target?.type, identifier: out.target?.identifier }, { type: 'ASSET', identifier: 'asset-get-1' });
    for (const s of out.typeStats ?? []) { assertString(s.type, 'typeStats.type'); assertString(s.status, 'typeStats.status'); }
    const [entry] = entriesFor(await ctx.control.requests(), 'GetMetadataGenerationRun');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, `/v2/domains/${d}/metadata-generation-runs/${id}`);
    assert.equal(entry.signature, 'Valid');
  });

  test('type query parameter reaches the server', async () => {
    const d = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d, id, 'SUCCEEDED')] });
    const client = ctx.client('datazone');
    const out = await client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id, type: 'BUSINESS_DESCRIPTIONS' }));
    assert.equal(out.id, id);
    const [entry] = entriesFor(await ctx.control.requests(), 'GetMetadataGenerationRun');
    assert.equal(entry.query.get('type'), 'BUSINESS_DESCRIPTIONS');
  });

  test('a run id or domain with a trailing newline is ValidationException 400', async () => {
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: 'dzd_a\n', identifier: 'run' })), ValidationException, 400);
    await expectServiceError(() => client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: 'dzd_a', identifier: 'run\n' })), ValidationException, 400);
  });

  test('targetIdentifier outside the model pattern is ValidationException 400', async () => {
    const d = domain();
    await ctx.control.seed({ dataZone: [run(d, uid('mgr'), 'IN_PROGRESS')] });
    await expectServiceError(() => ctx.client('datazone').send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d, targetIdentifier: 'not a valid/entity id!' })), ValidationException, 400);
  });

  test('unknown run is ResourceNotFoundException 404', async () => {
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: domain(), identifier: uid('none') })), ResourceNotFoundException, 404);
  });

  test('domain id violating the pattern is ValidationException 400', async () => {
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: 'not-a-domain', identifier: uid('mgr') })), ValidationException, 400);
  });
});

describe('DataZone CancelMetadataGenerationRun', () => {
  for (const from of ['IN_PROGRESS', 'SUBMITTED']) {
    test(`${from} -> CANCELED; empty 200 response; POST with no body`, async () => {
      const d = domain(), id = uid('mgr');
      await ctx.control.seed({ dataZone: [run(d, id, from)] });
      const client = ctx.client('datazone');
      const out = await client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), [], 'CancelMetadataGenerationRun has no output members');
      assert.equal(await getStatus(client, d, id), 'CANCELED');
      const jobs = await ctx.control.jobs();
      assert.equal(jobs.dataZone.find((j) => j.id === id)?.status, 'CANCELED');
      const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataGenerationRun');
      assert.equal(entry.method, 'POST');
      assert.equal(entry.path, `/v2/domains/${d}/metadata-generation-runs/${id}/cancel`);
      assert.equal(entry.status, 200);
    });
  }

  test('SUCCEEDED cannot be cancelled: ValidationException 400 (the documented AWS example)', async () => {
    const d = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d, id, 'SUCCEEDED')] });
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id })), ValidationException, 400);
    assert.equal(await getStatus(client, d, id), 'SUCCEEDED');
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataGenerationRun');
    assert.equal(entry.errorCode, 'ValidationException');
  });

  test('unknown run is ResourceNotFoundException 404', async () => {
    const d = domain();
    await ctx.control.seed({ dataZone: [run(d, uid('mgr'), 'IN_PROGRESS')] });
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: 'mgr_nonexistent' })), ResourceNotFoundException, 404);
  });

  test('a run is only found in its own domain', async () => {
    const d1 = domain(), d2 = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d1, id, 'IN_PROGRESS')] });
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d2, identifier: id })), ResourceNotFoundException, 404);
    assert.equal(await getStatus(client, d1, id), 'IN_PROGRESS');
  });

  test('identifier violating the pattern is ValidationException 400', async () => {
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: domain(), identifier: 'x'.repeat(37) })), ValidationException, 400);
  });
});

describe('DataZone ListMetadataGenerationRuns', () => {
  test('items carry the required members; status, type and targetIdentifier filters reach the server', async () => {
    const d = domain();
    const seed = [
      run(d, uid('a'), 'IN_PROGRESS'),
      run(d, uid('b'), 'SUCCEEDED'),
      run(d, uid('c'), 'IN_PROGRESS', { type: 'BUSINESS_NAMES' }),
      run(d, uid('e'), 'CANCELED', { targetIdentifier: 'asset-special' }),
      run(domain(), uid('other'), 'IN_PROGRESS'),
    ];
    await ctx.control.seed({ dataZone: seed });
    const client = ctx.client('datazone');
    const all = await client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d }));
    assert.deepEqual(all.items.map((i) => i.id).sort(), seed.slice(0, 4).map((s) => s.id).sort());
    for (const item of all.items) { assertItem(item, 'item'); assert.equal(item.domainId, d); }
    assert.equal(all.nextToken, undefined);

    const inProgress = await client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d, status: 'IN_PROGRESS' }));
    assert.deepEqual(inProgress.items.map((i) => i.id).sort(), [seed[0].id, seed[2].id].sort());
    assert.ok(inProgress.items.every((i) => i.status === 'IN_PROGRESS'));

    const names = await client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d, type: 'BUSINESS_NAMES' }));
    assert.deepEqual(names.items.map((i) => i.id), [seed[2].id]);

    const special = await client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d, targetIdentifier: 'asset-special' }));
    assert.deepEqual(special.items.map((i) => i.id), [seed[3].id]);

    const entries = entriesFor(await ctx.control.requests(), 'ListMetadataGenerationRuns');
    assert.equal(entries.length, 4);
    assert.equal(entries[0].path, `/v2/domains/${d}/metadata-generation-runs`);
    assert.equal(entries[1].query.get('status'), 'IN_PROGRESS');
    assert.equal(entries[2].query.get('type'), 'BUSINESS_NAMES');
    assert.equal(entries[3].query.get('targetIdentifier'), 'asset-special');
  });

  test('paginator yields every run exactly once over several pages', async () => {
    const d = domain();
    const n = 58;
    const seed = Array.from({ length: n }, (_, i) => run(d, `mgr${String(i).padStart(2, '0')}_${uid('p').slice(-12)}`, i % 3 ? 'IN_PROGRESS' : 'SUCCEEDED'));
    await ctx.control.seed({ dataZone: seed });
    const client = ctx.client('datazone');
    const { items, pages } = await collect(paginateListMetadataGenerationRuns({ client, pageSize: 25 }, { domainIdentifier: d }), (p) => p.items);
    assert.equal(items.length, n);
    assert.deepEqual(items.map((i) => i.id).sort(), seed.map((s) => s.id).sort());
    assert.equal(pages, 3, `58 runs in pages of 25 is 3 pages, got ${pages}`);
    const entries = entriesFor(await ctx.control.requests(), 'ListMetadataGenerationRuns');
    assert.ok(entries.every((e) => e.query.get('maxResults') === '25'));
    assert.ok(entries.slice(1).every((e) => e.query.get('nextToken')));
  });

  test('maxResults above 50 is ValidationException 400', async () => {
    const d = domain();
    await ctx.control.seed({ dataZone: [run(d, uid('mgr'), 'IN_PROGRESS')] });
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: d, maxResults: 51 })), ValidationException, 400);
  });
});

describe('DataZone response metadata', () => {
  test('success and error responses carry a request id (x-amzn-RequestId -> $metadata.requestId)', async () => {
    const d = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d, id, 'IN_PROGRESS')] });
    const client = ctx.client('datazone');
    const ok = await client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id }));
    assertString(ok.$metadata.requestId, 'success $metadata.requestId (empty-body response)');
    const err = await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id })), ValidationException, 400);
    assertString(err.$metadata.requestId, 'error $metadata.requestId');
  });
});

describe('DataZone faults', () => {
  test('throttling is ThrottlingException 429', async () => {
    const d = domain(), id = uid('mgr');
    await ctx.control.seed({ dataZone: [run(d, id, 'IN_PROGRESS')] });
    await ctx.control.faults({ throttleRate: 1 });
    const client = ctx.client('datazone');
    await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: d, identifier: id })), ThrottlingException, 429);
    await ctx.control.faults({});
    assert.equal(await getStatus(client, d, id), 'IN_PROGRESS');
  });

  test('server errors arrive as 5xx and are retried', async () => {
    await ctx.control.faults({ serverErrorRate: 1 });
    const client = ctx.client('datazone', { maxAttempts: 3 });
    const err = await expectAnyServiceError(() => client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: domain() })));
    assert.ok(err instanceof DataZoneServiceException, `got ${err?.constructor?.name}: ${err}`);
    const status = err.$metadata?.httpStatusCode;
    assert.ok(status >= 500 && status <= 599, `HTTP ${status}`);
    assertMappedIfModelled(err, dzModule);
    if (err.name === 'InternalServerException') assert.equal(status, 500);
    assert.equal(err.$metadata.attempts, 3);
    assert.equal(entriesFor(await ctx.control.requests(), 'ListMetadataGenerationRuns').length, 3);
  });

  test('connection resets surface as network errors, not service errors', async () => {
    await ctx.control.faults({ connectionResetRate: 1 });
    const client = ctx.client('datazone');
    const err = await expectAnyServiceError(() => client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: domain() })));
    assert.ok(!(err instanceof DataZoneServiceException), `expected a network error, got service error ${err.name}`);
    assert.equal(err.$metadata?.httpStatusCode, undefined);
  });
});

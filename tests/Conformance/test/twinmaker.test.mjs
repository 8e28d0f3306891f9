// AWS IoT TwinMaker (rest-json, `api.` host prefix): CancelMetadataTransferJob, GetMetadataTransferJob,
// ListMetadataTransferJobs, driven with the official @aws-sdk/client-iottwinmaker.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as tmModule from '@aws-sdk/client-iottwinmaker';
import {
  CancelMetadataTransferJobCommand,
  ConflictException,
  GetMetadataTransferJobCommand,
  IoTTwinMakerServiceException,
  ListMetadataTransferJobsCommand,
  ResourceNotFoundException,
  ThrottlingException,
  ValidationException,
  paginateListMetadataTransferJobs,
} from '@aws-sdk/client-iottwinmaker';
import {
  assertDate, assertInt, assertMappedIfModelled, assertString, collect, entriesFor, expectAnyServiceError,
  expectServiceError, sleep, uid, useEmulator, waitFor,
} from './support.mjs';

const ctx = useEmulator();

const ARN = /^arn:((aws)|(aws-cn)|(aws-us-gov)):iottwinmaker:[a-z0-9-]+:[0-9]{12}:[/a-zA-Z0-9_\-.:]+$/;

function job(id, state, extra = {}) {
  return { id, workspaceId: 'ws-main', state, sourceType: 's3', destinationType: 'iottwinmaker', description: `job ${id}`, ...extra };
}

async function getState(client, id) {
  const out = await client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: id }));
  return out.status?.state;
}

function assertProgress(p, what) {
  if (p === undefined) return;
  for (const k of ['totalCount', 'succeededCount', 'skippedCount', 'failedCount']) {
    if (p[k] !== undefined) assertInt(p[k], `${what}.${k}`);
  }
}

describe('TwinMaker GetMetadataTransferJob', () => {
  test('returns every required member with the right types', async () => {
    const id = uid('mtj');
    await ctx.control.seed({ twinMaker: [job(id, 'RUNNING', { workspaceId: 'ws-get', sourceType: 'iotsitewise', destinationType: 'iottwinmaker', description: 'sync assets' })] });
    const client = ctx.client('twinmaker');
    const out = await client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: id }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.metadataTransferJobId, id);
    assert.match(out.arn, ARN);
    assert.equal(out.description, 'sync assets');
    assert.ok(Array.isArray(out.sources) && out.sources.length >= 1, 'sources* is a non-empty list');
    assert.equal(out.sources[0].type, 'iotsitewise');
    assert.equal(out.destination?.type, 'iottwinmaker');
    assertString(out.metadataTransferJobRole, 'metadataTransferJobRole');
    assertDate(out.creationDateTime, 'creationDateTime');
    assertDate(out.updateDateTime, 'updateDateTime');
    assert.ok(out.updateDateTime.getTime() >= out.creationDateTime.getTime(), 'updated no earlier than created');
    assert.equal(out.status?.state, 'RUNNING');
    if (out.status.queuedPosition !== undefined) assertInt(out.status.queuedPosition, 'status.queuedPosition');
    assertProgress(out.progress, 'progress');

    const [entry] = entriesFor(await ctx.control.requests(), 'GetMetadataTransferJob');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, `/metadata-transfer-jobs/${id}`);
    assert.equal(entry.signature, 'Valid');
  });

  test('unknown id is ResourceNotFoundException 404', async () => {
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: uid('nope') })), ResourceNotFoundException, 404);
  });

  test('id violating the pattern is ValidationException 400', async () => {
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: 'bad id!' })), ValidationException, 400);
    await expectServiceError(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: 'x'.repeat(129) })), ValidationException, 400);
  });
});

describe('TwinMaker CancelMetadataTransferJob', () => {
  test('RUNNING -> CANCELLING (in the response) -> CANCELLED after the configured delay', async () => {
    await ctx.control.settings({ twinMakerCancelDelayMs: 1500 });
    const id = uid('mtj');
    await ctx.control.seed({ twinMaker: [job(id, 'RUNNING')] });
    const client = ctx.client('twinmaker');
    const t0 = Date.now();
    const out = await client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: id }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.metadataTransferJobId, id);
    assert.match(out.arn, ARN);
    assertDate(out.updateDateTime, 'updateDateTime');
    assert.equal(out.status?.state, 'CANCELLING');
    assertProgress(out.progress, 'progress');

    assert.equal(await getState(client, id), 'CANCELLING', 'still CANCELLING right after the cancel');
    await waitFor(() => getState(client, id), (s) => s === 'CANCELLED', { timeoutMs: 8000, what: 'CANCELLED' });
    assert.ok(Date.now() - t0 >= 1400, `CANCELLED only after the ~1500 ms delay (took ${Date.now() - t0} ms)`);
    const jobs = await ctx.control.jobs();
    assert.equal(jobs.twinMaker.find((j) => j.id === id)?.state, 'CANCELLED');

    const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataTransferJob');
    assert.equal(entry.method, 'PUT');
    assert.equal(entry.path, `/metadata-transfer-jobs/${id}/cancel`);
    assert.equal(entry.status, 200);
  });

  test('short delay setting: CANCELLED soon after cancel', async () => {
    await ctx.control.settings({ twinMakerCancelDelayMs: 50 });
    const id = uid('mtj');
    await ctx.control.seed({ twinMaker: [job(id, 'PENDING')] });
    const client = ctx.client('twinmaker');
    const out = await client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: id }));
    assert.ok(['CANCELLING', 'CANCELLED'].includes(out.status?.state), `got ${out.status?.state}`);
    // Wait for the state to change, not for a guessed time: the emulator's 50 ms delay, however busy the machine.
    let state = await getState(client, id);
    for (const deadline = Date.now() + 10_000; state !== 'CANCELLED' && Date.now() < deadline; state = await getState(client, id)) {
      await sleep(10);
    }
    assert.equal(state, 'CANCELLED');
  });

  for (const terminal of ['COMPLETED', 'CANCELLED', 'ERROR']) {
    test(`${terminal} job cannot be cancelled: ConflictException 409`, async () => {
      const id = uid('mtj');
      await ctx.control.seed({ twinMaker: [job(id, terminal)] });
      const client = ctx.client('twinmaker');
      await expectServiceError(() => client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: id })), ConflictException, 409);
      assert.equal(await getState(client, id), terminal);
      const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataTransferJob');
      assert.equal(entry.status, 409);
      assert.equal(entry.errorCode, 'ConflictException');
    });
  }

  test('unknown id is ResourceNotFoundException 404', async () => {
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: uid('nope') })), ResourceNotFoundException, 404);
  });

  test('id violating the pattern is ValidationException 400 and nothing changes', async () => {
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: '-leading-dash' })), ValidationException, 400);
  });
});

describe('TwinMaker ListMetadataTransferJobs', () => {
  test('summaries carry required members; sourceType/destinationType select jobs', async () => {
    const a = uid('a'), b = uid('b'), c = uid('c');
    await ctx.control.seed({
      twinMaker: [
        job(a, 'RUNNING'),
        job(b, 'COMPLETED'),
        job(c, 'RUNNING', { sourceType: 'iotsitewise', destinationType: 'iottwinmaker' }),
      ],
    });
    const client = ctx.client('twinmaker');
    const out = await client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker' }));
    assert.deepEqual(out.metadataTransferJobSummaries.map((s) => s.metadataTransferJobId).sort(), [a, b].sort());
    for (const s of out.metadataTransferJobSummaries) {
      assert.match(s.arn, ARN);
      assertDate(s.creationDateTime, 'creationDateTime');
      assertDate(s.updateDateTime, 'updateDateTime');
      assertString(s.status?.state, 'status.state');
      assertProgress(s.progress, 'progress');
    }
    assert.equal(out.nextToken, undefined);
    const [entry] = entriesFor(await ctx.control.requests(), 'ListMetadataTransferJobs');
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/metadata-transfer-jobs-list');
    assert.equal(entry.json?.sourceType, 's3');
    assert.equal(entry.json?.destinationType, 'iottwinmaker');
  });

  test('state and workspaceId filters reach the server and filter', async () => {
    const ids = { r1: uid('r1'), r2: uid('r2'), done: uid('done'), other: uid('other') };
    await ctx.control.seed({
      twinMaker: [
        job(ids.r1, 'RUNNING', { workspaceId: 'ws-a' }),
        job(ids.r2, 'RUNNING', { workspaceId: 'ws-b' }),
        job(ids.done, 'COMPLETED', { workspaceId: 'ws-a' }),
        job(ids.other, 'PENDING', { workspaceId: 'ws-a' }),
      ],
    });
    const client = ctx.client('twinmaker');
    const running = await client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker', filters: [{ state: 'RUNNING' }] }));
    assert.deepEqual(running.metadataTransferJobSummaries.map((s) => s.metadataTransferJobId).sort(), [ids.r1, ids.r2].sort());
    assert.ok(running.metadataTransferJobSummaries.every((s) => s.status.state === 'RUNNING'));
    const wsA = await client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker', filters: [{ workspaceId: 'ws-a' }] }));
    assert.deepEqual(wsA.metadataTransferJobSummaries.map((s) => s.metadataTransferJobId).sort(), [ids.r1, ids.done, ids.other].sort());
    const entries = entriesFor(await ctx.control.requests(), 'ListMetadataTransferJobs');
    assert.deepEqual(entries[0].json?.filters, [{ state: 'RUNNING' }]);
    assert.deepEqual(entries[1].json?.filters, [{ workspaceId: 'ws-a' }]);
  });

  test('paginator yields every job exactly once over several pages', async () => {
    const n = 37;
    const seed = Array.from({ length: n }, (_, i) => job(`page-${String(i).padStart(2, '0')}-${uid('j')}`, i % 4 ? 'RUNNING' : 'COMPLETED'));
    await ctx.control.seed({ twinMaker: seed });
    const client = ctx.client('twinmaker');
    const { items, pages } = await collect(
      paginateListMetadataTransferJobs({ client, pageSize: 8 }, { sourceType: 's3', destinationType: 'iottwinmaker' }),
      (p) => p.metadataTransferJobSummaries);
    assert.equal(items.length, n);
    assert.deepEqual(items.map((s) => s.metadataTransferJobId).sort(), seed.map((s) => s.id).sort());
    assert.ok(pages >= 5, `expected >= 5 pages of 8, got ${pages}`);
    const entries = entriesFor(await ctx.control.requests(), 'ListMetadataTransferJobs');
    assert.equal(entries.length, pages);
    assert.ok(entries.every((e) => e.json?.maxResults === 8));
    assert.ok(entries.slice(1).every((e) => typeof e.json?.nextToken === 'string'));
  });

  test('maxResults above 200 or an unknown sourceType is ValidationException 400', async () => {
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker', maxResults: 201 })), ValidationException, 400);
    await expectServiceError(() => client.send(new ListMetadataTransferJobsCommand({ sourceType: 'ftp', destinationType: 'iottwinmaker' })), ValidationException, 400);
  });
});

describe('TwinMaker response metadata', () => {
  test('success and error responses carry a request id (x-amzn-RequestId -> $metadata.requestId)', async () => {
    const id = uid('mtj');
    await ctx.control.seed({ twinMaker: [job(id, 'RUNNING')] });
    const client = ctx.client('twinmaker');
    const ok = await client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: id }));
    assertString(ok.$metadata.requestId, 'success $metadata.requestId');
    const err = await expectServiceError(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: uid('no') })), ResourceNotFoundException, 404);
    assertString(err.$metadata.requestId, 'error $metadata.requestId');
  });
});

describe('TwinMaker faults', () => {
  test('throttling is ThrottlingException 429', async () => {
    const id = uid('mtj');
    await ctx.control.seed({ twinMaker: [job(id, 'RUNNING')] });
    await ctx.control.faults({ throttleRate: 1 });
    const client = ctx.client('twinmaker');
    await expectServiceError(() => client.send(new CancelMetadataTransferJobCommand({ metadataTransferJobId: id })), ThrottlingException, 429);
    await expectServiceError(() => client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker' })), ThrottlingException, 429);
    await ctx.control.faults({});
    assert.equal(await getState(client, id), 'RUNNING');
  });

  test('server errors arrive as 5xx and map to InternalServerException when so named', async () => {
    await ctx.control.faults({ serverErrorRate: 1 });
    const client = ctx.client('twinmaker');
    const err = await expectAnyServiceError(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: uid('x') })));
    assert.ok(err instanceof IoTTwinMakerServiceException, `got ${err?.constructor?.name}: ${err}`);
    const status = err.$metadata?.httpStatusCode;
    assert.ok(status >= 500 && status <= 599, `HTTP ${status}`);
    assertMappedIfModelled(err, tmModule);
    if (err.name === 'InternalServerException') assert.equal(status, 500);
  });

  test('latency fault delays responses', async () => {
    await ctx.control.faults({ latencyMs: 400 });
    const client = ctx.client('twinmaker');
    const t0 = Date.now();
    await client.send(new ListMetadataTransferJobsCommand({ sourceType: 's3', destinationType: 'iottwinmaker' }));
    assert.ok(Date.now() - t0 >= 380, `took ${Date.now() - t0} ms`);
  });
});

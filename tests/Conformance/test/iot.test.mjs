// AWS IoT (rest-json): CancelJobExecution, DescribeJobExecution, ListJobExecutionsForJob,
// ListJobExecutionsForThing, driven with the official @aws-sdk/client-iot.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as iotModule from '@aws-sdk/client-iot';
import {
  CancelJobExecutionCommand,
  DescribeJobExecutionCommand,
  InvalidRequestException,
  InvalidStateTransitionException,
  IoTServiceException,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ResourceNotFoundException,
  ThrottlingException,
  VersionConflictException,
  paginateListJobExecutionsForJob,
  paginateListJobExecutionsForThing,
} from '@aws-sdk/client-iot';
import {
  assertDate, assertInt, assertMappedIfModelled, assertString, collect, entriesFor, expectAnyServiceError,
  expectServiceError, uid, useEmulator,
} from './support.mjs';

const ctx = useEmulator();

function exec(jobId, thingName, status, extra = {}) {
  return { jobId, thingName, status, versionNumber: 1, executionNumber: 1, statusDetails: {}, ...extra };
}

const thingArnPattern = (thing) => new RegExp(`^arn:aws:iot:us-east-1:\\d{12}:thing/${thing.replace(/[-:]/g, (c) => `\\${c}`)}$`);

async function describeExec(client, jobId, thingName) {
  const out = await client.send(new DescribeJobExecutionCommand({ jobId, thingName }));
  return out.execution;
}

async function emulatorState(jobId, thingName) {
  const jobs = await ctx.control.jobs();
  return (jobs.iot ?? []).find((j) => j.jobId === jobId && j.thingName === thingName);
}

describe('IoT DescribeJobExecution', () => {
  test('returns the execution with typed fields', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'IN_PROGRESS', { versionNumber: 3, executionNumber: 7, statusDetails: { step: 'download' } })] });
    const client = ctx.client('iot');
    const out = await client.send(new DescribeJobExecutionCommand({ jobId: job, thingName: thing }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    const e = out.execution;
    assert.ok(e, 'execution present');
    assert.equal(e.jobId, job);
    assert.equal(e.status, 'IN_PROGRESS');
    assert.match(e.thingArn, thingArnPattern(thing));
    assertInt(e.versionNumber, 'versionNumber');
    assert.equal(e.versionNumber, 3);
    assertInt(e.executionNumber, 'executionNumber');
    assert.equal(e.executionNumber, 7);
    assertDate(e.queuedAt, 'queuedAt');
    assertDate(e.lastUpdatedAt, 'lastUpdatedAt');
    assertDate(e.startedAt, 'startedAt (IN_PROGRESS execution)');
    assert.deepEqual(e.statusDetails?.detailsMap, { step: 'download' });
    if (e.forceCanceled !== undefined) assert.equal(typeof e.forceCanceled, 'boolean');
  });

  test('executionNumber query parameter selects the execution', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED', { executionNumber: 4 })] });
    const client = ctx.client('iot');
    const out = await client.send(new DescribeJobExecutionCommand({ jobId: job, thingName: thing, executionNumber: 4 }));
    assert.equal(out.execution.executionNumber, 4);
    const [entry] = entriesFor(await ctx.control.requests(), 'DescribeJobExecution');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.query.get('executionNumber'), '4');
    await expectServiceError(
      () => client.send(new DescribeJobExecutionCommand({ jobId: job, thingName: thing, executionNumber: 99 })),
      ResourceNotFoundException, 404);
  });

  test('unknown execution is ResourceNotFoundException 404', async () => {
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new DescribeJobExecutionCommand({ jobId: uid('nojob'), thingName: uid('nothing') })),
      ResourceNotFoundException, 404);
  });
});

describe('IoT CancelJobExecution', () => {
  test('QUEUED -> CANCELED without force; versionNumber incremented; empty 200 response', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED', { versionNumber: 2 })] });
    const client = ctx.client('iot');
    const out = await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(Object.keys(out).filter((k) => k !== '$metadata'), [], 'CancelJobExecution has no output members');
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'CANCELED');
    assert.notEqual(e.forceCanceled, true, 'forceCanceled must not be true when force was not requested');
    assert.equal(e.versionNumber, 3, 'versionNumber incremented by the cancel');
    const state = await emulatorState(job, thing);
    assert.equal(state?.status, 'CANCELED');

    const [entry] = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(entry.method, 'PUT');
    assert.equal(entry.signature, 'Valid');
    assert.equal(entry.status, 200);
    assert.match(decodeURIComponent(entry.path), new RegExp(`^/things/${thing}/jobs/${job}/cancel$`));
  });

  test('IN_PROGRESS without force is InvalidStateTransitionException 409 and leaves it IN_PROGRESS', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'IN_PROGRESS', { versionNumber: 5 })] });
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing })),
      InvalidStateTransitionException, 409);
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, force: false })),
      InvalidStateTransitionException, 409);
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'IN_PROGRESS');
    assert.equal(e.versionNumber, 5, 'a rejected cancel does not bump the version');
    const entries = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(entries.length, 2);
    assert.equal(entries[0].status, 409);
    assert.equal(entries[0].errorCode, 'InvalidStateTransitionException');
    assert.equal(entries[1].query.get('force'), 'false');
  });

  test('IN_PROGRESS with force -> CANCELED, forceCanceled true, version incremented, force=true on the wire', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'IN_PROGRESS', { versionNumber: 5 })] });
    const client = ctx.client('iot');
    await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, force: true }));
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'CANCELED');
    assert.equal(e.forceCanceled, true);
    assert.equal(e.versionNumber, 6);
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(entry.query.get('force'), 'true');
  });

  test('force alone: the SDK sends {} as application/json (what Stop-IoTJobExecution -CancelInProgress must send too)', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'IN_PROGRESS')] });
    await ctx.client('iot').send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, force: true }));
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(entry.body, '{}');
    assert.equal(entry.headers['content-type'], 'application/json');
  });

  test('QUEUED with force -> CANCELED and forceCanceled true (the model: true when cancelled with force)', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    const client = ctx.client('iot');
    await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, force: true }));
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'CANCELED');
    assert.equal(e.forceCanceled, true);
  });

  test('an identifier with a trailing newline is InvalidRequestException 400, not a missing resource', async () => {
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new DescribeJobExecutionCommand({ jobId: 'job\n', thingName: 'thing' })), InvalidRequestException, 400);
    await expectServiceError(() => client.send(new DescribeJobExecutionCommand({ jobId: 'job', thingName: 'thing\n' })), InvalidRequestException, 400);
  });

  test('expectedVersion mismatch is VersionConflictException 409; a match succeeds', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED', { versionNumber: 4 })] });
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, expectedVersion: 3 })),
      VersionConflictException, 409);
    assert.equal((await describeExec(client, job, thing)).status, 'QUEUED');
    await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, expectedVersion: 4 }));
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'CANCELED');
    assert.equal(e.versionNumber, 5);
    const entries = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(entries[0].json?.expectedVersion, 3, 'expectedVersion travels as a JSON number in the body');
    assert.equal(entries[1].json?.expectedVersion, 4);
  });

  test('statusDetails are stored and returned by DescribeJobExecution', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    const client = ctx.client('iot');
    const details = { reason: 'operator-request', 'ticket:id': 'CHG-42', note: 'käse & ümlaut / ok' };
    await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, statusDetails: details }));
    const e = await describeExec(client, job, thing);
    assert.equal(e.status, 'CANCELED');
    assert.deepEqual(e.statusDetails?.detailsMap, details);
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.deepEqual(entry.json?.statusDetails, details);
  });

  test('more than 10 statusDetails entries is InvalidRequestException 400', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    const client = ctx.client('iot');
    const statusDetails = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, `v${i}`]));
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, statusDetails })),
      InvalidRequestException, 400);
    assert.equal((await describeExec(client, job, thing)).status, 'QUEUED');
  });

  for (const terminal of ['SUCCEEDED', 'FAILED', 'CANCELED']) {
    test(`${terminal} (terminal) is InvalidStateTransitionException 409, with and without force`, async () => {
      const job = uid('job'), thing = uid('thing');
      await ctx.control.seed({ iot: [exec(job, thing, terminal)] });
      const client = ctx.client('iot');
      await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing })),
        InvalidStateTransitionException, 409);
      await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing, force: true })),
        InvalidStateTransitionException, 409);
      assert.equal((await describeExec(client, job, thing)).status, terminal);
    });
  }

  test('unknown execution is ResourceNotFoundException 404', async () => {
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: uid('nojob'), thingName: uid('nothing') })),
      ResourceNotFoundException, 404);
  });

  test('invalid thing name is InvalidRequestException 400', async () => {
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: uid('job'), thingName: 'bad name!' })),
      InvalidRequestException, 400);
  });

  test('thing name with ":" (percent-encoded in the path) round-trips', async () => {
    const job = uid('job');
    const thing = `acme:plant-7:sensor_${uid('t')}`;
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    const client = ctx.client('iot');
    const before = await describeExec(client, job, thing);
    assert.match(before.thingArn, thingArnPattern(thing));
    const forThing = await client.send(new ListJobExecutionsForThingCommand({ thingName: thing }));
    assert.deepEqual(forThing.executionSummaries.map((s) => s.jobId), [job]);
    await client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing }));
    assert.equal((await emulatorState(job, thing))?.status, 'CANCELED');
    const [entry] = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.match(entry.path, /acme%3Aplant-7%3Asensor_/i, 'the SDK sends ":" percent-encoded; the log keeps the raw path');
  });
});

describe('IoT ListJobExecutionsForJob', () => {
  test('summaries carry thingArn and a typed jobExecutionSummary', async () => {
    const job = uid('job');
    const things = [uid('a'), uid('b')];
    await ctx.control.seed({ iot: [exec(job, things[0], 'QUEUED'), exec(job, things[1], 'IN_PROGRESS', { executionNumber: 2 })] });
    const client = ctx.client('iot');
    const out = await client.send(new ListJobExecutionsForJobCommand({ jobId: job }));
    assert.equal(out.executionSummaries.length, 2);
    for (const s of out.executionSummaries) {
      assertString(s.thingArn, 'thingArn');
      const thing = things.find((t) => thingArnPattern(t).test(s.thingArn));
      assert.ok(thing, `thingArn ${s.thingArn} names a seeded thing`);
      const js = s.jobExecutionSummary;
      assert.equal(js.status, thing === things[0] ? 'QUEUED' : 'IN_PROGRESS');
      assertDate(js.queuedAt, 'jobExecutionSummary.queuedAt');
      assertDate(js.lastUpdatedAt, 'jobExecutionSummary.lastUpdatedAt');
      assertInt(js.executionNumber, 'jobExecutionSummary.executionNumber');
      if (js.retryAttempt !== undefined) assertInt(js.retryAttempt, 'retryAttempt');
    }
    assert.equal(out.nextToken, undefined, 'no nextToken on the last page');
  });

  test('status filter reaches the server and filters', async () => {
    const job = uid('job');
    const seed = Array.from({ length: 9 }, (_, i) => exec(job, uid(`t${i}`), ['QUEUED', 'IN_PROGRESS', 'SUCCEEDED'][i % 3]));
    await ctx.control.seed({ iot: seed });
    const client = ctx.client('iot');
    const out = await client.send(new ListJobExecutionsForJobCommand({ jobId: job, status: 'IN_PROGRESS' }));
    assert.equal(out.executionSummaries.length, 3);
    assert.ok(out.executionSummaries.every((s) => s.jobExecutionSummary.status === 'IN_PROGRESS'));
    const [entry] = entriesFor(await ctx.control.requests(), 'ListJobExecutionsForJob');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.query.get('status'), 'IN_PROGRESS');
  });

  test('paginator walks more than one page and yields every execution exactly once', async () => {
    const job = uid('job');
    const n = 61;
    const seed = Array.from({ length: n }, (_, i) => exec(job, `thing-${String(i).padStart(3, '0')}-${uid('p')}`, 'QUEUED'));
    // another job's executions must not leak in
    seed.push(exec(uid('other'), uid('x'), 'QUEUED'));
    await ctx.control.seed({ iot: seed });
    const client = ctx.client('iot');
    const { items, pages } = await collect(paginateListJobExecutionsForJob({ client, pageSize: 10 }, { jobId: job }), (p) => p.executionSummaries);
    assert.equal(items.length, n);
    const arns = new Set(items.map((s) => s.thingArn));
    assert.equal(arns.size, n, 'no duplicates');
    for (const e of seed.slice(0, n)) {
      assert.equal(items.filter((s) => thingArnPattern(e.thingName).test(s.thingArn)).length, 1, `${e.thingName} listed exactly once`);
    }
    assert.ok(pages >= 7, `expected >= 7 pages of 10, got ${pages}`);
    const entries = entriesFor(await ctx.control.requests(), 'ListJobExecutionsForJob');
    assert.equal(entries.length, pages);
    assert.ok(entries.every((e) => e.query.get('maxResults') === '10'));
    assert.ok(entries.slice(1).every((e) => e.query.get('nextToken')), 'every later page sends nextToken');
  });

  test('maxResults above 250 is InvalidRequestException 400', async () => {
    const job = uid('job');
    await ctx.control.seed({ iot: [exec(job, uid('thing'), 'QUEUED')] });
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new ListJobExecutionsForJobCommand({ jobId: job, maxResults: 251 })),
      InvalidRequestException, 400);
  });
});

describe('IoT ListJobExecutionsForThing', () => {
  test('summaries carry jobId; status and jobId filters reach the server', async () => {
    const thing = uid('thing');
    const jobs = [uid('j1'), uid('j2'), uid('j3')];
    await ctx.control.seed({ iot: [exec(jobs[0], thing, 'QUEUED'), exec(jobs[1], thing, 'IN_PROGRESS'), exec(jobs[2], thing, 'QUEUED'), exec(jobs[0], uid('other'), 'QUEUED')] });
    const client = ctx.client('iot');
    const all = await client.send(new ListJobExecutionsForThingCommand({ thingName: thing }));
    assert.deepEqual(all.executionSummaries.map((s) => s.jobId).sort(), [...jobs].sort());
    for (const s of all.executionSummaries) {
      assertDate(s.jobExecutionSummary.queuedAt, 'queuedAt');
      assertInt(s.jobExecutionSummary.executionNumber, 'executionNumber');
    }
    const queued = await client.send(new ListJobExecutionsForThingCommand({ thingName: thing, status: 'QUEUED' }));
    assert.deepEqual(queued.executionSummaries.map((s) => s.jobId).sort(), [jobs[0], jobs[2]].sort());
    const one = await client.send(new ListJobExecutionsForThingCommand({ thingName: thing, jobId: jobs[1] }));
    assert.deepEqual(one.executionSummaries.map((s) => s.jobId), [jobs[1]]);
    const entries = entriesFor(await ctx.control.requests(), 'ListJobExecutionsForThing');
    assert.equal(entries.length, 3);
    assert.equal(entries[1].query.get('status'), 'QUEUED');
    assert.equal(entries[2].query.get('jobId'), jobs[1]);
  });

  test('paginator yields every execution of the thing exactly once', async () => {
    const thing = uid('thing');
    const n = 23;
    const seed = Array.from({ length: n }, (_, i) => exec(`job-${i}-${uid('p')}`, thing, i % 2 ? 'QUEUED' : 'SUCCEEDED'));
    await ctx.control.seed({ iot: seed });
    const client = ctx.client('iot');
    const { items, pages } = await collect(paginateListJobExecutionsForThing({ client, pageSize: 5 }, { thingName: thing }), (p) => p.executionSummaries);
    assert.deepEqual(items.map((s) => s.jobId).sort(), seed.map((s) => s.jobId).sort());
    assert.ok(pages >= 5, `expected >= 5 pages, got ${pages}`);
  });
});

describe('IoT response metadata', () => {
  test('success and error responses carry a request id (x-amzn-RequestId -> $metadata.requestId)', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    const client = ctx.client('iot');
    const ok = await client.send(new DescribeJobExecutionCommand({ jobId: job, thingName: thing }));
    assertString(ok.$metadata.requestId, 'success $metadata.requestId');
    const err = await expectServiceError(() => client.send(new DescribeJobExecutionCommand({ jobId: uid('no'), thingName: thing })), ResourceNotFoundException, 404);
    assertString(err.$metadata.requestId, 'error $metadata.requestId');
    assert.notEqual(err.$metadata.requestId, ok.$metadata.requestId);
  });
});

describe('IoT faults', () => {
  test('throttling arrives as ThrottlingException with HTTP 400 (IoT models it as 400)', async () => {
    const job = uid('job'), thing = uid('thing');
    await ctx.control.seed({ iot: [exec(job, thing, 'QUEUED')] });
    await ctx.control.faults({ throttleRate: 1 });
    const client = ctx.client('iot');
    await expectServiceError(() => client.send(new CancelJobExecutionCommand({ jobId: job, thingName: thing })), ThrottlingException, 400);
    await expectServiceError(() => client.send(new DescribeJobExecutionCommand({ jobId: job, thingName: thing })), ThrottlingException, 400);
    await ctx.control.faults({});
    assert.equal((await describeExec(client, job, thing)).status, 'QUEUED', 'a throttled cancel changes nothing');
  });

  test('the SDK recognises the throttle and retries it (maxAttempts 2 -> 2 requests logged)', async () => {
    const job = uid('job');
    await ctx.control.faults({ throttleRate: 1 });
    const client = ctx.client('iot', { maxAttempts: 2 });
    const err = await expectAnyServiceError(() => client.send(new ListJobExecutionsForJobCommand({ jobId: job })));
    assert.ok(err instanceof ThrottlingException, `got ${err.name}`);
    assert.equal(err.$metadata.attempts, 2);
    assert.equal(entriesFor(await ctx.control.requests(), 'ListJobExecutionsForJob').length, 2);
  });

  test('server errors arrive as 5xx (modelled names map to their classes) and are retried', async () => {
    await ctx.control.faults({ serverErrorRate: 1 });
    const client = ctx.client('iot', { maxAttempts: 2 });
    const err = await expectAnyServiceError(() => client.send(new ListJobExecutionsForJobCommand({ jobId: uid('job') })));
    assert.ok(err instanceof IoTServiceException, `got ${err?.constructor?.name}: ${err}`);
    const status = err.$metadata?.httpStatusCode;
    assert.ok(status >= 500 && status <= 599, `HTTP ${status}`);
    assertMappedIfModelled(err, iotModule);
    if (err.name === 'ServiceUnavailableException') assert.equal(status, 503);
    if (err.name === 'InternalFailureException') assert.equal(status, 500);
    assert.equal(err.$metadata.attempts, 2, 'a 5xx is retried by the SDK');
  });
});

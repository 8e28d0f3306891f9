// AWS IoT jobs as a whole (rest-json): CancelJob, DescribeJob, ListJobs, driven with the official @aws-sdk/client-iot,
// and the module's Stop-IoTJob on the wire, compared with the JS SDK's CancelJobCommand for the same inputs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CancelJobCommand,
  DescribeJobCommand,
  InvalidRequestException,
  ListJobsCommand,
  ResourceNotFoundException,
  paginateListJobs,
} from '@aws-sdk/client-iot';
import { ACCESS_KEY, REGION, SECRET_KEY, assertDate, assertInt, collect, entriesFor, expectServiceError, uid, useEmulator } from './support.mjs';
import { repoRoot } from './emulator.mjs';

const ctx = useEmulator();

const job = (jobId, status, extra = {}) => ({ jobId, status, ...extra });
const exec = (jobId, thingName, status) => ({ jobId, thingName, status, versionNumber: 1, executionNumber: 1, statusDetails: {} });

async function state() {
  const all = await ctx.control.jobs();
  return { jobs: all.iotJobs ?? [], executions: all.iot ?? [] };
}

describe('IoT CancelJob', () => {
  test('cancels an IN_PROGRESS job and its QUEUED executions; IN_PROGRESS ones stay without force', async () => {
    const id = uid('job');
    await ctx.control.seed({
      iotJobs: [job(id, 'IN_PROGRESS', { description: 'rollout' })],
      iot: [exec(id, 'a', 'QUEUED'), exec(id, 'b', 'IN_PROGRESS'), exec(id, 'c', 'SUCCEEDED')],
    });
    const out = await ctx.client('iot').send(new CancelJobCommand({ jobId: id, reasonCode: 'BAD_BUILD', comment: 'bricks sensors' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.jobId, id);
    assert.match(out.jobArn, new RegExp(`^arn:aws:iot:us-east-1:\\d{12}:job/${id}$`));
    assert.equal(out.description, 'rollout');
    const s = await state();
    const saved = s.jobs.find((j) => j.jobId === id);
    assert.equal(saved.status, 'CANCELED');
    assert.equal(saved.reasonCode, 'BAD_BUILD');
    assert.equal(saved.comment, 'bricks sensors');
    assert.equal(saved.forceCanceled, false);
    assert.deepEqual(s.executions.filter((e) => e.jobId === id).map((e) => e.status), ['CANCELED', 'IN_PROGRESS', 'SUCCEEDED']);
  });

  test('force=true cancels the IN_PROGRESS executions too', async () => {
    const id = uid('job');
    await ctx.control.seed({ iotJobs: [job(id, 'IN_PROGRESS')], iot: [exec(id, 'a', 'QUEUED'), exec(id, 'b', 'IN_PROGRESS')] });
    await ctx.client('iot').send(new CancelJobCommand({ jobId: id, force: true }));
    const s = await state();
    assert.equal(s.jobs.find((j) => j.jobId === id).forceCanceled, true);
    assert.deepEqual(s.executions.filter((e) => e.jobId === id).map((e) => e.status), ['CANCELED', 'CANCELED']);
  });

  for (const status of ['COMPLETED', 'CANCELED', 'DELETION_IN_PROGRESS']) {
    test(`a ${status} job is refused with InvalidRequestException 400 (CancelJob models no state conflict)`, async () => {
      const id = uid('job');
      await ctx.control.seed({ iotJobs: [job(id, status)] });
      await expectServiceError(() => ctx.client('iot').send(new CancelJobCommand({ jobId: id })), InvalidRequestException, 400, { message: new RegExp(status) });
      assert.equal((await state()).jobs.find((j) => j.jobId === id).status, status);
    });
  }

  test('an unknown job is ResourceNotFoundException 404', async () => {
    await expectServiceError(() => ctx.client('iot').send(new CancelJobCommand({ jobId: uid('nope') })), ResourceNotFoundException, 404);
  });

  test('a reason code outside the model pattern is InvalidRequestException 400 and changes nothing', async () => {
    const id = uid('job');
    await ctx.control.seed({ iotJobs: [job(id, 'IN_PROGRESS')] });
    await expectServiceError(() => ctx.client('iot').send(new CancelJobCommand({ jobId: id, reasonCode: 'lower case' })), InvalidRequestException, 400);
    assert.equal((await state()).jobs.find((j) => j.jobId === id).status, 'IN_PROGRESS');
  });

  test('a job known only by its executions can be cancelled', async () => {
    const id = uid('job');
    await ctx.control.seed({ iot: [exec(id, 'a', 'QUEUED')] });
    await ctx.client('iot').send(new CancelJobCommand({ jobId: id }));
    assert.equal((await state()).executions.find((e) => e.jobId === id).status, 'CANCELED');
  });
});

describe('IoT DescribeJob', () => {
  test('returns the job with typed fields and execution counts', async () => {
    const id = uid('job');
    await ctx.control.seed({
      iotJobs: [job(id, 'IN_PROGRESS', { thingGroupName: 'sensors', description: 'd', targetSelection: 'CONTINUOUS' })],
      iot: [exec(id, 'a', 'QUEUED'), exec(id, 'b', 'QUEUED'), exec(id, 'c', 'IN_PROGRESS')],
    });
    const out = await ctx.client('iot').send(new DescribeJobCommand({ jobId: id }));
    const j = out.job;
    assert.equal(j.jobId, id);
    assert.equal(j.status, 'IN_PROGRESS');
    assert.equal(j.targetSelection, 'CONTINUOUS');
    assert.equal(j.description, 'd');
    assert.deepEqual(j.targets, [`arn:aws:iot:${REGION}:123456789012:thinggroup/sensors`]);
    assertDate(j.createdAt, 'createdAt');
    assertDate(j.lastUpdatedAt, 'lastUpdatedAt');
    assertInt(j.jobProcessDetails.numberOfQueuedThings, 'numberOfQueuedThings');
    assert.equal(j.jobProcessDetails.numberOfQueuedThings, 2);
    assert.equal(j.jobProcessDetails.numberOfInProgressThings, 1);
  });

  test('an unknown job is ResourceNotFoundException 404', async () => {
    await expectServiceError(() => ctx.client('iot').send(new DescribeJobCommand({ jobId: uid('nope') })), ResourceNotFoundException, 404);
  });
});

describe('IoT ListJobs', () => {
  test('filters by status, thing group and target selection, and pages', async () => {
    const g = uid('group');
    await ctx.control.seed({
      iotJobs: [
        job('l-1', 'IN_PROGRESS', { thingGroupName: g }), job('l-2', 'IN_PROGRESS', { thingGroupName: g, targetSelection: 'CONTINUOUS' }),
        job('l-3', 'COMPLETED', { thingGroupName: g }), job('l-4', 'IN_PROGRESS', { thingGroupName: 'other' }), job('l-5', 'IN_PROGRESS', { thingGroupName: g }),
      ],
    });
    const client = ctx.client('iot');
    const { items, pages } = await collect(paginateListJobs({ client, pageSize: 2 }, { status: 'IN_PROGRESS', thingGroupName: g }), (p) => p.jobs);
    assert.deepEqual(items.map((j) => j.jobId), ['l-1', 'l-2', 'l-5']);
    assert.equal(pages, 2);
    for (const j of items) {
      assert.match(j.jobArn, /^arn:aws:iot:us-east-1:\d{12}:job\//);
      assertDate(j.createdAt, 'createdAt');
    }
    const continuous = await client.send(new ListJobsCommand({ targetSelection: 'CONTINUOUS' }));
    assert.deepEqual(continuous.jobs.map((j) => j.jobId), ['l-2']);
  });

  test('an unknown status is InvalidRequestException 400', async () => {
    await expectServiceError(() => ctx.client('iot').send(new ListJobsCommand({ status: 'RUNNING' })), InvalidRequestException, 400);
  });
});

// The module against the same emulator: one pwsh for every case.
const moduleManifest = join(repoRoot, 'out', 'CancelJobs', 'CancelJobs.psd1');
const psQuote = (s) => `'${s.replace(/'/g, "''")}'`;

describe('Stop-IoTJob on the wire', () => {
  const cases = [
    { name: 'plain', sdk: {}, ps: '' },
    { name: 'force', sdk: { force: true }, ps: '-CancelInProgress' },
    { name: 'reason', sdk: { reasonCode: 'BAD_BUILD_7' }, ps: '-ReasonCode BAD_BUILD_7' },
    { name: 'comment', sdk: { comment: 'Firmware 7 "bricks" sensors <é> 🚀 & more' }, ps: `-Comment ${psQuote('Firmware 7 "bricks" sensors <é> 🚀 & more')}` },
    { name: 'all', sdk: { force: true, reasonCode: 'R', comment: 'c' }, ps: '-Enforce -ReasonCode R -Comment c' },
  ];
  const ids = cases.map((c) => `wire_${c.name}-1`);
  const seed = () => ctx.control.seed({ iotJobs: ids.map((id) => job(id, 'IN_PROGRESS')) });

  test('sends what the JS SDK CancelJobCommand sends for the same inputs', { skip: !existsSync(moduleManifest) && 'the module is not built (out/CancelJobs)' }, async () => {
    await seed();
    const client = ctx.client('iot');
    for (const [i, c] of cases.entries()) await client.send(new CancelJobCommand({ jobId: ids[i], ...c.sdk }));
    const sdk = entriesFor(await ctx.control.requests(), 'CancelJob');

    await ctx.control.clean();
    await seed();
    const script = [
      `Import-Module ${psQuote(moduleManifest)}`,
      `$aws = @{ EndpointUrl = ${psQuote(ctx.url)}; Region = '${REGION}'; AccessKey = '${ACCESS_KEY}'; SecretKey = ${psQuote(SECRET_KEY)} }`,
      ...cases.map((c, i) => `Stop-IoTJob -JobId ${ids[i]} ${c.ps} -Force -ErrorAction Stop @aws | Out-Null`),
    ].join('\n');
    const run = spawnSync('dotnet', ['pwsh', '-NoProfile', '-NonInteractive', '-Command', script], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 0, `pwsh failed: ${run.stderr}\n${run.stdout}`);
    const ours = entriesFor(await ctx.control.requests(), 'CancelJob');

    assert.equal(ours.length, cases.length);
    assert.equal(sdk.length, cases.length);
    for (const [i, c] of cases.entries()) {
      const [a, b] = [sdk[i], ours[i]];
      const what = `case ${c.name}`;
      assert.equal(b.method, a.method, what);
      assert.equal(b.path, a.path, what);
      assert.deepEqual([...b.query].sort(), [...a.query].sort(), `${what}: query`);
      assert.equal(b.headers['content-type'], a.headers['content-type'], `${what}: content-type`);
      assert.deepEqual(b.json, a.json, `${what}: body`);
    }
  });
});

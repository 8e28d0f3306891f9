// Quotas as AWS applies them: a token bucket per account and operation, set per operation through
// /_emulator/faults, answered with each service's own throttling error, which the official SDK classifies as a
// throttle (and its adaptive retry mode rides out).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetMetadataTransferJobCommand, ThrottlingException as TwinMakerThrottling } from '@aws-sdk/client-iottwinmaker';
import { CancelJobExecutionCommand, DescribeJobExecutionCommand, ThrottlingException as IoTThrottling } from '@aws-sdk/client-iot';
import { DescribeMetadataModelConversionsCommand, DatabaseMigrationServiceServiceException } from '@aws-sdk/client-database-migration-service';
import { ListMetadataGenerationRunsCommand, ThrottlingException as DataZoneThrottling } from '@aws-sdk/client-datazone';
import { entriesFor, expectAnyServiceError, expectServiceError, uid, useEmulator } from './support.mjs';

const ctx = useEmulator();
const quota = (operation) => ({ quotas: { [operation]: { requestsPerSecond: 0.01, burst: 1 } } });

async function twice(call) {
  await call().catch(() => {});
  return call();
}

describe('Quota token bucket', () => {
  test('TwinMaker: ThrottlingException 429 once the operation bucket is empty', async () => {
    await ctx.control.seed({ twinMaker: [{ id: 'q-tm', workspaceId: 'w', state: 'RUNNING' }] });
    await ctx.control.faults(quota('GetMetadataTransferJob'));
    const client = ctx.client('twinmaker');
    await expectServiceError(() => twice(() => client.send(new GetMetadataTransferJobCommand({ metadataTransferJobId: 'q-tm' }))), TwinMakerThrottling, 429);
  });

  test('IoT: ThrottlingException 400 for the limited operation only', async () => {
    const thing = uid('t');
    await ctx.control.seed({ iot: [{ jobId: 'q-job', thingName: thing, status: 'QUEUED' }] });
    await ctx.control.faults(quota('DescribeJobExecution'));
    const client = ctx.client('iot');
    await expectServiceError(() => twice(() => client.send(new DescribeJobExecutionCommand({ jobId: 'q-job', thingName: thing }))), IoTThrottling, 400);
    await client.send(new CancelJobExecutionCommand({ jobId: 'q-job', thingName: thing })); // its own bucket
  });

  test('DMS: ThrottlingException 400 in the json 1.1 body', async () => {
    await ctx.control.faults(quota('DescribeMetadataModelConversions'));
    const client = ctx.client('dms');
    const err = await expectAnyServiceError(() => twice(() => client.send(new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: uid('p') }))));
    assert.ok(err instanceof DatabaseMigrationServiceServiceException, `got ${err?.constructor?.name}`);
    assert.equal(err.name, 'ThrottlingException');
    assert.equal(err.$metadata.httpStatusCode, 400);
  });

  test('DataZone: ThrottlingException 429', async () => {
    await ctx.control.faults(quota('ListMetadataGenerationRuns'));
    const client = ctx.client('datazone');
    await expectServiceError(() => twice(() => client.send(new ListMetadataGenerationRunsCommand({ domainIdentifier: 'dzd_quota01' }))), DataZoneThrottling, 429);
  });

  test('the SDK\'s adaptive retry mode gets every call through a 10/s quota', async () => {
    const things = Array.from({ length: 20 }, () => uid('t'));
    await ctx.control.seed({ iot: things.map((thingName) => ({ jobId: 'q-adaptive', thingName, status: 'QUEUED' })) });
    await ctx.control.faults({ quotas: { CancelJobExecution: { requestsPerSecond: 10, burst: 5 } } });
    const client = ctx.client('iot', { retryMode: 'adaptive', maxAttempts: 10 });
    await Promise.all(things.map((thingName) => client.send(new CancelJobExecutionCommand({ jobId: 'q-adaptive', thingName }))));
    const log = entriesFor(await ctx.control.requests(), 'CancelJobExecution');
    assert.equal(log.filter((e) => e.status === 200).length, 20);
    assert.ok(log.some((e) => e.errorCode === 'ThrottlingException'), 'the quota bound');
  });
});

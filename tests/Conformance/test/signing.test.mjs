// SigV4 verification: the emulator must accept what the official SDK signs with the configured key
// pair and reject everything else the way AWS does, and its request log must say why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GetMetadataTransferJobCommand, IoTTwinMakerServiceException } from '@aws-sdk/client-iottwinmaker';
import { CancelJobExecutionCommand, DescribeJobExecutionCommand, IoTServiceException } from '@aws-sdk/client-iot';
import { DatabaseMigrationServiceServiceException, DescribeMetadataModelConversionsCommand } from '@aws-sdk/client-database-migration-service';
import { DataZoneServiceException, GetMetadataGenerationRunCommand } from '@aws-sdk/client-datazone';
import { CancelMetadataModelConversionCommand } from '@aws-sdk/client-database-migration-service';
import { SECRET_KEY, doubleEncodePath, expectAnyServiceError, signV4, uid, useEmulator } from './support.mjs';

const ctx = useEmulator();

const WRONG_SECRET = SECRET_KEY.replace(/EXAMPLEKEY$/, 'WRONGKEY00');
const UNKNOWN_KEY = 'AKIAUNKNOWNKEY000000';

// One seeded job per service and a read call against it.
function fixtures() {
  const tm = uid('mtj');
  const iot = { jobId: uid('job'), thingName: uid('thing') };
  const dms = { project: uid('proj'), id: uid('r') };
  const dz = { domainId: 'dzd_signing', id: uid('mgr') };
  return {
    seed: {
      twinMaker: [{ id: tm, workspaceId: 'ws', state: 'RUNNING', sourceType: 's3', destinationType: 'iottwinmaker', description: 'x' }],
      iot: [{ ...iot, status: 'QUEUED', versionNumber: 1, executionNumber: 1, statusDetails: {} }],
      dms: [{ migrationProject: dms.project, requestIdentifier: dms.id, status: 'IN_PROGRESS' }],
      dataZone: [{ domainId: dz.domainId, id: dz.id, status: 'IN_PROGRESS', type: 'BUSINESS_DESCRIPTIONS', owningProjectId: 'prj', targetIdentifier: 'asset-1' }],
    },
    calls: [
      { kind: 'twinmaker', op: 'GetMetadataTransferJob', Base: IoTTwinMakerServiceException, cmd: () => new GetMetadataTransferJobCommand({ metadataTransferJobId: tm }) },
      { kind: 'iot', op: 'DescribeJobExecution', Base: IoTServiceException, cmd: () => new DescribeJobExecutionCommand(iot) },
      { kind: 'dms', op: 'DescribeMetadataModelConversions', Base: DatabaseMigrationServiceServiceException, cmd: () => new DescribeMetadataModelConversionsCommand({ MigrationProjectIdentifier: dms.project }) },
      { kind: 'datazone', op: 'GetMetadataGenerationRun', Base: DataZoneServiceException, cmd: () => new GetMetadataGenerationRunCommand({ domainIdentifier: dz.domainId, identifier: dz.id }) },
    ],
    iot,
  };
}

async function onlyLogEntry() {
  const log = await ctx.control.requests();
  const aws = log.filter((e) => e.operation && !String(e.path).startsWith('/_emulator'));
  assert.equal(aws.length, 1, `one AWS request logged, got ${JSON.stringify(aws.map((e) => [e.operation, e.signature, e.status]))}`);
  return aws[0];
}

describe('signature verification', () => {
  for (const i of [0, 1, 2, 3]) {
    const name = ['twinmaker', 'iot', 'dms', 'datazone'][i];

    test(`${name}: correctly signed request is accepted and logged as Valid`, async () => {
      const f = fixtures();
      await ctx.control.seed(f.seed);
      const c = f.calls[i];
      const out = await ctx.client(c.kind).send(c.cmd());
      assert.equal(out.$metadata.httpStatusCode, 200);
      const entry = await onlyLogEntry();
      assert.equal(entry.operation, c.op);
      assert.equal(entry.signature, 'Valid');
      assert.match(entry.headers.authorization ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/[a-z]+\/aws4_request/);
    });

    test(`${name}: wrong secret is InvalidSignatureException 403, logged as Invalid`, async () => {
      const f = fixtures();
      await ctx.control.seed(f.seed);
      const c = f.calls[i];
      const err = await expectAnyServiceError(() => ctx.client(c.kind, { secretAccessKey: WRONG_SECRET }).send(c.cmd()));
      assert.ok(err instanceof c.Base, `a service error from the ${name} client, got ${err?.constructor?.name}: ${err}`);
      assert.equal(err.name, 'InvalidSignatureException', `got ${err.name}: ${err.message}`);
      assert.equal(err.$metadata.httpStatusCode, 403);
      assert.ok(err.message && err.message !== 'UnknownError', 'message from the body');
      const entry = await onlyLogEntry();
      assert.equal(entry.signature, 'Invalid');
      assert.equal(entry.status, 403);
      assert.equal(entry.errorCode, 'InvalidSignatureException');
    });

    test(`${name}: unknown access key is UnrecognizedClientException 403, logged as UnknownKey`, async () => {
      const f = fixtures();
      await ctx.control.seed(f.seed);
      const c = f.calls[i];
      const err = await expectAnyServiceError(() => ctx.client(c.kind, { accessKeyId: UNKNOWN_KEY }).send(c.cmd()));
      assert.ok(err instanceof c.Base, `got ${err?.constructor?.name}: ${err}`);
      assert.equal(err.name, 'UnrecognizedClientException', `got ${err.name}: ${err.message}`);
      assert.equal(err.$metadata.httpStatusCode, 403);
      const entry = await onlyLogEntry();
      assert.equal(entry.signature, 'UnknownKey');
      assert.equal(entry.status, 403);
      assert.equal(entry.errorCode, 'UnrecognizedClientException');
    });
  }

  test('a rejected signature changes nothing (IoT cancel with the wrong secret)', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const err = await expectAnyServiceError(() => ctx.client('iot', { secretAccessKey: WRONG_SECRET }).send(new CancelJobExecutionCommand(f.iot)));
    assert.equal(err.$metadata.httpStatusCode, 403);
    const jobs = await ctx.control.jobs();
    assert.equal(jobs.iot.find((j) => j.jobId === f.iot.jobId)?.status, 'QUEUED');
  });

  test('unsigned request is rejected with 403 and logged as Missing', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const res = await fetch(`${ctx.url}/things/${f.iot.thingName}/jobs/${f.iot.jobId}`, { method: 'GET' });
    assert.equal(res.status, 403);
    const code = (res.headers.get('x-amzn-errortype') ?? '').split(':')[0] || JSON.parse(await res.text()).__type;
    assert.match(code, /^(MissingAuthenticationToken(Exception)?|IncompleteSignatureException)$/);
    const entry = await onlyLogEntry();
    assert.equal(entry.operation, 'DescribeJobExecution');
    assert.equal(entry.signature, 'Missing');
  });

  test('a signature 20 minutes old is rejected with 403 and logged as Expired', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const err = await expectAnyServiceError(() => ctx.client('datazone', { systemClockOffset: -20 * 60_000 }).send(f.calls[3].cmd()));
    assert.equal(err.$metadata.httpStatusCode, 403, `got ${err.name} ${err.$metadata.httpStatusCode}`);
    assert.match(err.name, /^(InvalidSignatureException|SignatureDoesNotMatch|RequestExpired)$/);
    const entry = await onlyLogEntry();
    assert.equal(entry.signature, 'Expired');
  });

  test('the SDK recovers from clock skew using the emulator\'s Date header', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const client = ctx.client('iot', { systemClockOffset: -30 * 60_000, maxAttempts: 2 });
    const out = await client.send(f.calls[1].cmd());
    assert.equal(out.execution.status, 'QUEUED');
    const log = (await ctx.control.requests()).filter((e) => e.operation === 'DescribeJobExecution');
    assert.deepEqual(log.map((e) => e.signature), ['Expired', 'Valid']);
  });

  // Change the request after the SDK signed it: the signature covers method, path, query, headers and
  // the payload hash, so each of these must be caught.
  const tamperings = {
    body: (req) => { req.body = JSON.stringify({ statusDetails: { reason: 'tampered' } }); req.headers['content-length'] = String(Buffer.byteLength(req.body)); },
    query: (req) => { req.query = { ...req.query, force: 'true' }; },
    path: (req, f) => { req.path = req.path.replace(`/jobs/${f.iot.jobId}/`, `/jobs/${f.otherJobId}/`); },
  };
  for (const [what, tamper] of Object.entries(tamperings)) {
    test(`a request whose ${what} changed after signing is InvalidSignatureException 403 and changes nothing`, async () => {
      const f = fixtures();
      f.seed.iot[0].status = 'IN_PROGRESS';
      f.otherJobId = uid('other');
      f.seed.iot.push({ ...f.seed.iot[0], jobId: f.otherJobId, status: 'QUEUED' });
      await ctx.control.seed(f.seed);
      const client = ctx.client('iot');
      client.middlewareStack.addRelativeTo(
        (next) => async (args) => { tamper(args.request, f); return next(args); },
        { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' });
      const err = await expectAnyServiceError(() => client.send(new CancelJobExecutionCommand({ ...f.iot, force: false, statusDetails: { reason: 'original' } })));
      assert.equal(err.name, 'InvalidSignatureException', `got ${err.name} (HTTP ${err.$metadata?.httpStatusCode}): ${err.message}`);
      assert.equal(err.$metadata.httpStatusCode, 403);
      const jobs = await ctx.control.jobs();
      const state = jobs.iot.find((j) => j.jobId === f.iot.jobId);
      assert.equal(state?.status, 'IN_PROGRESS');
      assert.deepEqual(state?.statusDetails ?? {}, {});
      assert.equal(jobs.iot.find((j) => j.jobId === f.otherJobId)?.status, 'QUEUED');
      const entry = await onlyLogEntry();
      assert.equal(entry.signature, 'Invalid');
    });
  }

  test('DMS: a json 1.1 body rewritten after signing (other RequestIdentifier) is rejected; nothing is cancelled', async () => {
    const project = uid('proj'), a = uid('a'), b = uid('b');
    await ctx.control.seed({ dms: [
      { migrationProject: project, requestIdentifier: a, status: 'IN_PROGRESS' },
      { migrationProject: project, requestIdentifier: b, status: 'IN_PROGRESS' },
    ] });
    const client = ctx.client('dms');
    client.middlewareStack.addRelativeTo(
      (next) => async (args) => {
        args.request.body = args.request.body.replace(a, b);
        return next(args);
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperAfterSigning' });
    const err = await expectAnyServiceError(() => client.send(new CancelMetadataModelConversionCommand({ MigrationProjectIdentifier: project, RequestIdentifier: a })));
    assert.equal(err.name, 'InvalidSignatureException', `got ${err.name} (HTTP ${err.$metadata?.httpStatusCode}): ${err.message}`);
    assert.equal(err.$metadata.httpStatusCode, 403);
    const jobs = await ctx.control.jobs();
    assert.deepEqual(jobs.dms.filter((j) => j.migrationProject === project).map((j) => j.status), ['IN_PROGRESS', 'IN_PROGRESS']);
  });

  test('canonical URI: only the double-encoded form AWS SDKs sign is accepted (":" in a thing name)', async () => {
    const f = fixtures();
    const thing = `acme:${uid('s')}`;
    f.seed.iot[0].thingName = thing;
    await ctx.control.seed(f.seed);
    const path = `/things/${encodeURIComponent(thing)}/jobs/${f.iot.jobId}`;
    assert.match(path, /%3A/);
    const url = ctx.url + path;
    // control: the same hand-made signer, SDK-style canonical URI (%3A -> %253A), must be accepted
    const good = await fetch(url, { headers: signV4({ method: 'GET', url, service: 'iot', canonicalUri: doubleEncodePath(path) }) });
    assert.equal(good.status, 200, `SDK-style signature rejected: ${await good.text()}`);
    // S3-style single encoding: AWS rejects it for IoT
    const bad = await fetch(url, { headers: signV4({ method: 'GET', url, service: 'iot', canonicalUri: path }) });
    const text = await bad.text();
    assert.equal(bad.status, 403, `single-encoded canonical URI should be rejected; got ${bad.status} ${text.slice(0, 200)}`);
    assert.equal((bad.headers.get('x-amzn-errortype') ?? '').split(':')[0], 'InvalidSignatureException');
    const log = (await ctx.control.requests()).filter((e) => e.operation === 'DescribeJobExecution');
    assert.deepEqual(log.map((e) => e.signature), ['Valid', 'Invalid']);
  });

  test('a signature dated 20 minutes in the future is rejected with 403', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const err = await expectAnyServiceError(() => ctx.client('twinmaker', { systemClockOffset: 20 * 60_000 }).send(f.calls[0].cmd()));
    assert.equal(err.$metadata.httpStatusCode, 403, `got ${err.name} ${err.$metadata.httpStatusCode}`);
    assert.match(err.name, /^(InvalidSignatureException|SignatureDoesNotMatch|RequestInTheFuture|RequestExpired)$/);
    const entry = await onlyLogEntry();
    assert.notEqual(entry.signature, 'Valid');
  });

  test('a request signed for another region is verified against that region', async () => {
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const out = await ctx.client('twinmaker', { region: 'eu-west-1' }).send(f.calls[0].cmd());
    assert.match(out.arn, /^arn:aws:iottwinmaker:eu-west-1:\d{12}:/);
    const entry = await onlyLogEntry();
    assert.equal(entry.signature, 'Valid');
    assert.match(entry.headers.authorization, /\/eu-west-1\/iottwinmaker\/aws4_request/);
  });

  test('with verifySignatures off, a wrong secret is accepted and logged as NotChecked', async () => {
    await ctx.control.settings({ verifySignatures: false });
    const f = fixtures();
    await ctx.control.seed(f.seed);
    const out = await ctx.client('dms', { secretAccessKey: WRONG_SECRET }).send(f.calls[2].cmd());
    assert.equal(out.Requests.length, 1);
    const entry = await onlyLogEntry();
    assert.equal(entry.signature, 'NotChecked');
  });
});

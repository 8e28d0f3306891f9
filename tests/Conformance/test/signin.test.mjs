// Sign-in services: STS (query protocol, XML) and the IAM Identity Center portal (rest-json), driven with the official
// @aws-sdk/client-sts and @aws-sdk/client-sso; temporary credentials they issue then sign service calls.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { GetRoleCredentialsCommand, SSOClient, UnauthorizedException } from '@aws-sdk/client-sso';
import { DescribeJobExecutionCommand, IoTServiceException } from '@aws-sdk/client-iot';
import { ACCESS_KEY, REGION, SECRET_KEY, expectAnyServiceError, sleep, uid, useEmulator } from './support.mjs';

/** The call fails with a service error of the client's family and the given HTTP status. */
async function failure(fn, Base, status) {
  const err = await expectAnyServiceError(fn);
  assert.ok(err instanceof Base, `expected a ${Base.name}, got ${err?.constructor?.name}: ${err?.message}`);
  assert.equal(err.$metadata?.httpStatusCode, status, `${err.name}: ${err.message}`);
  return err;
}

const ctx = useEmulator();

const ACCOUNT = '111122223333';
const OPS = `arn:aws:iam::${ACCOUNT}:role/Ops`;
const WEB = `arn:aws:iam::${ACCOUNT}:role/Web`;
const MFA = `arn:aws:iam::${ACCOUNT}:role/Mfa`;
const SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/person`;
const WEB_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.conformance.sig';
const SSO_TOKEN = 'sso-conformance-token';

const sts = (credentials = { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY }) =>
  new STSClient({ endpoint: ctx.url, region: REGION, credentials, maxAttempts: 1 });
const sso = () => new SSOClient({ endpoint: ctx.url, region: REGION, maxAttempts: 1 });

async function seed() {
  await ctx.control.signIn({
    roles: [
      { arn: OPS, trustedPrincipals: [ACCESS_KEY] },
      { arn: WEB, webIdentityTokens: [WEB_TOKEN] },
      { arn: MFA, mfaSerial: SERIAL, mfaCode: '123456' },
    ],
    ssoTokens: [{ accessToken: SSO_TOKEN, accountId: ACCOUNT, roleName: 'Ops' }],
  });
  const iot = { jobId: uid('job'), thingName: uid('thing') };
  await ctx.control.seed({ iot: [{ ...iot, status: 'QUEUED', versionNumber: 1, executionNumber: 1, statusDetails: {} }] });
  return iot;
}

function assertTemporary(c, what) {
  assert.match(c.AccessKeyId ?? c.accessKeyId, /^ASIA[A-Z2-7]{16}$/, `${what}: access key id`);
  assert.ok((c.SecretAccessKey ?? c.secretAccessKey)?.length >= 40, `${what}: secret`);
  assert.ok((c.SessionToken ?? c.sessionToken)?.length > 20, `${what}: session token`);
}

const iotWith = (credentials) => ctx.client('iot', { credentials });

describe('STS AssumeRole', () => {
  test('returns typed temporary credentials that sign service calls, only with their session token', async () => {
    const iot = await seed();
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: OPS, RoleSessionName: 'conformance', DurationSeconds: 900 }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assertTemporary(out.Credentials, 'Credentials');
    assert.ok(out.Credentials.Expiration instanceof Date, 'Expiration parses as a date');
    assert.ok(out.Credentials.Expiration > new Date(), 'Expiration is in the future');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Ops/conformance`);
    assert.ok(out.$metadata.requestId, 'RequestId parsed from ResponseMetadata');

    const creds = { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken };
    const described = await iotWith(creds).send(new DescribeJobExecutionCommand(iot));
    assert.equal(described.execution.status, 'QUEUED');
    const log = await ctx.control.requests();
    const call = log.find((e) => e.operation === 'DescribeJobExecution');
    assert.equal(call.signature, 'Valid');
    assert.equal(call.principal, `arn:aws:sts::${ACCOUNT}:assumed-role/Ops/conformance`);
    assert.equal(call.headers['x-amz-security-token'], '***', 'the log never shows the token');
    const assume = log.find((e) => e.operation === 'AssumeRole');
    assert.equal(assume.service, 'sts');
    assert.equal(assume.principal, `arn:aws:iam::${ACCOUNT}:user/${ACCESS_KEY}`);

    // Without the token, or with another, the keys are not accepted.
    const err = await failure(
      () => iotWith({ ...creds, sessionToken: undefined }).send(new DescribeJobExecutionCommand(iot)), IoTServiceException, 403);
    assert.equal(err.name, 'UnrecognizedClientException');
  });

  test('temporary credentials expire', async () => {
    const iot = await seed();
    await ctx.control.settings({ issuedCredentialSeconds: 1 });
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: OPS, RoleSessionName: 'short' }));
    await sleep(1500);
    const creds = { accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken };
    const err = await failure(() => iotWith(creds).send(new DescribeJobExecutionCommand(iot)), IoTServiceException, 403);
    assert.equal(err.name, 'ExpiredTokenException');
  });

  test('an untrusted caller gets the modelled AccessDenied', async () => {
    await seed();
    const err = await failure(
      () => sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/Nobody`, RoleSessionName: 's' })), STSServiceException, 403);
    assert.equal(err.name, 'AccessDenied');
    assert.match(err.message, /not authorized to perform: sts:AssumeRole/);
  });

  test('an MFA role needs the serial and the right code', async () => {
    await seed();
    const bad = await failure(
      () => sts().send(new AssumeRoleCommand({ RoleArn: MFA, RoleSessionName: 's', SerialNumber: SERIAL, TokenCode: '000000' })), STSServiceException, 403);
    assert.equal(bad.name, 'AccessDenied');
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: MFA, RoleSessionName: 's', SerialNumber: SERIAL, TokenCode: '123456' }));
    assertTemporary(out.Credentials, 'Credentials');
  });

  test('a wrong secret is SignatureDoesNotMatch, an unknown key InvalidClientTokenId', async () => {
    await seed();
    const wrong = await failure(
      () => sts({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY.replace(/KEY$/, 'XXX') }).send(new AssumeRoleCommand({ RoleArn: OPS, RoleSessionName: 's' })),
      STSServiceException, 403);
    assert.equal(wrong.name, 'SignatureDoesNotMatch');
    const unknown = await failure(
      () => sts({ accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: SECRET_KEY }).send(new AssumeRoleCommand({ RoleArn: OPS, RoleSessionName: 's' })),
      STSServiceException, 403);
    assert.equal(unknown.name, 'InvalidClientTokenId');
  });
});

describe('STS AssumeRoleWithWebIdentity', () => {
  test('trades a web identity token for temporary credentials, unsigned', async () => {
    await seed();
    const client = new STSClient({ endpoint: ctx.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const out = await client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB, RoleSessionName: 'runner', WebIdentityToken: WEB_TOKEN }));
    assertTemporary(out.Credentials, 'Credentials');
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Web/runner`);
    assert.ok(out.SubjectFromWebIdentityToken);
    const [entry] = (await ctx.control.requests()).filter((e) => e.operation === 'AssumeRoleWithWebIdentity');
    assert.equal(entry.body, '', 'the token is not logged');
  });

  test('an unknown token is the modelled InvalidIdentityToken', async () => {
    await seed();
    const err = await failure(
      () => sts().send(new AssumeRoleWithWebIdentityCommand({ RoleArn: WEB, RoleSessionName: 'r', WebIdentityToken: 'forged' })), STSServiceException, 400);
    // The client models this code as InvalidIdentityTokenException.
    assert.equal(err.name, 'InvalidIdentityTokenException');
  });
});

describe('SSO GetRoleCredentials', () => {
  test('returns role credentials for a known access token', async () => {
    const iot = await seed();
    const out = await sso().send(new GetRoleCredentialsCommand({ accessToken: SSO_TOKEN, accountId: ACCOUNT, roleName: 'Ops' }));
    assertTemporary(out.roleCredentials, 'roleCredentials');
    assert.equal(typeof out.roleCredentials.expiration, 'number', 'expiration is epoch milliseconds');
    assert.ok(out.roleCredentials.expiration > Date.now());
    const { accessKeyId, secretAccessKey, sessionToken } = out.roleCredentials;
    const described = await iotWith({ accessKeyId, secretAccessKey, sessionToken }).send(new DescribeJobExecutionCommand(iot));
    assert.equal(described.execution.status, 'QUEUED');
    const [entry] = (await ctx.control.requests()).filter((e) => e.operation === 'GetRoleCredentials');
    assert.equal(entry.service, 'awsssoportal');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.path, '/federation/credentials');
    assert.equal(entry.headers['x-amz-sso_bearer_token'], '***', 'the log never shows the access token');
  });

  test('an unknown access token is the modelled UnauthorizedException', async () => {
    await seed();
    let err;
    try {
      await sso().send(new GetRoleCredentialsCommand({ accessToken: 'expired-or-unknown', accountId: ACCOUNT, roleName: 'Ops' }));
    } catch (e) { err = e; }
    assert.ok(err instanceof UnauthorizedException, `expected UnauthorizedException, got ${err?.name}: ${err?.message}`);
    assert.equal(err.$metadata.httpStatusCode, 401);
  });
});

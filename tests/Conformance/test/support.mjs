// Shared fixture for the conformance tests: one emulator per test file, SDK client factories and
// assertions. No side effects on import (node --test also runs this file on its own).
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, beforeEach } from 'node:test';
import { IoTTwinMakerClient } from '@aws-sdk/client-iottwinmaker';
import { IoTClient } from '@aws-sdk/client-iot';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { DataZoneClient } from '@aws-sdk/client-datazone';
import { Control, startEmulator } from './emulator.mjs';

// The pinned clients warn on node < 22 about *future* SDK releases; that is noise for this suite.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const ACCESS_KEY = 'AKIDEXAMPLE';
export const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
export const REGION = 'us-east-1';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
/** A fresh identifier matching ^[a-zA-Z0-9_-]+$ (valid for every service here). */
export const uid = (prefix = 'id') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/**
 * Registers before/after/beforeEach hooks for a test file and returns a context whose fields are
 * filled once the emulator is up: { url, control, client(kind, opts) }.
 */
export function useEmulator({ settings = {} } = {}) {
  const ctx = { url: undefined, control: undefined, emulator: undefined };
  before(async () => {
    ctx.emulator = await startEmulator();
    ctx.url = ctx.emulator.url;
    ctx.control = new Control(ctx.url);
  });
  after(async () => { await ctx.emulator?.stop(); });
  beforeEach(async () => { await ctx.control.clean(settings); });
  ctx.client = (kind, opts = {}) => makeClient(kind, ctx.url, opts);
  return ctx;
}

const ctors = {
  twinmaker: IoTTwinMakerClient,
  iot: IoTClient,
  dms: DatabaseMigrationServiceClient,
  datazone: DataZoneClient,
};

/**
 * An official SDK client pointed at the emulator.
 * opts: { accessKeyId, secretAccessKey, maxAttempts (default 1: errors must not be hidden by retries),
 *         systemClockOffset, ...any other client config }
 */
export function makeClient(kind, url, opts = {}) {
  const { accessKeyId = ACCESS_KEY, secretAccessKey = SECRET_KEY, maxAttempts = 1, ...rest } = opts;
  const Ctor = ctors[kind];
  if (!Ctor) throw new Error(`unknown client kind ${kind}`);
  return new Ctor({
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId, secretAccessKey },
    disableHostPrefix: true, // TwinMaker's operations carry the `api.` host prefix
    maxAttempts,
    ...rest,
  });
}

/**
 * Run fn, expect it to reject with the client's named exception class and the given HTTP status.
 * Returns the error for further checks.
 */
export async function expectServiceError(fn, ErrorClass, status, { message } = {}) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected ${ErrorClass.name} (HTTP ${status}), but the call succeeded`);
  const seen = `${err?.name} (HTTP ${err?.$metadata?.httpStatusCode}): ${err?.message}`;
  assert.ok(err instanceof ErrorClass, `expected an instance of ${ErrorClass.name}, got ${err?.constructor?.name} ${seen}`);
  assert.equal(err.name, ErrorClass.name, `error name; got ${seen}`);
  assert.equal(err.$metadata?.httpStatusCode, status, `HTTP status of ${ErrorClass.name}; got ${seen}`);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0 && err.message !== 'UnknownError', `error message should come from the body; got ${JSON.stringify(err.message)}`);
  if (message) assert.match(err.message, message);
  return err;
}

/** Expect any service error (possibly unmodelled); returns it. */
export async function expectAnyServiceError(fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to fail, but it succeeded');
}

/**
 * For an error that may be unmodelled (server errors, signature errors): if the client package
 * exports a class with the error's name, the SDK must have produced that class.
 */
export function assertMappedIfModelled(err, clientModule) {
  const Cls = clientModule[err.name];
  if (typeof Cls === 'function' && /Exception$|Fault$/.test(err.name)) {
    assert.ok(err instanceof Cls, `${err.name} is modelled by the client but arrived as ${err.constructor?.name}`);
  }
}

export function assertDate(v, what) {
  assert.ok(v instanceof Date, `${what} should parse as a Date, got ${typeof v} ${JSON.stringify(v)}`);
  assert.ok(!Number.isNaN(v.getTime()), `${what} is an invalid Date`);
  const year = v.getUTCFullYear();
  assert.ok(year >= 2000 && year <= 2100, `${what} should be a plausible date (epoch seconds on the wire), got ${v.toISOString()}`);
}

export function assertInt(v, what) {
  assert.equal(typeof v, 'number', `${what} should be a number, got ${typeof v} ${JSON.stringify(v)}`);
  assert.ok(Number.isInteger(v), `${what} should be an integer, got ${v}`);
}

export function assertString(v, what) {
  assert.equal(typeof v, 'string', `${what} should be a string, got ${typeof v} ${JSON.stringify(v)}`);
  assert.ok(v.length > 0, `${what} should not be empty`);
}

/** Poll fn until pred(result) holds or timeout; returns the last result. */
export async function waitFor(fn, pred, { timeoutMs = 10_000, intervalMs = 100, what = 'condition' } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    last = await fn();
    if (pred(last)) return last;
    if (Date.now() - start > timeoutMs) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(intervalMs);
  }
}

/** Log entries of one operation (in sequence order). */
export function entriesFor(log, operation) {
  return log.filter((e) => e.operation === operation).sort((a, b) => a.sequence - b.sequence);
}

/** Collect every item of an SDK paginator. */
export async function collect(paginator, pick) {
  const out = [];
  let pages = 0;
  for await (const page of paginator) {
    pages++;
    out.push(...(pick(page) ?? []));
  }
  return { items: out, pages };
}

/**
 * A minimal SigV4 signer for negative tests that the SDK cannot produce (e.g. a canonical URI encoded
 * the S3 way). Each use is paired with a control request signed by the same code the SDK way, which
 * must be accepted, so a fault here cannot pass for an emulator fault.
 */
export function signV4({ method, url, body = '', service, region = REGION, canonicalUri, accessKeyId = ACCESS_KEY, secretAccessKey = SECRET_KEY, headers = {} }) {
  const u = new URL(url);
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = createHash('sha256').update(body).digest('hex');
  const all = { host: u.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': payloadHash, ...headers };
  const names = Object.keys(all).map((k) => k.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = [...u.searchParams].map(([k, v]) => [enc(k), enc(v)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('&');
  const canonical = [method, canonicalUri ?? u.pathname, query, ...names.map((n) => `${n}:${lower[n]}`), '', names.join(';'), payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  let key = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [day, region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const { host, ...sendHeaders } = all; // fetch sets Host itself
  return { ...sendHeaders, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/** Percent-encode every path segment once more, as AWS SDKs do for all services but S3. */
export const doubleEncodePath = (path) => path.split('/').map((s) => encodeURIComponent(s)).join('/');

// Starts the CancelJobs emulator as a child process and talks to its control API.
//
// This module has no side effects on import: node --test treats every .mjs under test/ as a test
// file, so importing it on its own must do nothing.
//
// Environment:
//   EMULATOR_CONFIGURATION  build configuration (default Release)
//   EMULATOR_NO_BUILD       1/true: do not build, run the existing build output (default: build once
//                           per test run, then start every instance with --no-build)
//   EMULATOR_START_TIMEOUT_MS  how long to wait for the first stdout line (default 120000)
//   EMULATOR_URL            use an already running emulator instead of starting one (not killed)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..', '..');
export const emulatorProject = join(repoRoot, 'src', 'CancelJobs.Emulator');

const truthy = (v) => /^(1|true|yes|on)$/i.test(String(v ?? '').trim());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const configuration = process.env.EMULATOR_CONFIGURATION || 'Release';
export const noBuild = truthy(process.env.EMULATOR_NO_BUILD);

// Nothing in this suite may reach real AWS or instance metadata.
process.env.AWS_EC2_METADATA_DISABLED = 'true';

/**
 * Build the emulator once per `node --test` run. Test files run in separate processes that share the
 * runner as parent, so the first one to take the lock builds and the others wait for its verdict;
 * parallel `dotnet build`s of one project would fight over obj/.
 */
async function ensureBuilt() {
  if (noBuild) return;
  const key = `${process.ppid}-${Buffer.from(repoRoot).toString('hex').slice(-24)}-${configuration}`;
  const lock = join(tmpdir(), `canceljobs-conformance-build-${key}.lock`);
  const verdict = join(tmpdir(), `canceljobs-conformance-build-${key}.json`);
  const deadline = Date.now() + 15 * 60_000;
  sweepStaleVerdicts();
  for (;;) {
    if (existsSync(verdict)) {
      const v = JSON.parse(readFileSync(verdict, 'utf8'));
      if (v.ok) return;
      throw new Error(`dotnet build of ${emulatorProject} (-c ${configuration}) failed:\n${v.output}`);
    }
    try {
      mkdirSync(lock);
    } catch {
      // a builder that died holding the lock must not block later runs forever
      try { if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another process to build the emulator (${lock})`);
      await sleep(500);
      continue;
    }
    try {
      const r = spawnSync('dotnet', ['build', emulatorProject, '-c', configuration, '-nologo', '-v', 'q'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const output = `${r.error ? String(r.error) + '\n' : ''}${r.stdout ?? ''}${r.stderr ?? ''}`;
      // Left in place for the run's later test files (they may start after this process exits);
      // stale verdicts of earlier runs are swept below.
      writeFileSync(verdict, JSON.stringify({ ok: r.status === 0, output: output.slice(-20000) }));
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function sweepStaleVerdicts() {
  const maxAgeMs = 3 * 60 * 60_000; // longer than any run; a reused runner pid must not see an old verdict
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('canceljobs-conformance-build-') || !name.endsWith('.json')) continue;
    const file = join(tmpdir(), name);
    try { if (Date.now() - statSync(file).mtimeMs > maxAgeMs) rmSync(file, { force: true }); } catch { /* raced */ }
  }
}

/**
 * Start an emulator. Returns { url, stop(), output() }.
 * The first line the emulator prints on stdout must be its base URL (DESIGN.md, "The emulator").
 */
export async function startEmulator() {
  if (process.env.EMULATOR_URL) {
    return { url: process.env.EMULATOR_URL.replace(/\/+$/, ''), stop: async () => {}, output: () => '' };
  }
  await ensureBuilt();
  const args = ['run', '--project', emulatorProject, '--no-build', '-c', configuration, '--', '--urls', 'http://127.0.0.1:0'];
  const child = spawn('dotnet', args, {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: `dotnet run` starts the app as a grandchild; kill the group
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const killGroup = (signal) => {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  const timeoutMs = Number(process.env.EMULATOR_START_TIMEOUT_MS || 120_000);
  const rl = createInterface({ input: child.stdout });
  const firstLine = await new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator printed no line within ${timeoutMs} ms; stderr:\n${log}`)), timeoutMs);
    rl.once('line', (line) => { clearTimeout(timer); resolveLine(line); });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (code ${code}, signal ${sig}) before printing its URL; stderr:\n${log}`));
    });
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
  }).catch((e) => { killGroup('SIGKILL'); throw e; });
  rl.on('line', (l) => { log += l + '\n'; });

  const url = firstLine.trim().replace(/\/+$/, '');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url) || url.endsWith(':0')) {
    killGroup('SIGKILL');
    throw new Error(`the emulator's first stdout line should be its base URL (http://127.0.0.1:<port>), got: ${JSON.stringify(firstLine)}`);
  }

  return {
    url,
    output: () => log,
    stop: async () => {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      killGroup('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) { killGroup('SIGKILL'); await exited; }
    },
  };
}

/** Unsigned JSON client for /_emulator/. */
export class Control {
  constructor(url) { this.url = url; }

  async #call(method, path, body) {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> HTTP ${res.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  reset() { return this.#call('POST', '/_emulator/reset'); }
  /** @param {{twinMaker?:object[], iot?:object[], dms?:object[], dataZone?:object[]}} jobs */
  seed(jobs) { return this.#call('POST', '/_emulator/seed', { twinMaker: [], iot: [], dms: [], dataZone: [], ...jobs }); }
  jobs() { return this.#call('GET', '/_emulator/jobs'); }
  /** @param {{roles?:object[], ssoTokens?:object[], containerTokens?:object[]}} seed */
  signIn(seed) { return this.#call('POST', '/_emulator/signin', seed); }
  async requests() { return (await this.#call('GET', '/_emulator/requests')).map(normalizeLogEntry); }
  clearRequests() { return this.#call('DELETE', '/_emulator/requests'); }
  faults(f) {
    return this.#call('PUT', '/_emulator/faults', {
      latencyMs: 0, latencyJitterMs: 0, throttleRate: 0, serverErrorRate: 0, connectionResetRate: 0, responseLossRate: 0,
      requestsPerSecond: null, burst: null, quotas: null, faultOperations: null, ...f,
    });
  }
  settings(s) {
    return this.#call('PUT', '/_emulator/settings', {
      verifySignatures: true, twinMakerCancelDelayMs: 200, dmsCancelDelayMs: 200, dataZoneCancelRefusal: 'ValidationException', ...s,
    });
  }
  /** Reset state, faults, settings and the request log. */
  async clean(settings = {}) {
    await this.reset();
    await this.faults({});
    await this.settings(settings);
    await this.clearRequests();
  }
}

/**
 * The log's query/headers/body may arrive as strings or objects; give tests one shape:
 * query: URLSearchParams, headers: lower-cased keys with string values, json: parsed body or undefined.
 */
export function normalizeLogEntry(e) {
  let query;
  if (e.query == null || e.query === '') query = new URLSearchParams();
  else if (typeof e.query === 'string') query = new URLSearchParams(e.query.replace(/^\?/, ''));
  else {
    query = new URLSearchParams();
    for (const [k, v] of Object.entries(e.query)) for (const x of [].concat(v)) query.append(k, String(x));
  }
  const headers = {};
  for (const [k, v] of Object.entries(e.headers ?? {})) headers[k.toLowerCase()] = [].concat(v).join(',');
  let json;
  if (typeof e.body === 'string' && e.body.trim()) { try { json = JSON.parse(e.body); } catch { json = undefined; } }
  else if (e.body && typeof e.body === 'object') json = e.body;
  return { ...e, query, headers, json };
}

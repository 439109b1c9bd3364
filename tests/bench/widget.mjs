// `./x bench` (widget part): figures for the <delivery-options> element. It prints and asserts
// nothing (benchmarks are not tests):
//
// 1. what the element loads, gzip -9 per file and in total: the loader (with the default theme
//    inlined), the wasm-bindgen glue and the wasm; the theme's share is shown on its own;
// 2. in headless Chromium (Debian's, through playwright-core), medians over RUNS page loads, each
//    in a fresh browser context (empty cache: a shopper's first visit):
//    - answer → 20 options in the DOM: from the last byte of the API's answer (resource timing
//      `responseEnd`) to the moment a MutationObserver on the shadow root sees the 20th option;
//    - answer → painted: to the frame after that (a requestAnimationFrame callback, then a task
//      posted from it, which runs once that frame has been produced);
//    - navigation → first option visible: from navigation start to the frame after the first
//      option is in the DOM;
//    - JS heap after render: V8's used heap after a forced GC (CDP `Runtime.getHeapUsage`), and
//      the wasm module's linear memory, which V8's heap does not count.
//    - the floor (with the delayed answer): a page with the same theme and loading placeholder
//      gets the same list as its answer, in markup, and puts it in with one innerHTML; timed like
//      the widget, from the answer's last byte to the DOM and painted: what Chromium on this
//      machine needs to show the list itself, whoever builds it; and the widget's paint over
//      the floor's. A floor load follows each widget load, so the two share the machine's load;
//    - main-thread work (with the delayed answer), widget and floor: Chromium's own count of the
//      time the page's main thread spent running script and computing style and layout, from
//      half the answer's delay after the request to painted; a busy machine stretches the times
//      above but barely these, so they show what the widget costs over the floor under any load;
//    - nodes per option: elements and text nodes of an option as first rendered (what sets the
//      floor; help texts and pickup lists are built when opened and not counted).
//
// The page and the widget are served from build/public/ by a small Node server on loopback, and
// the API gives a fixed answer of 20 options (pickup lists, logos, environmental tags, help
// texts), so the figures are the widget's own and not the carriers'. Two timings of the answer:
// - at once: the answer lands while Chromium is still loading the page (its first layout and
//   paint, page-load bookkeeping), and waits for that main-thread work: up to ~30 ms here;
// - after 200 ms, as a real edge answers once its carriers have (their APIs take 100–500 ms):
//   the page has settled, and the figures are the widget's own work.
//
// Environment: BENCH_WIDGET_RUNS (default 40, per timing of the answer).

import { createServer } from 'node:http';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ROOT } from '../e2e/lib/edge.mjs';

const RUNS = Number(process.env.BENCH_WIDGET_RUNS ?? 40);
const OPTIONS = 20;
const WIDGET_DIR = path.join(ROOT, 'build', 'public', 'widget');
// The loader, and the glue and wasm it names (under v/<hash>/, widget/js/build.mjs).
const LOADER = 'delivery-options.js';
const FILES = existsSync(path.join(WIDGET_DIR, LOADER))
  ? [LOADER, ...(readFileSync(path.join(WIDGET_DIR, LOADER), 'utf8').match(/v\/[0-9a-f]+\/delivery_options[\w]*\.(?:js|wasm)/g) ?? [])]
  : [LOADER];
// The figures for the open-source MyParcel delivery-options widget on this machine.
const MYPARCEL = { gzipKB: 81, paintMs: 125, firstOptionMs: 447, heapMiB: 6.7 };
const AIM = { gzipKB: 60, domMs: 5, paintMs: 25 };

for (const file of FILES) {
  if (!existsSync(path.join(WIDGET_DIR, file))) {
    throw new Error(`build/public/widget/${file} is missing: run ./x build-widget first`);
  }
}
if (FILES.length !== 3) throw new Error(`the loader names ${FILES.length - 1} files, not a glue and a wasm`);

// --- 1. transfer size ---------------------------------------------------------------------------

function gzipBytes(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}

function printSizes() {
  console.log('1. What the element loads (gzip -9)');
  let total = 0;
  for (const file of FILES) {
    const bytes = readFileSync(path.join(WIDGET_DIR, file));
    const gz = gzipBytes(bytes);
    total += gz;
    console.log(`   ${path.basename(file).padEnd(26)} ${String(bytes.length).padStart(8)} bytes   gzip ${kb(gz).padStart(8)}`);
  }
  // The theme ships inside the loader (no second request); its share, for reference.
  const css = readFileSync(path.join(ROOT, 'widget', 'css', 'delivery-options.css'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
  console.log(`   ${'  of which the theme (CSS)'.padEnd(26)} ${''.padStart(8)}         ~${kb(gzipBytes(Buffer.from(css))).padStart(7)} (inlined in the loader)`);
  console.log(`   ${'total'.padEnd(26)} ${''.padStart(8)}         gzip ${kb(total).padStart(8)}` +
    `   (aim ≤ ${AIM.gzipKB} KB; MyParcel ${MYPARCEL.gzipKB} KB)\n`);
}

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

// --- 2. in the browser ----------------------------------------------------------------------------

async function measureInBrowser(answerDelayMs) {
  const answer = JSON.stringify(twentyOptions());
  const server = await serve(answer, answerDelayMs);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const runs = [];
  let floor;
  try {
    // One warm-up load (the OS's file cache, Chromium's first process start), not counted.
    await oneRun(browser, base);
    // With the delayed answer, a floor load follows each widget load, so that whatever else
    // the machine is doing weighs on both alike.
    const list = answerDelayMs ? await floorList(browser, base) : undefined;
    if (list) {
      floor = { runs: [], perOption: list.perOption, listElements: list.listNodes };
      server.floorMarkup = list.markup;
    }
    for (let i = 0; i < RUNS; i++) {
      runs.push(await oneRun(browser, base, answerDelayMs));
      if (list) floor.runs.push(await oneFloorRun(browser, base, list, answerDelayMs));
    }
  } finally {
    await browser.close();
    server.close();
  }
  const column = (key) => median(runs.map((run) => run[key]));
  const when = answerDelayMs ? `a) the answer ${answerDelayMs} ms after the request` : 'b) the answer at once';
  console.log(`   ${when}: medians of ${RUNS} first visits (min–max)`);
  row('answer → 20 options in the DOM', runs.map((r) => r.dom), 'ms', `aim ≤ ${AIM.domMs} ms`);
  row('answer → painted (next frame)', runs.map((r) => r.paint), 'ms', `aim ≤ ${AIM.paintMs} ms; MyParcel ${MYPARCEL.paintMs} ms`);
  row('  again, warm (refresh())', runs.map((r) => r.warmDom), 'ms', '');
  row('  again, warm: painted', runs.map((r) => r.warmPaint), 'ms', '');
  row('navigation → first option visible', runs.map((r) => r.firstVisible), 'ms',
    answerDelayMs ? `includes the ${answerDelayMs} ms wait` : `MyParcel ${MYPARCEL.firstOptionMs} ms`);
  if (floor) {
    const { elements, texts } = floor.perOption;
    console.log(`   nodes per option: ${(elements + texts).toFixed(1)} (${elements.toFixed(1)} elements, ` +
      `${texts.toFixed(1)} texts; ${floor.listElements} elements in the list)`);
    row('the list as static HTML: in the DOM', floor.runs.map((r) => r.dom), 'ms', 'the floor: the answer as markup,');
    row('  painted', floor.runs.map((r) => r.painted), 'ms', 'one innerHTML (from its last byte)');
    const ratio = median(runs.map((r) => r.paint)) / median(floor.runs.map((r) => r.painted));
    console.log(`   answer → painted over the floor's painted: ${ratio.toFixed(2)} × (aim ≤ 1.1 ×)`);
    console.log('   main-thread work from just before the answer to painted (Chromium\'s count; load-proof):');
    row('  the widget: script (JS + wasm)', runs.map((r) => r.work.script), 'ms', '');
    row('  the widget: style + layout', runs.map((r) => r.work.layout), 'ms', '');
    row('  the floor: script', floor.runs.map((r) => r.work.script), 'ms', '');
    row('  the floor: style + layout', floor.runs.map((r) => r.work.layout), 'ms', '');
  }
  row('JS heap after render (V8, after GC)', runs.map((r) => r.heap / 2 ** 20), 'MiB', `MyParcel ${MYPARCEL.heapMiB} MiB`);
  row('  + wasm linear memory', runs.map((r) => r.wasmMemory / 2 ** 20), 'MiB', 'not in the JS heap');
  console.log(`\n   (also: navigation → answer received ${column('answerAt').toFixed(1)} ms median; ` +
    `the page, the widget and the answer come from a local server)\n`);
}

function row(label, values, unit, note) {
  const sorted = [...values].sort((a, b) => a - b);
  const digits = unit === 'MiB' ? 2 : 1;
  console.log(`   ${label.padEnd(38)} ${median(values).toFixed(digits).padStart(7)} ${unit.padEnd(3)}` +
    ` (${sorted[0].toFixed(digits)}–${sorted.at(-1).toFixed(digits)})   ${note}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One first visit: a fresh context, the page loaded, the figures read from the page and CDP. */
async function oneRun(browser, base, answerDelayMs = 0) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript(instrument, OPTIONS);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const asked = answerDelayMs && page.waitForRequest((request) => request.url().endsWith('/v1/delivery-options'));
    await page.goto(`${base}/bench.html`);
    const before = asked ? await workBeforeAnswer(cdp, asked, answerDelayMs) : undefined;
    await page.waitForFunction(() => window.__bench?.painted !== undefined, null, { timeout: 30_000 });
    const work = before && workSince(before, await mainThreadWork(cdp));
    const marks = await page.evaluate(() => window.__bench);
    const wasmMemory = await page.evaluate(async () => {
      // The glue's init() hands back the instance it already made (same module URL).
      const url = performance.getEntriesByType('resource').map((entry) => entry.name)
        .find((name) => name.endsWith('/delivery_options.js'));
      const glue = await import(url);
      const exports = await glue.default();
      return exports.memory.buffer.byteLength;
    });
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const answer = await page.evaluate(() => performance.getEntriesByType('resource')
      .find((entry) => entry.name.endsWith('/v1/delivery-options')).responseEnd);
    const warm = await page.evaluate(rerender, OPTIONS);
    return {
      answerAt: answer,
      dom: marks.all - answer,
      paint: marks.painted - answer,
      firstVisible: marks.firstPainted,
      heap: usedSize,
      wasmMemory,
      warmDom: warm.dom,
      warmPaint: warm.paint,
      work,
    };
  } finally {
    await context.close();
  }
}

/**
 * Chromium's own count of the page's main-thread work so far (CDP `Performance.getMetrics`), in
 * ms: running script (JavaScript and wasm), and computing style and layout. Unlike the times
 * from the answer, these do not grow while the machine's other work holds the page's thread
 * off the CPU, so they compare builds on a busy machine.
 */
async function mainThreadWork(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value * 1000]));
  return { script: m.ScriptDuration, layout: m.RecalcStyleDuration + m.LayoutDuration };
}

/** The work count half the answer's delay after its request (`asked`), so before it lands. */
async function workBeforeAnswer(cdp, asked, answerDelayMs) {
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  await asked;
  await new Promise((resolve) => setTimeout(resolve, answerDelayMs / 2));
  return mainThreadWork(cdp);
}

function workSince(before, after) {
  return { script: after.script - before.script, layout: after.layout - before.layout };
}

/**
 * Runs in the page before its scripts: watches every shadow root the page attaches, and notes
 * (performance.now(), from navigation start) when the first and the `count`th option appear and
 * the frame after each.
 */
function instrument(count) {
  const bench = (window.__bench = {});
  const afterNextFrame = (callback) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback(performance.now());
    channel.port2.postMessage(null);
  });
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function patched(init) {
    const root = attachShadow.call(this, init);
    const observer = new MutationObserver(() => {
      const options = root.querySelectorAll('.option').length;
      const now = performance.now();
      if (options > 0 && bench.first === undefined) {
        bench.first = now;
        afterNextFrame((t) => { bench.firstPainted = t; });
      }
      if (options >= count && bench.all === undefined) {
        bench.all = now;
        observer.disconnect();
        afterNextFrame((t) => { bench.painted = t; });
      }
    });
    observer.observe(root, { childList: true, subtree: true });
    return root;
  };
}

/**
 * The floor: what this machine's Chromium needs to show the widget's list itself, given the same
 * answer as markup. `floorList` takes the markup and theme of a rendered list, and the loading
 * placeholder (the skeleton) the widget shows while it waits; `oneFloorRun` opens a page that,
 * like the widget, has the theme applied and the skeleton painted when the answer comes, asks
 * the server for the list (answered after the same delay as the widget's answer, as HTML) and
 * puts the answer's text in with one `innerHTML`: no wasm, no reading, no DOM call per node.
 * Timed as the widget is, from the answer's last byte (resource timing `responseEnd`) to the DOM
 * and to the next frame, so the floor includes what any page pays to get an answer's body
 * into its script (4–5 ms here) and does not pay the theme's first styling, which the widget
 * paid with its skeleton. Markup is fine here: it is our own list.
 */
async function floorList(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/bench.html`);
  const skeleton = await page.waitForFunction(() => document.querySelector('delivery-options')?.shadowRoot
    ?.querySelector('.skeleton') && document.querySelector('delivery-options').shadowRoot.querySelector('.root').outerHTML);
  await page.waitForFunction((n) => document.querySelector('delivery-options')?.shadowRoot
    ?.querySelectorAll('.option').length >= n, OPTIONS);
  const list = await page.evaluate(() => {
    const root = document.querySelector('delivery-options').shadowRoot;
    // What each option costs the browser: its elements and text nodes, as rendered (an
    // option's help text and pickup list are built when opened, and are not counted).
    const options = [...root.querySelectorAll('.option')];
    let elements = 0;
    let texts = 0;
    for (const option of options) {
      const walker = document.createTreeWalker(option, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) elements += 1;
        else texts += 1;
      }
    }
    return {
      markup: root.querySelector('.root').outerHTML,
      css: [...root.adoptedStyleSheets[0].cssRules].map((rule) => rule.cssText).join('\n'),
      perOption: { elements: elements / options.length, texts: texts / options.length },
      listNodes: root.querySelector('.options').querySelectorAll('*').length,
    };
  });
  list.skeleton = await skeleton.jsonValue();
  await context.close();
  return list;
}

/** One floor load in a fresh context: `{ dom, painted }` in ms from the answer (see `floorList`). */
async function oneFloorRun(browser, base, list, answerDelayMs) {
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const floorPage = await fresh.newPage();
    const cdp = await fresh.newCDPSession(floorPage);
    await floorPage.goto(`${base}/floor.html`);
    const asked = floorPage.waitForRequest((request) => request.url().endsWith('/v1/floor-answer'));
    const shown = floorPage.evaluate(async ({ skeleton, css }) => {
      const root = document.getElementById('host').attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = skeleton;
      const response = await fetch('/v1/floor-answer', { method: 'POST' });
      const markup = await response.text();
      root.innerHTML = markup;
      const dom = performance.now();
      const painted = await new Promise((resolve) => requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }));
      const answer = performance.getEntriesByType('resource')
        .find((entry) => entry.name.endsWith('/v1/floor-answer')).responseEnd;
      return { dom: dom - answer, painted: painted - answer };
    }, list);
    const before = await workBeforeAnswer(cdp, asked, answerDelayMs);
    const times = await shown;
    return { ...times, work: workSince(before, await mainThreadWork(cdp)) };
  } finally {
    await fresh.close();
  }
}

/**
 * In the page, once the first list is up: `refresh()`, and the same two figures for the second
 * answer (the wasm code is compiled and warm by now, as on a shopper's postal code change).
 */
async function rerender(count) {
  const widget = document.querySelector('delivery-options');
  const root = widget.shadowRoot;
  for (const option of root.querySelectorAll('.option')) option.__old = true;
  performance.clearResourceTimings();
  const [dom, painted] = await new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const fresh = [...root.querySelectorAll('.option')].filter((option) => !option.__old).length;
      if (fresh < count) return;
      const now = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve([now, performance.now()]);
        channel.port2.postMessage(null);
      });
    });
    observer.observe(root, { childList: true, subtree: true });
    widget.refresh();
  });
  const answer = performance.getEntriesByType('resource')
    .find((entry) => entry.name.endsWith('/v1/delivery-options')).responseEnd;
  return { dom: dom - answer, paint: painted - answer };
}

// --- the server -------------------------------------------------------------------------------------

const PAGE = `<!doctype html><html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Widget benchmark</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
delivery-options:not(:defined){display:block;min-height:240px}</style>
<script type="module" src="/widget/delivery-options.js"></script></head>
<body><main><h1>Kasse</h1><form><delivery-options country="NO" postal-code="0150" locale="nb" name="shipping" required></delivery-options>
<button>Betal</button></form></main></body></html>`;

// The bench page without the widget: a host for the list's markup (measureFloor).
const FLOOR_PAGE = PAGE.replace(/<script[^>]*><\/script>/, '').replace(/<delivery-options[^>]*><\/delivery-options>/, '<div id="host"></div>');

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" rx="14" fill="#0b5cad"/></svg>';
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.html': 'text/html; charset=utf-8' };

async function serve(answer, answerDelayMs) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname === '/v1/delivery-options' && request.method === 'POST') {
      request.resume();
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(answer);
      }, answerDelayMs);
    } else if (url.pathname === '/v1/floor-answer' && request.method === 'POST') {
      request.resume();
      setTimeout(() => {
        response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        response.end(server.floorMarkup);
      }, answerDelayMs);
    } else if (url.pathname === '/floor.html') {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(FLOOR_PAGE);
    } else if (url.pathname === '/bench.html') {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(PAGE);
    } else if (url.pathname.startsWith('/logos/')) {
      response.writeHead(200, { 'content-type': TYPES['.svg'] });
      response.end(LOGO);
    } else if (FILES.includes(url.pathname.replace(/^\/widget\//, ''))) {
      const file = url.pathname.replace(/^\/widget\//, '');
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(readFileSync(path.join(WIDGET_DIR, file)));
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

// --- the answer -------------------------------------------------------------------------------------

/** Twenty options as the edge sends them for NO 0150: five kinds, four of each, pickup lists of ten. */
function twentyOptions() {
  const day = '2026-11-25';
  const hours = { default: [], overrides: { date: [], weekday: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '08:00', close: '21:00' }]]),
  ) } };
  const points = (prefix) => Array.from({ length: 10 }, (_, i) => ({
    id: `${prefix}${i}`,
    name: `Hentested ${i + 1} Sjøgata`,
    address: { street_address: `SJØGATA ${31 + i}`, postal_code: '0150', city: 'OSLO', country: 'NO' },
    operational_hours: hours,
    distance_meters: 400 + i * 350,
  }));
  const kinds = [
    { carrier: 'bring', group: 'pickup', type: 'pickup-point', name: 'Til hentested', price: 11875, locations: true },
    { carrier: 'bring', group: 'home', type: 'delivery-address', name: 'Levert hjem', price: 17000 },
    { carrier: 'postnord', group: 'locker', type: 'pickup-point', name: 'Hent i pakkeboks', price: 3900, locations: true },
    { carrier: 'postnord', group: 'mailbox', type: 'delivery-address', name: 'I postkassen', price: 4500 },
    { carrier: 'bring', group: 'express', type: 'delivery-address', name: 'Ekspress neste dag', price: 32500 },
  ];
  const options = Array.from({ length: OPTIONS }, (_, i) => {
    const kind = kinds[i % kinds.length];
    return {
      id: `${kind.carrier}-${i}`,
      name: `${kind.name} ${i + 1}`,
      carrier: kind.carrier,
      class: 'standard',
      type: kind.type,
      price: kind.price + i * 100,
      tax_rate: 2500,
      delivery_time: { earliest: `${day}T12:00:00+01:00`, latest: `${day}T12:00:00+01:00` },
      group: kind.group,
      currency: 'NOK',
      service_texts: {
        display_name: `${kind.name} ${i + 1}`,
        description: 'Pakken kan spores og utleveres på ditt lokale hentested.',
        help_text: 'Mottaker varsles om at sendingen er ankommet via SMS, e-post eller hentemelding i postkassen.',
      },
      logo_url: `/logos/${kind.carrier}.svg`,
      environmental: {
        tag_image_url: '/logos/environmental.svg',
        long_text: 'Pakken leveres med elbil fra lokal terminal til valgt leveringsadresse',
        fossil_free_share: 1,
      },
      ...(kind.locations ? { locations: points(`${i}-`) } : {}),
      ...(kind.group === 'home' ? { free_above: 150000 } : {}),
      delivery_time_text: 'Leveres onsdag 25. november, hvis du bestiller før kl. 15:00',
    };
  });
  return { options, warnings: [] };
}

// --- main -----------------------------------------------------------------------------------------

console.log(`widget benchmark (Node ${process.version}, ${os.availableParallelism()} cores, ` +
  `load average ${os.loadavg()[0].toFixed(2)}, ${RUNS} runs)\n`);
printSizes();
console.log(`2. In headless Chromium, ${OPTIONS} options`);
await measureInBrowser(200);
await measureInBrowser(0);

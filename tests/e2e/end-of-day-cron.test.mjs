// PostPlus's end of day run by the Cron Trigger: wrangler.toml's `[triggers]` schedule, fired the
// way Cloudflare fires it (`wrangler dev --test-scheduled`, `GET /__scheduled?cron=…`), submits
// the day's shipment once and logs what it came to; a second firing only reads it again.
//
// The route (`POST /ops/postplus/end-of-day`) is tested in kss.test.mjs; this file checks that the
// schedule in wrangler.toml reaches the same work without an operator.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './lib/edge.mjs';
import { CLOCK } from './lib/clock.mjs';
import { pollShipment, sessionId, shipmentBody, shippingOptionsBody, startKss } from './lib/kss-client.mjs';

/** The crons of wrangler.toml's `[triggers]`, as written there. */
function wranglerCrons() {
  const toml = readFileSync(path.join(ROOT, 'wrangler.toml'), 'utf8');
  const section = toml.split(/^\[triggers\]$/m)[1];
  assert.ok(section, 'wrangler.toml has a [triggers] table');
  const line = section.split('\n').find((l) => l.startsWith('crons'));
  return JSON.parse(line.slice(line.indexOf('=') + 1));
}

let sandbox;
let edge;
let kss;
let stop;

before(async () => {
  ({ sandbox, edge, kss, stop } = await startKss({}, { testScheduled: true }));
});

after(() => stop?.());

/** Fires the Cron Trigger and resolves to the end-of-day log line it wrote (the `count`-th). */
async function fire(cron, count) {
  const answer = await fetch(`${edge.url}/__scheduled?cron=${encodeURIComponent(cron)}`);
  assert.equal(answer.status, 200, await answer.text());
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lines = edge.output().split('\n').filter((l) => l.includes('end of day '));
    if (lines.length >= count) return lines[count - 1];
    assert.ok(Date.now() < deadline, `no end-of-day log line after firing ${cron}:\n${edge.output()}`);
    await sleep(100);
  }
}

test('wrangler.toml runs the end of day every day at 16:00 UTC, after the shop\'s cutoff in winter and summer', () => {
  // 17:00 in Oslo and Stockholm in winter, 18:00 in summer; a parcel booked after a submitted
  // day joins the next day's shipment, so a later cutoff loses nothing.
  assert.deepEqual(wranglerCrons(), ['0 16 * * *']);
});

test('the Cron Trigger submits the day\'s shipment once, and a second firing only reads it', async () => {
  const [cron] = wranglerCrons();
  const session = sessionId();
  const served = await kss.shippingOptions(shippingOptionsBody(session));
  assert.equal(served.status, 200, served.text);
  const home = served.json.shipping_options.find((o) => o.id === 'postplus-home');
  assert.ok(home, served.text);
  const created = await kss.createShipment(shipmentBody(session, home));
  assert.equal(created.status, 201, created.text);
  assert.equal((await kss.confirm(created.json.shipment_id)).status, 200);
  const booked = await pollShipment(kss, created.json.shipment_id, (a) => a.json?.status === 'booked');
  assert.equal(booked.json.status, 'booked', booked.text);

  const day = CLOCK.now.slice(0, 10);
  const number = `SHOP-${day.replaceAll('-', '')}`;
  const before = await sandbox.calls();
  const first = await fire(cron, 1);
  assert.match(first, new RegExp(`end of day ${day}: shipment ${number} \\(1 parcel\\) submitted \\S+$`));
  const since = await sandbox.callsSince(before);
  assert.deepEqual([since['postplus.prepare'], since['postplus.submit'], since['postplus.shipments.submitted']], [1, 1, 1]);

  const second = await fire(cron, 2);
  assert.equal(second, first);
  const after = await sandbox.callsSince(before);
  assert.deepEqual([after['postplus.prepare'], after['postplus.submit'], after['postplus.shipments.submitted']], [1, 1, 1]);
});

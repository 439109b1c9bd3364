// A confirmed KSS reservation holds the recipient's name, address and phone: it is deleted
// KSS_RETENTION_SECONDS after its confirmation (its object's alarm deletes it; a read after the
// deadline finds nothing even before the alarm ran), but never while its PostPlus booking is
// still running: that one goes once the booking has finished, and is booked exactly once.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pollShipment, sessionId, shipmentBody, shippingOptionsBody, startKss } from './lib/kss-client.mjs';

const RETENTION_SECONDS = 3;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let sandbox;
let kss;
let stop;

before(async () => {
  ({ sandbox, kss, stop } = await startKss({
    KSS_RETENTION_SECONDS: String(RETENTION_SECONDS),
    // Booking retries after 1 s, 2 s, 4 s, ...: a booking that fails three times runs ~7 s.
    KSS_BOOKING_RETRY_SECONDS: '1',
  }));
});

after(() => stop?.());

/** Reserves `optionId` for a fresh session and confirms it; the shipment id and when. */
async function reserveAndConfirm(optionId) {
  const session = sessionId();
  const options = await kss.shippingOptions(shippingOptionsBody(session));
  assert.equal(options.status, 200, options.text);
  const chosen = options.json.shipping_options.find((o) => o.id === optionId);
  assert.ok(chosen, optionId);
  const created = await kss.createShipment(shipmentBody(session, chosen));
  assert.equal(created.status, 201, created.text);
  const id = created.json.shipment_id;
  const confirmed = await kss.confirm(id);
  assert.equal(confirmed.status, 200, confirmed.text);
  return { id, confirmedAt: Date.now(), status: confirmed.json.status };
}

test('a confirmed reservation is deleted once kept KSS_RETENTION_SECONDS', async () => {
  const { id, confirmedAt, status } = await reserveAndConfirm('bring-5800');
  assert.equal(status, 'confirmed');
  const kept = await kss.getShipment(id);
  assert.equal(kept.status, 200, kept.text);
  assert.equal(kept.json.status, 'confirmed');

  await sleep(RETENTION_SECONDS * 1000 + 800 - (Date.now() - confirmedAt));
  const gone = await kss.getShipment(id);
  assert.equal(gone.status, 404, gone.text);
  assert.equal(typeof gone.json.failure_reason, 'string');
  assert.equal((await kss.confirm(id)).status, 404);
});

test('a booking still running holds its reservation past the retention, then it goes', async () => {
  await sandbox.fault('postplus', 'status', { status: 500, times: 3 });
  const before = await sandbox.calls();
  const { id, confirmedAt } = await reserveAndConfirm('postplus-home');

  await sleep(RETENTION_SECONDS * 1000 + 800 - (Date.now() - confirmedAt));
  const held = await kss.getShipment(id);
  assert.equal(held.status, 200, held.text);
  assert.equal(held.json.status, 'booking', 'still retrying PostPlus, so still kept');

  // Booked on the fourth attempt (~7 s after confirming), then deleted at once: the retention
  // has long passed.
  const gone = await pollShipment(kss, id, (answer) => answer.status === 404, { timeoutMs: 30_000, everyMs: 200 });
  assert.equal(gone.status, 404, gone.text);
  const calls = await sandbox.callsSince(before);
  assert.equal(calls['postplus.parcels.created'], 1, JSON.stringify(calls));
});

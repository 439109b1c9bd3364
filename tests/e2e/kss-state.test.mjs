// KSS reservations live in Durable Objects with persistent state: a reservation survives a
// restart of `wrangler dev` (same --persist-to folder), and an unconfirmed one is gone once
// KSS_RESERVATION_TTL_SECONDS have passed (its object's alarm deletes it; a read after the
// expiry finds nothing even before the alarm ran). A confirmed reservation does not expire; it is
// kept KSS_RETENTION_SECONDS (kss-retention.test.mjs). The options served to a session are kept
// with it too: a pickup place it was served stands at buy time when Bring's place lookup fails
// then (this edge reuses no carrier answer, ANSWER_CACHE_SECONDS=0, so the failure is seen).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEdge } from './lib/edge.mjs';
import { startSandbox } from './lib/sandbox.mjs';
import { KssClient, kssVars, sessionId, shipmentBody, shippingOptionsBody } from './lib/kss-client.mjs';

const TTL_SECONDS = 3;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let sandbox;
let edge;
let state;
let vars;

before(async () => {
  sandbox = await startSandbox();
  state = mkdtempSync(path.join(tmpdir(), 'edge-kss-state-'));
  vars = kssVars(sandbox, { KSS_RESERVATION_TTL_SECONDS: String(TTL_SECONDS), ANSWER_CACHE_SECONDS: '0' });
  edge = await startEdge({ vars, persistTo: state });
});

after(async () => {
  await edge?.stop();
  await sandbox?.stop();
  if (state) rmSync(state, { recursive: true, force: true });
});

/** Reserves `optionId` for a fresh session; the shipment id and the body sent. */
async function reserve(kss, optionId) {
  const session = sessionId();
  const options = await kss.shippingOptions(shippingOptionsBody(session));
  assert.equal(options.status, 200, options.text);
  const chosen = options.json.shipping_options.find((o) => o.id === optionId);
  assert.ok(chosen, optionId);
  const body = shipmentBody(session, chosen);
  const created = await kss.createShipment(body);
  assert.equal(created.status, 201, created.text);
  return { id: created.json.shipment_id, body };
}

test('a reservation survives a restart; an unconfirmed one expires, before or after it', async () => {
  let kss = new KssClient(edge.url);
  assert.equal((await kss.auth()).status, 201);
  const confirmed = await reserve(kss, 'bring-5800');
  assert.equal((await kss.confirm(confirmed.id)).json.status, 'confirmed');
  const open = await reserve(kss, 'postplus-home');
  assert.equal((await kss.getShipment(open.id)).json.status, 'reserved');
  const token = kss.token;

  await edge.stop();
  edge = await startEdge({ vars, persistTo: state });
  kss = new KssClient(edge.url);
  kss.token = token; // Tokens outlive a restart: they are checked, not stored.

  const survived = await kss.getShipment(confirmed.id);
  assert.equal(survived.status, 200, survived.text);
  assert.equal(survived.json.status, 'confirmed');
  assert.equal(survived.json.selected_shipping_option.carrier_product.identifier, '5800');

  // The unconfirmed one: gone once its TTL has passed (it may already be, if the restart took
  // longer than the TTL; then its alarm, set before the restart, deleted it).
  const reservedAt = Date.now();
  const fresh = await reserve(kss, 'bring-5600');
  assert.equal((await kss.getShipment(fresh.id)).status, 200);
  await sleep(TTL_SECONDS * 1000 + 800 - (Date.now() - reservedAt));
  for (const id of [open.id, fresh.id]) {
    const gone = await kss.getShipment(id);
    assert.equal(gone.status, 404, gone.text);
    assert.equal(typeof gone.json.failure_reason, 'string');
    assert.equal((await kss.confirm(id)).status, 404);
  }
  const put = await kss.updateShipment(fresh.id, fresh.body);
  assert.equal(put.status, 404, put.text);
  // KSS then POSTs again, which reserves anew under the same id.
  const again = await kss.createShipment(fresh.body);
  assert.equal(again.status, 201, again.text);
  assert.equal(again.json.shipment_id, fresh.id);
  // The confirmed one does not expire.
  assert.equal((await kss.getShipment(confirmed.id)).json.status, 'confirmed');
});

test('a served pickup place stands when the place lookup fails at buy time; one never served does not', async () => {
  const kss = new KssClient(edge.url);
  assert.equal((await kss.auth()).status, 201);
  const session = sessionId();
  const options = await kss.shippingOptions(shippingOptionsBody(session));
  assert.equal(options.status, 200, options.text);
  const pickup = options.json.shipping_options.find((o) => o.id === 'bring-5800');
  assert.ok(pickup.locations.length > 1, 'places were served');
  await sandbox.fault('bring_pickup', 'status', { status: 503 });
  try {
    const served = await kss.createShipment(shipmentBody(session, pickup, { location: pickup.locations.at(-1) }));
    assert.equal(served.status, 201, served.text);
    assert.equal(served.json.selected_shipping_option.location.id, pickup.locations.at(-1).id);
    const invented = await kss.createShipment(shipmentBody(session, pickup, { location: { id: 'never-served', name: 'x' } }));
    assert.equal(invented.status, 400, invented.text);
    assert.deepEqual(invented.json, { failure_reason: 'shipping_option_not_available' });
  } finally {
    await sandbox.clearFaults();
  }
});

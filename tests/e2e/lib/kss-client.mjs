// A small stand-in for the Klarna Shipping Service (KSS): it calls the edge's TMS callback API the
// way Klarna's checkout does (digest handshake, bearer token, shipping options, shipment
// reservation, update, confirm), and builds KSS request bodies. Digests and tokens are computed
// here with node:crypto, independently of the edge's Rust, so the tests also check that the two
// agree on the wire.

import { createHash, createHmac } from 'node:crypto';
import { call, edgeVars } from './checkout.mjs';
import { startEdge } from './edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './sandbox.mjs';

/** Klarna's worked example of the /auth handshake (the KSS callback API reference). */
export const KLARNA_EXAMPLE = Object.freeze({
  identifier: 'sweMerch123',
  key: 'smOOOth',
  nonce: 'lRFUpqW7Xd',
  digest: '8C3891B3162DB3AB61A9B2DA74E6A479553ABA897894E5236ED290C11A0B832B',
});

/** The merchants the test edges know (`KSS_MERCHANTS`): Klarna's example and a second shop. */
export const MERCHANTS = Object.freeze({
  [KLARNA_EXAMPLE.identifier]: KLARNA_EXAMPLE.key,
  otherMerch: 'other-merchant-key-6f1d93',
});

/** The test edges' `KSS_TOKEN_SECRET`; distinctive, so a leak into an answer can be found. */
export const TOKEN_SECRET = 'e2e-kss-token-secret-0c7a4e91b2';

/** The PostPlus key the sandbox accepts (tests/sandbox/README.md). */
export const POSTPLUS_API_KEY = 'sandbox-postplus-key';

/**
 * The test shop's PostPlus settings (`PostPlusConfig` without `base_url`): a Norwegian sender,
 * options to NO and SE in NOK (as the test shop charges), booked with service code FREEP.
 */
export const POSTPLUS = Object.freeze({
  sender: { name: 'Example Shop AS', address: 'Lagerveien 3', zip_code: '0015', city: 'Oslo', country: 'NO', email: 'lager@shop.example' },
  service_code: 'FREEP',
  ships_through_postplus: ['postplus'],
  cutoff: '23:59',
  shipment: { shipment_nr_prefix: 'SHOP' },
  goods_description: 'Clothing',
  tracking_url: 'https://track.example/parcel?nr={tracking_id}',
  options: {
    NO: [
      { id: 'home', name: 'PostPlus hjemlevering', price: 6900, currency: 'NOK', tax_rate: 2500, delivery_days: { earliest: 1, latest: 2 }, group: 'home' },
      { id: 'mailbox', name: 'PostPlus postkasse', price: 4400, currency: 'NOK', tax_rate: 2500, delivery_days: { earliest: 2, latest: 3 }, group: 'mailbox', service_code: 'MAILB' },
    ],
    SE: [
      { id: 'home', name: 'PostPlus hemleverans', price: 7900, currency: 'NOK', tax_rate: 2500, delivery_days: { earliest: 2, latest: 3 }, group: 'home' },
    ],
  },
});

/** hex(SHA-256(nonce ‖ key)) in upper case, as KSS sends it. */
export function authDigest(nonce, key) {
  return createHash('sha256').update(nonce + key).digest('hex').toUpperCase();
}

const base64url = (data) => Buffer.from(data).toString('base64url');

/**
 * A token as the edge signs them: an HS256 JWT whose key is HMAC-SHA256(secret, identifier),
 * for the claims given (`sub`, `iat`, `exp`). `signedFor` signs with another merchant's key.
 */
export function signToken(claims, { secret = TOKEN_SECRET, signedFor = claims.sub } = {}) {
  const input = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const merchantKey = createHmac('sha256', secret).update(signedFor).digest();
  const signature = createHmac('sha256', merchantKey).update(input).digest('base64url');
  return `${input}.${signature}`;
}

/**
 * A KSS client for one merchant against `edgeUrl` + `basePath`. Every call returns
 * `checkout.call`'s answer (status, headers, text, json), recorded for the secrets check.
 */
export class KssClient {
  constructor(edgeUrl, { identifier = KLARNA_EXAMPLE.identifier, key = MERCHANTS[identifier], basePath = '/kss' } = {}) {
    this.base = `${edgeUrl}${basePath}`;
    this.identifier = identifier;
    this.key = key;
    this.token = undefined;
  }

  /** `POST /auth` with a fresh nonce; keeps the token. */
  async auth({ nonce = `n${Math.random().toString(36).slice(2, 12)}`, digest } = {}) {
    const answer = await call(`${this.base}/auth`, {
      headers: { 'content-type': 'application/vdn.klarna.shipping.auth-v1+json' },
      body: JSON.stringify({ identifier: this.identifier, secret: { nonce, digest: digest ?? authDigest(nonce, this.key) } }),
    });
    if (answer.status === 201) this.token = answer.json.token;
    return answer;
  }

  /** A call with the bearer token (`token: null` sends none). */
  request(method, path, body, { token = this.token, headers = {} } = {}) {
    const auth = token === null || token === undefined ? {} : { authorization: `Bearer ${token}` };
    return call(`${this.base}${path}`, { method, body, headers: { ...auth, ...headers } });
  }

  shippingOptions(body, options) { return this.request('POST', '/shippingoptions', body, options); }
  createShipment(body, options) { return this.request('POST', '/shipment', body, options); }
  updateShipment(id, body, options) { return this.request('PUT', `/shipment/${id}`, body, options); }
  getShipment(id, options) { return this.request('GET', `/shipment/${id}`, undefined, options); }
  confirm(id, options) { return this.request('POST', `/shipment/${id}/confirm`, undefined, options); }
}

/** A session id like Klarna's (a UUID). */
export function sessionId() {
  return crypto.randomUUID();
}

/** The recipient of the tests' orders: someone in Oslo (or `country`/`postal_code` given). */
export function recipient({ country = 'NO', postal_code = '0150', ...rest } = {}) {
  return {
    given_name: 'Kari', family_name: 'Nordmann', email: 'kari@example.com', phone: '+4791234567',
    street_address: 'Biskop Gunnerus\' gate 14', postal_code, city: 'Oslo', country, ...rest,
  };
}

/** One order line of two 1 kg items, 30×20×10 cm each. */
export function order({ totalAmount = 49900 } = {}) {
  return {
    lines: [{
      quantity: 2, reference: 'sku-1234', type: 'physical', unit_price: 24950, tax_rate: 2500,
      total_price_including_tax: totalAmount, total_tax_amount: 9980,
      attributes: { weight: 1000, dimensions: { height: 100, length: 300, width: 200 } },
    }],
    total_amount: totalAmount, total_tax: 9980, total_weight: 2000,
  };
}

/** A KSS `/shippingoptions` body. */
export function shippingOptionsBody(session, { currency = 'NOK', locale = 'nb-NO', selected, to = recipient() } = {}) {
  return {
    session_id: session, currency, locale, order: order(), recipient: to,
    ...(selected === undefined ? {} : { selected_shipping_option_id: selected }),
  };
}

/**
 * A KSS `/shipment` body choosing `option` (as served): its id, carrier, type, price, tax rate
 * and class, the first pickup place of a pickup option, and no addons.
 */
export function shipmentBody(session, option, { currency = 'NOK', to = recipient(), ...overrides } = {}) {
  const selected = {
    id: option.id, carrier: option.carrier, type: option.type, price: option.price, tax_rate: option.tax_rate,
    ...(option.class === undefined ? {} : { class: option.class }),
    ...(option.locations?.length ? { location: option.locations[0] } : {}),
    ...overrides,
  };
  return { session_id: session, currency, locale: 'nb-NO', order: order(), recipient: to, selected_shipping_option: selected };
}

/** `GET /shipment/{id}` until `done(answer)` holds or `timeoutMs` passes; the last answer. */
export async function pollShipment(client, id, done, { timeoutMs = 30_000, everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let answer;
  for (;;) {
    answer = await client.getShipment(id);
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * The wrangler vars of a KSS test edge: the delivery-options test shop (checkout.edgeVars, with
 * the carriers' secrets, answers cached 30 s, no last-good options), PostPlus at the sandbox, the
 * KSS merchants and token secret, and `extra`.
 */
export function kssVars(sandbox, extra = {}) {
  const shop = edgeVars(sandbox, { deadlineMs: 2500, answerCacheSeconds: 30, lastGoodSeconds: 0, secrets: SANDBOX_SECRETS });
  return {
    ...shop,
    POSTPLUS: JSON.stringify(POSTPLUS),
    POSTPLUS_BASE_URL: sandbox.url,
    POSTPLUS_API_KEY,
    KSS_MERCHANTS: JSON.stringify(MERCHANTS),
    KSS_TOKEN_SECRET: TOKEN_SECRET,
    ...extra,
  };
}

/**
 * The sandbox, a KSS test edge on it (`kssVars` with `extra`) and a client with a token; `stop()`
 * ends the edge and the sandbox.
 */
export async function startKss(extra = {}, { testScheduled = false } = {}) {
  const sandbox = await startSandbox();
  let edge;
  try {
    edge = await startEdge({ vars: kssVars(sandbox, extra), testScheduled });
    const kss = new KssClient(edge.url);
    const auth = await kss.auth();
    if (auth.status !== 201) throw new Error(`KSS /auth: ${auth.status} ${auth.text}`);
    return {
      sandbox,
      edge,
      kss,
      stop: async () => {
        await edge.stop();
        await sandbox.stop();
      },
    };
  } catch (error) {
    await edge?.stop();
    await sandbox.stop();
    throw error;
  }
}

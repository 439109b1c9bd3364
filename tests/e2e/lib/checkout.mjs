// What the delivery-options tests share: the test shop they configure and what it should answer,
// calling the edge (keeping every answer for the secrets check), the sandbox's Bring price table,
// and the words each locale's delivery-time sentence starts with.

import { startEdge } from './edge.mjs';
import { SANDBOX_SECRETS, startSandbox } from './sandbox.mjs';
import { clockVars } from './clock.mjs';

/**
 * Credentials the sandbox refuses, for the `unauthorized` cases; distinctive, so that a leak of
 * one into an answer can be found.
 */
export const WRONG_SECRETS = Object.freeze({
  BRING_API_UID: 'wrong-uid-5b1e@example.com',
  BRING_API_KEY: 'wrong-bring-key-9c4f2a7e',
  POSTNORD_API_KEY: 'wrong-postnord-key-3d8b61f0',
  POSTNORD_CLIENT_ID: 'wrong-postnord-client-72ea',
  POSTNORD_CLIENT_SECRET: 'wrong-postnord-secret-e5a90c13',
});

/**
 * The shop the tests configure, passed as wrangler vars (JSON strings replace wrangler.toml's
 * tables), so that every expected id and price below follows from it and not from the demo's
 * settings. Bring ships from Oslo and prices in NOK (VAT only to Norway). Bring's options are
 * offered only in the currency Bring prices in (tests/e2e/CONTRACT.md, "Currency"), so this shop
 * sells in NOK to every country and prices PostNord (from Solna) in NOK too; the happy-path
 * requests say `"currency": "NOK"`.
 */
export const TEST_SHOP = Object.freeze({
  BRING: {
    client_url: 'https://shop.example',
    services: { NO: ['5800', '5600', '3584'], SE: ['0340', '0349'], DK: ['0340', '0349'], FI: ['0340', '0349'] },
    from_country: 'NO',
    from_postal_code: '0015',
    // Late, so Bring ships today on a working day, as PostNord's sandbox always does.
    cutoff: '23:59',
    alternative_dates: 3,
    pickup_points: 8,
  },
  POSTNORD: {
    customer_key: 'ExampleShop',
    warehouse: {
      id: 'main',
      address: { street: 'Terminalvägen 24', post_code: '17173', city: 'Solna', country_code: 'SE' },
    },
    cutoff: '23:59',
    delivery_types: ['service-point', 'parcel-locker', 'home', 'mailbox'],
    additional_service_points: 4,
    prices: {
      // Home costs exactly what Bring 5800 costs to NO 0150 for 5 kg (14125), so the order of
      // equal prices (soonest first: Bring's domestic day before PostNord's cross-border two)
      // is tested.
      NO: {
        currency: 'NOK', tax_rate: 2500, free_above: 100000,
        services: { 'service-point': { price: 4900 }, 'parcel-locker': { price: 3900 }, home: { price: 14125 }, mailbox: { price: 4500 } },
      },
      SE: {
        currency: 'NOK', tax_rate: 2500,
        services: { 'service-point': { price: 5900 }, 'parcel-locker': { price: 4900 }, home: { price: 8900 }, mailbox: { price: 4500 } },
      },
      DK: {
        currency: 'NOK', tax_rate: 2500,
        services: { 'service-point': { price: 6500 }, 'parcel-locker': { price: 5500 }, home: { price: 9900 } },
      },
      FI: {
        currency: 'NOK', tax_rate: 2550,
        services: { 'service-point': { price: 7900 }, 'parcel-locker': { price: 6900 }, home: { price: 11900 } },
      },
    },
  },
  // As wrangler.toml's: the shop's own options, carrier `shop`.
  FALLBACK_OPTIONS: Object.fromEntries(
    [['NO', 2500], ['SE', 2500], ['DK', 2500], ['FI', 2550]].map(([country, taxRate]) => [
      country,
      [
        { id: 'fallback-pickup', name: 'Pickup point', carrier: 'shop', type: 'pickup-point', price: 6900, tax_rate: taxRate, currency: 'NOK', group: 'pickup' },
        { id: 'fallback-home', name: 'Home delivery', carrier: 'shop', type: 'delivery-address', price: 12900, tax_rate: taxRate, currency: 'NOK', group: 'home' },
      ],
    ]),
  ),
});

/** What the tests expect of the test shop. */
export const EXPECTED = Object.freeze({
  // Option ids per recipient country and carrier, sorted, for a quote in NOK. PostNord's mailbox
  // goes only to SE and NO from Sweden (tests/sandbox/README.md), and the shop prices it only there.
  NO: { bring: ['bring-3584', 'bring-5600', 'bring-5800'], postnord: ['postnord-home', 'postnord-mailbox', 'postnord-parcel-locker', 'postnord-service-point'] },
  SE: { bring: ['bring-0340', 'bring-0349'], postnord: ['postnord-home', 'postnord-mailbox', 'postnord-parcel-locker', 'postnord-service-point'] },
  DK: { bring: ['bring-0340', 'bring-0349'], postnord: ['postnord-home', 'postnord-parcel-locker', 'postnord-service-point'] },
  FI: { bring: ['bring-0340', 'bring-0349'], postnord: ['postnord-home', 'postnord-parcel-locker', 'postnord-service-point'] },
  bringSender: { country: 'NO', currency: 'NOK' },
  postnordPrices: Object.fromEntries(
    Object.entries(TEST_SHOP.POSTNORD.prices).map(([country, { currency, tax_rate, services }]) => [
      country,
      { currency, tax_rate, services: Object.fromEntries(Object.entries(services).map(([type, { price }]) => [type, price])) },
    ]),
  ),
  fallback: TEST_SHOP.FALLBACK_OPTIONS,
});

/**
 * The wrangler vars every test edge gets: the test shop, both carriers at the sandbox, a short
 * deadline so faults cost little time, the allowed origins of the CORS tests, no rate limit, the
 * secrets, and the pinned calendar (`lib/clock.mjs`).
 */
export function edgeVars(sandbox, { deadlineMs, answerCacheSeconds, lastGoodSeconds, secrets }) {
  return {
    BRING: JSON.stringify(TEST_SHOP.BRING),
    POSTNORD: JSON.stringify(TEST_SHOP.POSTNORD),
    FALLBACK_OPTIONS: JSON.stringify(TEST_SHOP.FALLBACK_OPTIONS),
    BRING_BASE_URL: sandbox.url,
    POSTNORD_BASE_URL: sandbox.url,
    // PostPlus too, though only the KSS tests configure it: the pinned calendar is refused
    // while any carrier URL (wrangler.toml's real ones) leaves this machine.
    POSTPLUS_BASE_URL: sandbox.url,
    CARRIER_DEADLINE_MS: String(deadlineMs),
    ANSWER_CACHE_SECONDS: String(answerCacheSeconds),
    LAST_GOOD_SECONDS: String(lastGoodSeconds),
    // The per-client limit is off: the tests ask far more than a shopper would, from one
    // address. rate-limit.test.mjs turns it on.
    RATE_LIMIT_PERIOD_SECONDS: '0',
    ALLOWED_ORIGINS: ALLOWED_ORIGINS.join(','),
    ...clockVars(),
    ...secrets,
  };
}

/**
 * Starts the carrier sandbox and an edge pointed at it with the test shop (`edgeVars`, sandbox
 * credentials, `vars` on top), for one test file; `stop()` ends both.
 */
export async function startCheckout({ deadlineMs, answerCacheSeconds, lastGoodSeconds, vars = {} }) {
  const sandbox = await startSandbox();
  try {
    const edge = await startEdge({
      vars: { ...edgeVars(sandbox, { deadlineMs, answerCacheSeconds, lastGoodSeconds, secrets: SANDBOX_SECRETS }), ...vars },
    });
    return { sandbox, edge, stop: async () => { await edge.stop(); await sandbox.stop(); } };
  } catch (error) {
    await sandbox.stop();
    throw error;
  }
}

export const ALLOWED_ORIGINS = ['https://shop.example', 'http://127.0.0.1:9999'];

/**
 * A record of every answer the edge gave in this test process (status line, headers, body), for
 * the check that no secret ever appears in one.
 */
export const answersSeen = [];

/**
 * Sends a request to the edge and reads the whole answer. `body` is JSON-encoded unless it is a
 * string (sent as is). Returns status, headers (a plain object), text, json (or undefined) and
 * the time from sending to the last byte, in milliseconds.
 */
export async function call(url, { method = 'POST', body, headers = {} } = {}) {
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const answer = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text,
    json: parseOrUndefined(text),
    ms,
  };
  answersSeen.push(answer);
  return answer;
}

/** `POST /v1/delivery-options` with `body`. */
export function quote(edge, body, options = {}) {
  return call(`${edge.url}/v1/delivery-options`, { ...options, body });
}

/** A quote request for one parcel of `grams` to `country` `postalCode`. */
export function request(country, postalCode, { grams = 2500, locale, dimensions, orderValue, currency } = {}) {
  const parcel = { weight_grams: grams, ...dimensions };
  return {
    recipient: { country, postal_code: postalCode },
    parcels: [parcel],
    ...(orderValue === undefined ? {} : { order_value: orderValue }),
    ...(currency === undefined ? {} : { currency }),
    ...(locale === undefined ? {} : { locale }),
  };
}

function parseOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// --- the sandbox's Bring price table (tests/sandbox/README.md, "Bring prices") -----------------

/** base, per kg and per zone in øre, per Bring service id. */
const BRING_TABLE = {
  5800: [8900, 600, 800],
  5600: [12900, 700, 1000],
  3584: [5900, 800, 400],
  5000: [10900, 650, 900],
  4850: [24900, 1000, 1500],
  '0340': [11900, 900, 800],
  '0342': [9900, 800, 800],
  '0349': [15900, 1000, 1000],
  '0330': [13900, 900, 900],
};

const ZONE_BY_FIRST_DIGIT = [1, 1, 2, 2, 3, 3, 4, 4, 5, 6];
const VAT_PER_MILLE = { NO: 250, SE: 250, DK: 250, FI: 255 };

/**
 * The Bring list price with VAT in minor units the sandbox answers for `service` to
 * `postalCode`: `base + per_kg × (kg − 1) + per_zone × (zone − 1)`, VAT only when sender and
 * recipient are in the same country (rounded half up to øre, as the sandbox does).
 */
export function bringPrice(service, { kg, postalCode, from, to, net = false }) {
  const [base, perKg, perZone] = BRING_TABLE[service];
  const zone = ZONE_BY_FIRST_DIGIT[Number(postalCode.replace(/\D/g, '')[0])];
  let ore = base + perKg * (kg - 1) + perZone * (zone - 1);
  if (net) ore = Math.round((ore * 85) / 100);
  const vatPerMille = from === to ? VAT_PER_MILLE[from] : 0;
  return ore + Math.round((ore * vatPerMille) / 1000);
}

/** Bring's KSS tax rate (hundredths of a percent) for a shipment `from` → `to`. */
export function bringTaxRate(from, to) {
  return from === to ? VAT_PER_MILLE[from] * 10 : 0;
}

/** The chargeable whole kilograms of one parcel, as the sandbox computes them. */
export function chargeableKg(grams, dimensions) {
  const volumetric = dimensions ? (dimensions.length_cm * dimensions.width_cm * dimensions.height_cm) / 5000 : 0;
  return Math.max(1, Math.ceil(Math.max(grams / 1000, volumetric)));
}

// --- delivery-time sentences --------------------------------------------------------------------

/**
 * How every delivery-time sentence starts in each locale (shared/src/delivery_time/locale/*.json:
 * `on`, `between`, `at_earliest`, `no_later_than` and the `interval_*` forms all begin so).
 */
export const SENTENCE_START = {
  en: /^Delivered /,
  nb: /^Leveres /,
  da: /^Leveres /,
  sv: /^Levereras /,
  fi: /^Toimitus /,
};

// --- reading answers ----------------------------------------------------------------------------

/** The ids of `carrier`'s options in an answer, sorted (order is checked on its own). */
export function optionIds(json, carrier) {
  return json.options.filter((option) => option.carrier === carrier).map((option) => option.id).sort();
}

/** An answer's warnings as `{carrier, code}`, sorted by carrier then code. */
export function warningsOf(json) {
  return json.warnings
    .map(({ carrier, code }) => ({ carrier, code }))
    .sort((a, b) => a.carrier.localeCompare(b.carrier) || a.code.localeCompare(b.code));
}

/** Fails naming the answer and the secret's name when any secret value is in a body or header. */
export function assertNoSecretIn(answers, ...secretSets) {
  for (const secrets of secretSets) {
    for (const [name, value] of Object.entries(secrets)) {
      for (const answer of answers) {
        const headers = Object.entries(answer.headers).map(([k, v]) => `${k}: ${v}`).join('\n');
        if (answer.text.includes(value) || headers.includes(value)) {
          throw new Error(`the value of ${name} is in an answer (${answer.status}):\n${headers}\n\n${answer.text}`);
        }
      }
    }
  }
}

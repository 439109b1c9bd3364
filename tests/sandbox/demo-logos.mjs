// The demo's carrier settings with the sandbox's stand-in marks as logos (src/marks.rs): PostNord
// and PostPlus document no logo, so the demo shop points each one's `logo_url` at the sandbox,
// whose address is known only once it listens. `./x demo` runs this file; demo-config.test.mjs
// imports it, so the test starts the edge with exactly the demo's settings.
//
//   node tests/sandbox/demo-logos.mjs SANDBOX_URL postnord        wrangler.toml's POSTNORD table
//   node tests/sandbox/demo-logos.mjs SANDBOX_URL postplus JSON   the PostPlus settings given
//
// Prints the table as JSON with `logo_url` set, for `wrangler dev --var NAME:JSON`. wrangler.toml
// is read with wrangler's own reader (Node has no TOML reader), so the demo's PostNord settings
// stay in one place.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The URL of the sandbox's stand-in mark for `carrier` (`postnord`, `postplus`). */
export function sandboxLogoUrl(sandboxUrl, carrier) {
  return `${sandboxUrl}/logos/${carrier}.svg`;
}

/** `table` (a carrier's settings) with `logo_url` at the sandbox's mark for `carrier`. */
export function withSandboxLogo(table, sandboxUrl, carrier) {
  return { ...table, logo_url: sandboxLogoUrl(sandboxUrl, carrier) };
}

/** wrangler.toml's `[vars.NAME]` table, as wrangler reads it. */
export async function wranglerTable(name) {
  const { experimental_readRawConfig: readRawConfig } = await import('wrangler');
  const { rawConfig } = readRawConfig({ config: path.join(ROOT, 'wrangler.toml') });
  const table = rawConfig.vars?.[name];
  if (!table || typeof table !== 'object') throw new Error(`wrangler.toml has no [vars.${name}] table`);
  return table;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sandboxUrl, carrier, json] = process.argv.slice(2);
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(sandboxUrl ?? '') || !['postnord', 'postplus'].includes(carrier)) {
    console.error('usage: node tests/sandbox/demo-logos.mjs http://127.0.0.1:PORT postnord|postplus [SETTINGS-JSON]');
    process.exit(2);
  }
  const table = json === undefined ? await wranglerTable(carrier.toUpperCase()) : JSON.parse(json);
  process.stdout.write(`${JSON.stringify(withSandboxLogo(table, sandboxUrl, carrier))}\n`);
}

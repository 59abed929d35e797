/**
 * `npm run sandbox -- [--port 8787] [--listings 500] [--orders 250] [--seed 42] [--quiet]`
 * Starts the local API sandbox on 127.0.0.1 with the real clock.
 */
import { parseArgs } from 'node:util';
import { SANDBOX_CREDENTIALS, startSandbox } from './server';
import { SANDBOX_SELLER_ID } from './seed';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    listings: { type: 'string', default: '500' },
    orders: { type: 'string', default: '250' },
    seed: { type: 'string', default: '42' },
    quiet: { type: 'boolean', default: false },
  },
});

const sandbox = await startSandbox({
  port: Number(values.port),
  listings: Number(values.listings),
  orders: Number(values.orders),
  seed: Number(values.seed),
  log: !values.quiet,
  // Short processing delays so a person trying it does not wait minutes.
  timing: { feedQueueMs: 2_000, feedProcessMs: 5_000, reportQueueMs: 1_000, reportProcessMs: 3_000 },
});

console.log(`Skulink sandbox listening on ${sandbox.url}
  LWA:         POST ${sandbox.url}/auth/o2/token  (client ${SANDBOX_CREDENTIALS.clientId} / ${SANDBOX_CREDENTIALS.clientSecret}, refresh token ${SANDBOX_CREDENTIALS.refreshToken})
  SP-API:      ${sandbox.url}/listings/2021-08-01/items/${SANDBOX_SELLER_ID}?marketplaceIds=ATVPDKIKX0DER  (seller ${SANDBOX_SELLER_ID})
  BigCommerce: ${sandbox.bigcommerce ? `${sandbox.url}/stores/{hash}/v3/...` : 'not mounted'}
  Pages:       ${sandbox.url}/sc/<file>
  Faults:      curl -X POST ${sandbox.url}/_sandbox/faults -d '{"kind":"500","operation":"getListingsItem","count":2}'
  State:       ${sandbox.url}/_sandbox/state`);

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

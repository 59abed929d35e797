import { beforeEach, describe, expect, it } from 'vitest';
import { createDb, type SkulinkDexie } from '../db/db';
import {
  Account,
  accountLabel,
  accountOrigins,
  buildAccount,
  describeAccount,
  draftFromAccount,
  emptyDraft,
  getAccount,
  listAccounts,
  maskSecret,
  originPattern,
  OPTIONAL_HOST_PATTERNS,
  reauthorizationDueOn,
  reauthorizationState,
  removeAccount,
  saveAccount,
  type AmazonAccount,
  type AmazonDraft,
  type BigCommerceDraft,
  type BigCommerceStore,
} from './index';

const CLIENT_SECRET = 'amzn1.oa2-cs.v1.secretsecretSECRET9876';
const REFRESH_TOKEN = 'Atzr|IwEBIrefreshtokenrefreshtokenTOKN';
const BC_TOKEN = 'bc-access-token-0123456789abcdefWXYZ';

function amazon(extra: Partial<AmazonAccount> = {}): AmazonAccount {
  return Account.parse({
    kind: 'amazon',
    id: 'acc-1',
    name: 'EU shop',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9', 'A1RKKUPIHCS9HS'],
    sellerId: 'a2example1234',
    clientId: 'amzn1.application-oa2-client.abc',
    clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH_TOKEN,
    authorizedOn: '2025-03-01',
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  }) as AmazonAccount;
}

function bigcommerce(extra: Partial<BigCommerceStore> = {}): BigCommerceStore {
  return Account.parse({ kind: 'bigcommerce', id: 'bc-1', name: 'Store', storeHash: 'abc123', accessToken: BC_TOKEN, createdAt: 1, updatedAt: 1, ...extra }) as BigCommerceStore;
}

describe('account schema', () => {
  it('applies defaults: production endpoint, channels on except order update, seller id upper-cased', () => {
    const a = amazon();
    expect(a.endpoint).toEqual({ kind: 'production' });
    expect(a.channels).toEqual({ products: true, stock: true, price: true, orderDownload: true, orderUpdate: false });
    expect(a.sellerId).toBe('A2EXAMPLE1234');
  });

  it('rejects marketplaces outside the region, bad dates, bad URLs and empty secrets', () => {
    const base = { ...amazon() };
    const fails = (patch: object) => !Account.safeParse({ ...base, ...patch }).success;
    expect(fails({ marketplaceIds: ['ATVPDKIKX0DER'] })).toBe(true); // US is NA
    expect(fails({ marketplaceIds: [] })).toBe(true);
    expect(fails({ authorizedOn: '2025-02-30' })).toBe(true);
    expect(fails({ endpoint: { kind: 'custom', baseUrl: 'ftp://127.0.0.1' } })).toBe(true);
    expect(fails({ endpoint: { kind: 'custom', baseUrl: 'http://user:pw@127.0.0.1:8787' } })).toBe(true);
    expect(fails({ refreshToken: '   ' })).toBe(true);
    expect(fails({ sellerId: 'A2 EX' })).toBe(true);
    expect(fails({ endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:8787' } })).toBe(false);
    expect(Account.safeParse({ ...bigcommerce(), storeHash: 'has/slash' }).success).toBe(false);
  });
});

describe('secrets stay out of displayable and loggable forms', () => {
  it('masks secrets to the last four characters', () => {
    expect(maskSecret(CLIENT_SECRET)).toBe('•••• 9876');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret('')).toBe('');
  });

  it('describeAccount and accountLabel never contain a secret', () => {
    for (const a of [amazon(), amazon({ endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:8787' } }), bigcommerce()]) {
      const text = JSON.stringify(describeAccount(a)) + accountLabel(a);
      for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, BC_TOKEN]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(0, 12));
      }
    }
    expect(describeAccount(amazon())).toMatchObject({ clientSecret: '•••• 9876', refreshToken: '•••• TOKN', marketplaces: ['DE', 'ES'] });
    expect(describeAccount(bigcommerce())).toMatchObject({ accessToken: '•••• WXYZ' });
  });

  it('editing starts with blank secrets, and blank secrets keep the stored ones', () => {
    const stored = amazon();
    const draft = draftFromAccount(stored) as AmazonDraft;
    expect(draft.clientSecret).toBe('');
    expect(draft.refreshToken).toBe('');
    expect(JSON.stringify(draft)).not.toContain(CLIENT_SECRET);
    const kept = buildAccount({ ...draft, name: 'Renamed' }, { id: stored.id, now: 50, existing: stored });
    expect(kept.ok && kept.account).toMatchObject({ name: 'Renamed', clientSecret: CLIENT_SECRET, refreshToken: REFRESH_TOKEN, createdAt: 1, updatedAt: 50 });
    const replaced = buildAccount({ ...draft, refreshToken: 'Atzr|new-token-value-1234' }, { id: stored.id, now: 50, existing: stored });
    expect(replaced.ok && replaced.account.kind === 'amazon' && replaced.account.refreshToken).toBe('Atzr|new-token-value-1234');
  });
});

describe('buildAccount', () => {
  it('requires secrets when adding and names the invalid fields', () => {
    const draft: AmazonDraft = { ...(emptyDraft('amazon') as AmazonDraft), name: 'X', region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], sellerId: 'A1B2C3D4', clientId: 'cid', endpointKind: 'custom', baseUrl: 'not a url' };
    const r = buildAccount(draft, { id: 'n', now: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fields.sort()).toEqual(['baseUrl', 'clientSecret', 'refreshToken']);
  });

  it('builds a BigCommerce store with an optional custom base URL', () => {
    const r = buildAccount({ ...(emptyDraft('bigcommerce') as BigCommerceDraft), name: 'BC', storeHash: 'abc123', accessToken: BC_TOKEN, baseUrl: 'http://127.0.0.1:8788' }, { id: 'b', now: 3 });
    expect(r.ok && r.account).toMatchObject({ kind: 'bigcommerce', baseUrl: 'http://127.0.0.1:8788', channels: { orderUpdate: false } });
  });
});

describe('host permissions', () => {
  it('asks for the regional SP-API host, LWA and document storage in production and sandbox', () => {
    expect(accountOrigins(amazon())).toEqual(['https://sellingpartnerapi-eu.amazon.com/*', 'https://api.amazon.com/*', 'https://*.amazonaws.com/*']);
    expect(accountOrigins(amazon({ region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], endpoint: { kind: 'sandbox' } }))[0]).toBe('https://sandbox.sellingpartnerapi-na.amazon.com/*');
  });
  it('only ever asks for declared optional host patterns (production, sandbox, local sandbox)', () => {
    const regions = [['NA', 'ATVPDKIKX0DER'], ['EU', 'A1PA6795UKMFR9'], ['FE', 'A1VC38T7YXB528']] as const;
    const endpoints = [{ kind: 'production' }, { kind: 'sandbox' }, { kind: 'custom', baseUrl: 'http://127.0.0.1:8787' }, { kind: 'custom', baseUrl: 'http://localhost:9000/x' }] as const;
    const asked = regions.flatMap(([region, m]) => endpoints.flatMap((endpoint) => accountOrigins(amazon({ region, marketplaceIds: [m], endpoint }))));
    asked.push(...accountOrigins(bigcommerce()), ...accountOrigins(bigcommerce({ baseUrl: 'http://127.0.0.1:8788' })));
    expect(asked.filter((o) => !OPTIONAL_HOST_PATTERNS.includes(o))).toEqual([]);
    expect(new Set(asked).size).toBe(OPTIONAL_HOST_PATTERNS.length);
  });
  it('asks only for the custom origin (without port) of a local sandbox', () => {
    expect(accountOrigins(amazon({ endpoint: { kind: 'custom', baseUrl: 'http://127.0.0.1:8787/sp' } }))).toEqual(['http://127.0.0.1/*']);
    expect(accountOrigins(bigcommerce())).toEqual(['https://api.bigcommerce.com/*']);
    expect(accountOrigins(bigcommerce({ baseUrl: 'http://localhost:8788' }))).toEqual(['http://localhost/*']);
    expect(() => originPattern('file:///etc/passwd')).toThrow();
  });
});

describe('re-authorization reminder', () => {
  it('is due a year after authorization, soon within 30 days', () => {
    const a = amazon({ authorizedOn: '2025-03-01' });
    expect(reauthorizationDueOn(a)).toBe('2026-03-01');
    expect(reauthorizationState(a, Date.parse('2025-12-01'))).toBe('ok');
    expect(reauthorizationState(a, Date.parse('2026-02-15'))).toBe('soon');
    expect(reauthorizationState(a, Date.parse('2026-03-01'))).toBe('due');
    expect(reauthorizationState(bigcommerce(), 0)).toBe('unknown');
  });
});

describe('account store', () => {
  let db: SkulinkDexie;
  beforeEach(() => {
    db = createDb(`accounts-${Math.random()}`);
  });

  it('adds, replaces and removes accounts in the settings table', async () => {
    await saveAccount(db, amazon());
    await saveAccount(db, bigcommerce());
    await saveAccount(db, amazon({ name: 'Renamed' }));
    expect((await listAccounts(db)).map((a) => a.name)).toEqual(['Renamed', 'Store']);
    const row = await db.settings.get('accounts');
    expect(row?.value).toMatchObject({ version: 1, data: { accounts: [{ id: 'acc-1' }, { id: 'bc-1' }] } });
    expect(await removeAccount(db, 'acc-1')).toBe(true);
    expect(await removeAccount(db, 'acc-1')).toBe(false);
    expect(await getAccount(db, 'bc-1')).toMatchObject({ accessToken: BC_TOKEN });
  });

  it('refuses an invalid account without touching the stored list', async () => {
    await saveAccount(db, bigcommerce());
    await expect(saveAccount(db, { ...amazon(), marketplaceIds: ['ATVPDKIKX0DER'] })).rejects.toThrow();
    expect(await listAccounts(db)).toHaveLength(1);
  });
});

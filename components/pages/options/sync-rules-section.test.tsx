import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, type AmazonAccount } from '@/lib/accounts';
import { createDb } from '@/lib/db/db';
import { allMessages } from '@/lib/i18n/table';
import { rulesMessages } from '@/lib/i18n/messages/rules';
import { SyncSettings } from '@/lib/sync/schemas';
import { applyLanguage } from '../language-state';
import { OPTIONS_SECTIONS } from './options-page';
import { RulesForm, SyncRulesView } from './sync-rules-section';

const db = createDb('sync-rules-static');
// The fake browser has no UI language: render in English, as a seller who chose it.
beforeAll(() => applyLanguage('en'));
afterAll(() => applyLanguage(undefined));
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

function account(id: string, marketplaceIds: string[], region: 'NA' | 'EU' = 'NA'): AmazonAccount {
  return Account.parse({
    kind: 'amazon', id, name: `Shop ${id}`, region, marketplaceIds, sellerId: 'A1SELLER01', clientId: 'c', clientSecret: 's', refreshToken: 'r', createdAt: 1, updatedAt: 1,
  }) as AmazonAccount;
}

describe('sync rules section (static render)', () => {
  it('is a section of the options page', () => {
    expect(OPTIONS_SECTIONS).toContain('sync-rules');
  });

  it('with no Amazon account, says so and links to Accounts', () => {
    const html = renderToStaticMarkup(<SyncRulesView db={db} accounts={[]} catalogWarehouses={[]} />);
    expect(html).toContain('data-testid="rules-empty"');
    expect(html).toContain('href="#accounts"');
    expect(html).toContain(rulesMessages.rules_go_accounts.en);
  });

  it('offers an account picker only when there are several', () => {
    expect(renderToStaticMarkup(<SyncRulesView db={db} accounts={[account('a', [US])]} catalogWarehouses={[]} />)).not.toContain('data-testid="rules-account"');
    const html = renderToStaticMarkup(<SyncRulesView db={db} accounts={[account('a', [US]), account('b', [DE], 'EU')]} catalogWarehouses={[]} />);
    expect(html).toContain('data-testid="rules-account"');
    expect(html).toContain('Shop b (DE)');
  });

  it('renders the form with the defaults, a rate per marketplace with its currency, and the preview from the engine rules', () => {
    const html = renderToStaticMarkup(<RulesForm db={db} account={account('a', [US])} stored={SyncSettings.parse({})} catalogWarehouses={['main', 'north']} />);
    for (const id of ['rules-stock', 'rules-price', 'rules-orders', 'rules-schedule', 'rules-save', `rules-rate-${US}`, 'rules-import-fba', 'rules-order-warehouse', 'rules-nightly-hour']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('(USD)');
    expect(html).toContain(rulesMessages.rules_stock_hint.en);
    // Default rules: the catalog price and the stock of all warehouses.
    expect(html).toMatch(/data-testid="rules-preview-line" data-marketplace="ATVPDKIKX0DER" data-price="10" data-quantity="12"/);
    expect(html).toContain('Amazon gets price');
    expect(html).toContain('“main”');
  });

  it('previews a formula with a buffer and a cap as the engine would send it', () => {
    const stored = SyncSettings.parse({ stock: { buffer: 2, max: 5 }, price: { source: 'formula', percent: 50, rounding: '.95' } });
    const html = renderToStaticMarkup(<RulesForm db={db} account={account('a', [US])} stored={stored} catalogWarehouses={['main']} />);
    expect(html).toMatch(/data-price="14.95" data-quantity="5"/);
  });
});

describe('sync rules messages', () => {
  it('have English and Spanish, Chrome-safe keys, and no key another table already uses', () => {
    const counts = new Map<string, number>();
    for (const key of Object.keys(rulesMessages)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      counts.set(key, 0);
    }
    expect(Object.keys(allMessages).filter((k) => counts.has(k))).toHaveLength(counts.size);
    for (const [key, m] of Object.entries(rulesMessages)) {
      expect(m.en, key).toBeTruthy();
      expect(m.es, key).toBeTruthy();
      expect((allMessages as Record<string, { en: string }>)[key]!.en, `${key} overridden by another table`).toBe(m.en);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { computePrice, computeQuantity } from '@/lib/sync/rules';
import { SyncSettings } from '@/lib/sync/schemas';
import { draftFromSettings, draftToChange, exampleWarehouseFor, parseNumber, previewLines, previewProduct, warehouseNames, type RulesDraft } from './sync-rules-draft';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const defaults = SyncSettings.parse({});

function draft(change: Partial<RulesDraft> = {}, stored = defaults, mps = [US]): RulesDraft {
  return { ...draftFromSettings(stored, mps), ...change };
}

describe('sync rules draft', () => {
  it('reads numbers as typed: decimal commas, blanks, junk', () => {
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('9,99')).toBe(9.99);
    expect(parseNumber('-2.5')).toBe(-2.5);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('12abc')).toBeNaN();
    expect(parseNumber('1e3')).toBeNaN();
  });

  it('round-trips the defaults: a rate of 1 for each marketplace, all warehouses, FBA orders off', () => {
    const d = draft({}, defaults, [US, DE]);
    expect(d).toMatchObject({ stockSource: 'catalog', warehouseMode: 'all', buffer: '0', max: '', rates: { [US]: '1', [DE]: '1' }, importFba: false, offersEvery: '15', nightlyHour: '3' });
    const r = draftToChange(d, defaults);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.stock).toEqual({ ...defaults.stock, max: undefined, fixed: undefined });
    expect(r.settings.price.currencyRates).toEqual({ [US]: 1, [DE]: 1 });
    expect(r.settings.orders.importFba).toBe(false);
  });

  it('builds a full change that clears optional values left empty (saveSettings merges one level deep)', () => {
    const stored = SyncSettings.parse({ stock: { max: 5 }, price: { min: 3, currencyRates: { GONE: 2 } }, orders: { warehouse: 'old' } });
    const r = draftToChange(draft({ max: '', min: '', orderWarehouse: '' }, stored), stored);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.change.stock).toHaveProperty('max', undefined);
    expect(r.change.price).toHaveProperty('min', undefined);
    expect(r.change.orders).toHaveProperty('warehouse', undefined);
    // A rate of a marketplace the account left is kept.
    expect(r.change.price?.currencyRates).toEqual({ GONE: 2, [US]: 1 });
  });

  it('turns the formula, warehouses, orders and schedule into settings', () => {
    const r = draftToChange(
      draft({
        warehouseMode: 'some',
        warehouses: ['B'],
        buffer: '2',
        max: '10',
        priceSource: 'formula',
        percent: '20',
        add: '1,5',
        rounding: '.99',
        rates: { [US]: '1.1' },
        min: '5',
        saleStart: '2026-03-01',
        saleEnd: '2026-03-31',
        importFba: true,
        orderWarehouse: 'B',
        channelName: ' Amazon US ',
        offersEvery: '5',
        ordersEvery: '30',
        nightlyHour: '23',
      }),
      defaults,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.stock).toMatchObject({ source: 'catalog', warehouses: ['B'], buffer: 2, max: 10 });
    expect(r.settings.price).toMatchObject({ source: 'formula', percent: 20, add: 1.5, rounding: '.99', currencyRates: { [US]: 1.1 }, min: 5, saleStart: '2026-03-01T00:00:00.000Z', saleEnd: '2026-03-31T23:59:59.000Z' });
    expect(r.settings.orders).toMatchObject({ importFba: true, warehouse: 'B', channelName: 'Amazon US' });
    expect(r.settings.schedule).toMatchObject({ offersEveryMinutes: 5, ordersEveryMinutes: 30, nightlyHour: 23, shipmentsEveryMinutes: 30 });
    // Stored dates come back as days for the date inputs.
    expect(draftFromSettings(r.settings, [US])).toMatchObject({ saleStart: '2026-03-01', saleEnd: '2026-03-31', warehouseMode: 'some', add: '1.5' });
  });

  it('reports each bad field with a message key, from the schema and from the rules it cannot express', () => {
    const r = draftToChange(
      draft({
        buffer: '-1',
        max: 'lots',
        rates: { [US]: '0' },
        offersEvery: '0',
        ordersEvery: '2.5',
        nightlyHour: '24',
        channelName: '  ',
        warehouseMode: 'some',
        warehouses: [],
        saleStart: '2026-03-10',
        saleEnd: '2026-03-01',
      }),
      defaults,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      'stock.buffer': { key: 'rules_err_min', params: [0] },
      'stock.max': { key: 'rules_err_number' },
      [`price.currencyRates.${US}`]: { key: 'rules_err_above', params: [0] },
      'schedule.offersEveryMinutes': { key: 'rules_err_min', params: [1] },
      'schedule.ordersEveryMinutes': { key: 'rules_err_whole' },
      'schedule.nightlyHour': { key: 'rules_err_max', params: [23] },
      'orders.channelName': { key: 'rules_err_required' },
      'stock.warehouses': { key: 'rules_err_warehouses' },
      'price.saleEnd': { key: 'rules_err_sale_end' },
    });
  });

  it('needs the value of a fixed rule, and ignores the fields a rule does not use', () => {
    const r = draftToChange(draft({ stockSource: 'fixed', stockFixed: '', priceSource: 'fixed', priceFixed: '', buffer: '', percent: 'x' }), defaults);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['price.fixed', 'price.percent', 'stock.fixed']);
    expect(r.errors['stock.fixed']).toEqual({ key: 'rules_err_number' });
    const ok = draftToChange(draft({ stockSource: 'fixed', stockFixed: '7', priceSource: 'fixed', priceFixed: '19.90', buffer: '' }), defaults);
    expect(ok.ok && ok.settings.stock).toMatchObject({ source: 'fixed', fixed: 7, buffer: 0 });
    expect(ok.ok && ok.settings.price).toMatchObject({ source: 'fixed', fixed: 19.9 });
  });

  it('previews with the engine’s own rule functions: price 10.00, 12 units in the first warehouse', () => {
    const r = draftToChange(draft({ buffer: '2', max: '8', priceSource: 'formula', percent: '10', rounding: '.99', rates: { [US]: '1', [DE]: '0.9' } }, defaults, [US, DE]), defaults);
    if (!r.ok) throw new Error('invalid');
    const lines = previewLines(r.settings, [US, DE], 'main', 0);
    // 10 × 0.9 × 1.1 = 9.90, and .99 rounds down to the ending at or below: 8.99.
    expect(lines).toEqual([
      { marketplaceId: US, country: 'US', price: { amount: 10.99, currency: 'USD' }, quantity: 8 },
      { marketplaceId: DE, country: 'DE', price: { amount: 8.99, currency: 'EUR' }, quantity: 8 },
    ]);
    const listing = { marketplaceId: US, currency: 'USD', fulfillmentChannel: 'MFN' as const };
    expect(lines[0]!.price).toEqual(computePrice(previewProduct('main'), listing, r.settings.price, 0));
    expect(lines[0]!.quantity).toBe(computeQuantity(previewProduct('main'), listing, r.settings.stock));
    // Summing only another warehouse leaves the example with nothing to send.
    const other = draftToChange(draft({ warehouseMode: 'some', warehouses: ['B'] }), defaults);
    expect(other.ok && previewLines(other.settings, [US], 'main', 0)[0]!.quantity).toBe(0);
  });

  it('puts the example stock in the first warehouse the rule counts', () => {
    const catalog = ['main', 'north', 'south'];
    expect(exampleWarehouseFor({ warehouseMode: 'all', warehouses: [] }, catalog)).toBe('main');
    expect(exampleWarehouseFor({ warehouseMode: 'some', warehouses: ['south', 'north'] }, catalog)).toBe('north');
    expect(exampleWarehouseFor({ warehouseMode: 'some', warehouses: [] }, catalog)).toBe('main');
    expect(exampleWarehouseFor({ warehouseMode: 'some', warehouses: ['gone'] }, catalog)).toBe('gone');
    expect(exampleWarehouseFor({ warehouseMode: 'all', warehouses: [] }, [])).toBe('main');
  });

  it('lists warehouse names in the order the catalog has them, keeping ones the rules still name', () => {
    expect(warehouseNames([{ main: 1, B: 2 }, { B: 0, C: 3 }, {}], ['old', undefined, 'main'])).toEqual(['main', 'B', 'C', 'old']);
  });
});

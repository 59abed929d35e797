import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../tests/fixtures/seller-central/fixtures.ts';
import { FIXTURE_DIR, fixtureHtml, loadFixture } from '../../../tests/fixtures/seller-central/load.ts';
import { INVENTORY_ROW_CANDIDATES, PATTERNS, SELECTORS, type FixtureName } from './selectors.ts';

const fixtureFiles = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();
const docs = new Map<string, Document>();
const doc = (name: string): Document => {
  let d = docs.get(name);
  if (!d) docs.set(name, (d = loadFixture(name as FixtureName)));
  return d;
};

describe('SELECTORS', () => {
  for (const [name, spec] of Object.entries(SELECTORS)) {
    describe(name, () => {
      it('promises at least one fixture where it matches', () => {
        expect(Object.values(spec.matches).some((n) => n > 0)).toBe(true);
      });
      it('never depends on a hashed class suffix', () => {
        expect(spec.css).not.toMatch(/--[A-Za-z0-9]{4,}/);
      });
      for (const [fixture, count] of Object.entries(spec.matches)) {
        it(`matches ${count}× in ${fixture}`, () => {
          expect(doc(fixture).querySelectorAll(spec.css).length).toBe(count);
        });
      }
    });
  }

  it('every fixture file is checked by some selector, and every named fixture exists', () => {
    const used = new Set(Object.values(SELECTORS).flatMap((s) => Object.keys(s.matches)));
    expect([...used].sort()).toEqual(fixtureFiles);
  });

  it('the row candidate selector is one valid query', () => {
    expect(doc('inventory-janus-en-us').querySelectorAll(INVENTORY_ROW_CANDIDATES).length).toBe(25 + 24);
    expect(doc('inventory-legacy-en-us').querySelectorAll(INVENTORY_ROW_CANDIDATES).length).toBe(13);
  });
});

describe('fixtures', () => {
  it('the HTML files are what fixtures.ts renders (run build.ts after changing it)', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(fixtureFiles);
    for (const [name, render] of Object.entries(FIXTURES)) expect(fixtureHtml(name as FixtureName), name).toBe(render());
  });

  it('load no external resources', () => {
    for (const name of fixtureFiles) {
      const html = fixtureHtml(name as FixtureName);
      expect(html, name).not.toMatch(/<(?:img|script|link|iframe)[^>]+(?:src|href)=["']?https?:/i);
      expect(html, name).not.toMatch(/url\(\s*["']?https?:/i);
    }
  });
});

describe('PATTERNS', () => {
  it('order ids', () => {
    expect(PATTERNS.orderId.exec('Order 113-4567890-1234567 placed')?.[0]).toBe('113-4567890-1234567');
    expect(PATTERNS.orderId.test('113-456789-1234567')).toBe(false);
    expect(PATTERNS.orderIdInHref.exec('/orders-v3/order/028-1112223-3334445?ref=x')?.[1]).toBe('028-1112223-3334445');
  });
  it('ASINs', () => {
    expect(PATTERNS.asin.test('B0C7X2K9QM')).toBe(true);
    expect(PATTERNS.asin.test('030640615X')).toBe(true);
    expect(PATTERNS.asin.test('B0C7X2K9Q')).toBe(false);
    expect(PATTERNS.asinInHref.exec('https://www.amazon.de/dp/B0C7X2K9QM?th=1')?.[1]).toBe('B0C7X2K9QM');
    expect(PATTERNS.asinInHref.exec('https://www.amazon.com/gp/product/0306406152/')?.[1]).toBe('0306406152');
    expect(PATTERNS.asinInHref.exec('https://www.amazon.com/dp/B0C7X2K9QMX')).toBeNull();
    expect(PATTERNS.asinInText.exec('ASIN: B0C7X2K9QM, FNSKU X004KQ2M7P')?.[0]).toBe('B0C7X2K9QM');
  });
});

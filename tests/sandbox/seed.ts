/**
 * Deterministic seed data for the sandbox seller A1SANDBOXSELLER: listings (MFN and AFN, odd
 * SKUs, EAN/UPC product ids, a few with issues or flagged as conflicting) and orders in several
 * statuses. The same seed always gives the same data.
 */
import { seededRandom } from '../fixtures/random.ts';

/** Seller id of the sandbox account. */
export const SANDBOX_SELLER_ID = 'A1SANDBOXSELLER';
export const US = 'ATVPDKIKX0DER';
export const DE = 'A1PA6795UKMFR9';
export const JP = 'A1VC38T7YXB528';

/** The shared seeded PRNG (mulberry32). */
export const createRandom = seededRandom;

export interface SandboxIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
}

export interface SandboxListing {
  /** A sale price schedule sent in purchasable_offer.discounted_price (ISO dates). */
  salePrice?: { amount: number; start: string; end: string };
  marketplaceId: string;
  sku: string;
  asin: string;
  title: string;
  productType: string;
  price: number;
  currency: string;
  /** Seller quantity (MFN); undefined for AFN (Amazon's). */
  quantity?: number;
  channel: 'MFN' | 'AFN';
  status: 'Active' | 'Inactive' | 'Incomplete';
  productId: string;
  /** 3 = UPC, 4 = EAN (report codes). */
  productIdType: '3' | '4';
  createdAt: string;
  updatedAt: string;
  /** Submissions touching this SKU fail with 8541 (data conflicts with the ASIN). */
  conflicting: boolean;
  issues: SandboxIssue[];
}

export interface SandboxOrderItem {
  orderItemId: string;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  unitPrice: number;
}

export interface SandboxOrder {
  orderId: string;
  marketplaceId: string;
  currency: string;
  status: 'PENDING' | 'UNSHIPPED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED' | 'UNFULFILLABLE';
  fulfilledBy: 'MERCHANT' | 'AMAZON';
  createdTime: string;
  lastUpdatedTime: string;
  items: SandboxOrderItem[];
  recipient: { name: string; addressLine1: string; city: string; stateOrRegion: string; postalCode: string; countryCode: string };
  packages: { packageReferenceId: string; carrier: string; trackingNumber: string; shipTime: string; items: { orderItemId: string; quantity: number }[] }[];
}

const BRANDS = ['Northwind', 'Kestrel', 'Alder & Oak', 'Blue Harbor', 'Vantage', 'Lumio', 'Tidewater', 'Copperline', 'Halcyon', 'Brightwell'];
const PRODUCTS: [string, string, number][] = [
  ['Ceramic Coffee Mug', 'DRINKING_CUP', 14],
  ['Stainless Steel Water Bottle', 'BOTTLE', 22],
  ['USB-C Charging Cable', 'ELECTRONIC_CABLE', 9],
  ['Cotton Bath Towel', 'TOWEL', 18],
  ['LED Desk Lamp', 'LAMP', 39],
  ['Yoga Mat', 'EXERCISE_MAT', 29],
  ['Cast Iron Skillet', 'COOKING_PAN', 35],
  ['Wireless Mouse', 'COMPUTER_INPUT_DEVICE', 19],
  ['Scented Soy Candle', 'CANDLE', 16],
  ['Bamboo Cutting Board', 'CUTTING_BOARD', 24],
  ['Hiking Backpack', 'BACKPACK', 59],
  ['Green Tea Loose Leaf', 'GROCERY', 12],
];
const VARIANTS = ['Black', 'White', 'Navy', 'Sage Green', 'Large', 'Small', '350 ml', '1 L', '2 m', 'Set of 2', 'Set of 4', '"Pro" Edition'];
const SKU_STYLES: ((i: number, r: () => number) => string)[] = [
  (i) => `SKU-${String(i).padStart(5, '0')}`,
  (i) => `MUG/${i}.BLK`,
  (i) => `TEA = GREEN ${i}`,
  (i) => `cbl-usb c ${i}m`,
  (i) => `SET.A/B-${i}`,
  (i, r) => `${Math.floor(r() * 900 + 100)}-${i}_x`,
];
const CITIES: [string, string, string][] = [
  ['Seattle', 'WA', '98101'],
  ['Austin', 'TX', '73301'],
  ['Denver', 'CO', '80202'],
  ['Boston', 'MA', '02108'],
  ['Chicago', 'IL', '60601'],
];
const NAMES = ['Alex Rivera', 'Sam Chen', 'Jordan Smith', 'Taylor Brown', 'Morgan Lee', 'Casey Davis'];

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function gtinCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

const DE_TITLES = ['Kaffeebecher aus Keramik, Größe L', 'Trinkflasche für Kinder – 500 ml', 'Handtuch aus Baumwolle, weiß', 'Schneidebrett Bambus (groß)', 'Teelicht-Set «Winter» – Sparpaket 5 €'];
const JP_TITLES = ['陶器のマグカップ 350ml', 'ステンレス水筒 500ml ブラック', 'USB-Cケーブル 2m', '竹のまな板 大', '緑茶 茶葉 100g'];

/** Generate listings: `count` in US, plus a few in DE and JP for encoding checks. */
export function generateListings(seed: number, count: number, nowMs: number): SandboxListing[] {
  const r = createRandom(seed);
  const out: SandboxListing[] = [];
  const used = new Set<string>();
  const make = (marketplaceId: string, i: number, title: string, productType: string, basePrice: number, currency: string, channelBias = 0.2): SandboxListing => {
    let sku = pick(r, SKU_STYLES)(i, r);
    while (used.has(`${marketplaceId}:${sku}`)) sku += 'x';
    used.add(`${marketplaceId}:${sku}`);
    const asin = 'B0' + Array.from({ length: 8 }, () => ALNUM[Math.floor(r() * ALNUM.length)]).join('');
    const channel = r() < channelBias ? 'AFN' : 'MFN';
    const statusRoll = r();
    const status = statusRoll < 0.85 ? 'Active' : statusRoll < 0.95 ? 'Inactive' : 'Incomplete';
    const useUpc = marketplaceId === US && r() < 0.5;
    const productId = useUpc ? gtinCheck(String(Math.floor(r() * 1e11)).padStart(11, '0')) : gtinCheck('40' + String(Math.floor(r() * 1e10)).padStart(10, '0'));
    const created = new Date(nowMs - Math.floor(r() * 400) * 86400_000).toISOString();
    const issues: SandboxIssue[] = [];
    if (status === 'Incomplete') {
      issues.push({ code: '90220', message: "'brand' is required but not supplied.", severity: 'ERROR', attributeNames: ['brand'], categories: ['MISSING_ATTRIBUTE'] });
    }
    return {
      marketplaceId,
      sku,
      asin,
      title,
      productType,
      price: Math.round(basePrice * (0.7 + r() * 0.8) * 100) / 100 - (currency === 'JPY' ? 0 : 0.01),
      currency,
      quantity: channel === 'MFN' ? Math.floor(r() * 120) : undefined,
      channel,
      status,
      productId,
      productIdType: useUpc ? '3' : '4',
      createdAt: created,
      updatedAt: created,
      conflicting: r() < 0.03,
      issues,
    };
  };
  for (let i = 1; i <= count; i++) {
    const [noun, type, base] = pick(r, PRODUCTS);
    const title = `${pick(r, BRANDS)} ${noun}, ${pick(r, VARIANTS)}`;
    out.push(make(US, i, title, type, base, 'USD'));
  }
  // Make sure a conflicting SKU exists for tests and demos, whatever the seed.
  if (!out.some((l) => l.conflicting) && out.length > 3) out[3]!.conflicting = true;
  DE_TITLES.forEach((t, i) => out.push(make(DE, 9000 + i, t, 'HOME', 20, 'EUR', 0)));
  JP_TITLES.forEach((t, i) => {
    const l = make(JP, 9100 + i, t, 'HOME', 1500, 'JPY', 0);
    l.price = Math.round(l.price);
    out.push(l);
  });
  return out;
}

/** Generate orders over the last 30 days, referencing US listings, in several statuses. */
export function generateOrders(seed: number, count: number, listings: SandboxListing[], nowMs: number): SandboxOrder[] {
  const r = createRandom(seed ^ 0x5eed);
  const us = listings.filter((l) => l.marketplaceId === US);
  const statuses: SandboxOrder['status'][] = ['UNSHIPPED', 'UNSHIPPED', 'SHIPPED', 'SHIPPED', 'SHIPPED', 'PENDING', 'CANCELLED', 'PARTIALLY_SHIPPED', 'UNFULFILLABLE'];
  const out: SandboxOrder[] = [];
  for (let i = 0; i < count && us.length > 0; i++) {
    const orderId = `${String(Math.floor(r() * 900) + 100)}-${String(Math.floor(r() * 1e7)).padStart(7, '0')}-${String(Math.floor(r() * 1e7)).padStart(7, '0')}`;
    const created = nowMs - Math.floor(r() * 30 * 86400_000);
    const updated = Math.min(nowMs - 60_000, created + Math.floor(r() * 3 * 86400_000));
    const status = pick(r, statuses);
    const n = 1 + Math.floor(r() * 3);
    const items: SandboxOrderItem[] = [];
    for (let k = 0; k < n; k++) {
      const l = pick(r, us);
      items.push({ orderItemId: String(Math.floor(r() * 1e13)).padStart(14, '0'), sku: l.sku, asin: l.asin, title: l.title, quantity: 1 + Math.floor(r() * 3), unitPrice: l.price });
    }
    const fulfilledBy = items.every((it) => us.find((l) => l.sku === it.sku)?.channel === 'AFN') ? 'AMAZON' : 'MERCHANT';
    const [city, state, zip] = pick(r, CITIES);
    const order: SandboxOrder = {
      orderId,
      marketplaceId: US,
      currency: 'USD',
      status,
      fulfilledBy,
      createdTime: new Date(created).toISOString(),
      lastUpdatedTime: new Date(updated).toISOString(),
      items,
      recipient: { name: pick(r, NAMES), addressLine1: `${Math.floor(r() * 9000) + 100} Main St`, city, stateOrRegion: state, postalCode: zip, countryCode: 'US' },
      packages: [],
    };
    if (status === 'SHIPPED') {
      order.packages.push({
        packageReferenceId: '1',
        carrier: 'UPS',
        trackingNumber: `1Z${Math.floor(r() * 1e15)}`,
        shipTime: order.lastUpdatedTime,
        items: items.map((it) => ({ orderItemId: it.orderItemId, quantity: it.quantity })),
      });
    }
    out.push(order);
  }
  return out;
}

import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeReport, maybeGunzip, parseMerchantListingsReport, parseReportPrice } from './report';

const HEADER = 'item-name\titem-description\tlisting-id\tseller-sku\tprice\tquantity\topen-date\tproduct-id-type\tasin1\tproduct-id\tfulfillment-channel\tstatus';

describe('listings report', () => {
  it('parses MFN and AFN rows, odd SKUs and quotes in titles', () => {
    const text = [
      HEADER,
      'Mug "Big" 350 ml\t\t0101\tMUG/01 .=x\t12.99\t7\t2024-01-01\t4\tB0AAAAAAAA\t4006381333931\tDEFAULT\tActive',
      'Cable\t\t0102\tCAB 2\t5.00\t\t2024-01-01\t1\tB0BBBBBBBB\tB0BBBBBBBB\tAMAZON_NA\tInactive',
      '',
    ].join('\n');
    const rows = parseMerchantListingsReport(text, 'ATVPDKIKX0DER');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ sku: 'MUG/01 .=x', title: 'Mug "Big" 350 ml', price: 12.99, currency: 'USD', quantity: 7, fulfillmentChannel: 'MFN', productIdType: 'EAN', asin: 'B0AAAAAAAA' });
    expect(rows[1]).toMatchObject({ sku: 'CAB 2', fulfillmentChannel: 'AFN', status: 'Inactive' });
    expect(rows[1]!.quantity).toBeUndefined();
  });
  it('keeps a product-id type it does not know as text, even one named like an object member', () => {
    const text = [HEADER, 'Lamp\t\t0103\tLMP\t9.00\t1\t2024-01-01\tconstructor\tB0CCCCCCCC\tB0CCCCCCCC\tDEFAULT\tActive', ''].join('\n');
    expect(parseMerchantListingsReport(text, 'ATVPDKIKX0DER')[0]?.productIdType).toBe('constructor');
  });
  it('keeps the item description as plain text for the matcher', () => {
    const text = [HEADER, 'Lamp\t<p>Warm <b>LED</b> lamp&nbsp;for Mac &amp; PC</p>\t0104\tLMP2\t9.00\t1\t2024-01-01\t4\tB0DDDDDDDD\tB0DDDDDDDD\tDEFAULT\tActive', ''].join('\n');
    expect(parseMerchantListingsReport(text, 'ATVPDKIKX0DER')[0]?.description).toBe('Warm LED lamp for Mac PC');
  });

  it('rejects a file without seller-sku', () => {
    expect(() => parseMerchantListingsReport('a\tb\n1\t2', 'ATVPDKIKX0DER')).toThrow(/seller-sku/);
  });

  it('decodes JP Shift_JIS and EU windows-1252 by marketplace, honours a declared charset', () => {
    // "日本" in Shift_JIS
    const sjis = Uint8Array.from([0x93, 0xfa, 0x96, 0x7b]);
    expect(decodeReport(sjis, { marketplaceId: 'A1VC38T7YXB528' })).toBe('日本');
    // "Größe" in windows-1252
    const cp1252 = Uint8Array.from([0x47, 0x72, 0xf6, 0xdf, 0x65]);
    expect(decodeReport(cp1252, { marketplaceId: 'A1PA6795UKMFR9' })).toBe('Größe');
    // € and curly quotes live in 0x80-0x9F
    expect(decodeReport(Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94]), { marketplaceId: 'A1PA6795UKMFR9' })).toBe('€ “a”');
    // UTF-8 bytes in a DE report are recognised
    expect(decodeReport(new TextEncoder().encode('Größe'), { marketplaceId: 'A1PA6795UKMFR9' })).toBe('Größe');
    // declared charset wins
    expect(decodeReport(cp1252, { marketplaceId: 'ATVPDKIKX0DER', contentType: 'text/tab-separated-values; charset=ISO-8859-1' })).toBe('Größe');
    expect(charsetOf('text/plain;charset="Windows-31J"')).toBe('windows-31j');
  });

  it('maps JP headers', () => {
    const text = '商品名\t出品者SKU\t価格\t数量\tASIN 1\tフルフィルメント・チャンネル\n急須\tJP-1\t1,500\t3\tB0JJJJJJJJ\tDEFAULT\n';
    expect(parseMerchantListingsReport(text, 'A1VC38T7YXB528')[0]).toMatchObject({ sku: 'JP-1', title: '急須', price: 1500, currency: 'JPY', quantity: 3 });
  });

  it('gunzips when told or when the bytes say so', () => {
    const raw = new TextEncoder().encode('hello');
    expect(new TextDecoder().decode(maybeGunzip(gzipSync(raw), 'GZIP'))).toBe('hello');
    expect(new TextDecoder().decode(maybeGunzip(gzipSync(raw)))).toBe('hello');
    expect(maybeGunzip(raw)).toBe(raw);
    expect(() => maybeGunzip(raw, 'GZIP')).toThrow(/GZIP/);
  });

  it('parses prices with either decimal separator', () => {
    expect(parseReportPrice('1.234,56')).toBe(1234.56);
    expect(parseReportPrice('12,5', ',')).toBe(12.5);
    expect(parseReportPrice('12.99', ',')).toBe(12.99);
    expect(parseReportPrice('1.299', ',')).toBe(1299);
    expect(parseReportPrice('1,500', '.')).toBe(1500);
    expect(parseReportPrice('1,299.00')).toBe(1299);
    expect(parseReportPrice('')).toBeUndefined();
  });
});

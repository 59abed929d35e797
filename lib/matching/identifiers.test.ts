import { describe, expect, it } from 'vitest';
import { canonicalGtin, gtinCheckDigit, isAsin, isbn10to13, normalizeSku } from './identifiers';

describe('canonicalGtin', () => {
  it('accepts valid GTIN-8/12/13/14 and pads to 14 digits', () => {
    expect(canonicalGtin('96385074')).toBe('00000096385074'); // GTIN-8
    expect(canonicalGtin('036000291452')).toBe('00036000291452'); // UPC-A
    expect(canonicalGtin('4006381333931')).toBe('04006381333931'); // EAN-13
    expect(canonicalGtin('10036000291459')).toBe('10036000291459'); // GTIN-14
  });
  it('makes a UPC-A equal to the same EAN-13 with a leading zero', () => {
    expect(canonicalGtin('036000291452')).toBe(canonicalGtin('0036000291452'));
    expect(canonicalGtin(' 0-36000-29145-2 ')).toBe('00036000291452');
  });
  it('rejects a wrong check digit, wrong lengths, letters and all zeros', () => {
    expect(canonicalGtin('036000291453')).toBeUndefined();
    expect(canonicalGtin('4006381333932')).toBeUndefined();
    expect(canonicalGtin('12345')).toBeUndefined();
    expect(canonicalGtin('40063813339A1')).toBeUndefined();
    expect(canonicalGtin('00000000000000')).toBeUndefined();
  });
  it('computes GS1 check digits', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('03600029145')).toBe(2);
  });
  it('turns an ISBN-10 into its ISBN-13 GTIN', () => {
    expect(canonicalGtin('0-306-40615-2')).toBe('09780306406157');
  });
});

describe('isbn10to13', () => {
  it('converts valid ISBN-10s, including an X check character', () => {
    expect(isbn10to13('0306406152')).toBe('9780306406157');
    expect(isbn10to13('080442957X')).toBe('9780804429573');
  });
  it('rejects an invalid ISBN-10', () => {
    expect(isbn10to13('0306406153')).toBeUndefined();
    expect(isbn10to13('030640615')).toBeUndefined();
  });
});

describe('isAsin', () => {
  it('recognizes B0 ASINs in any case and book ASINs (ISBN-10)', () => {
    expect(isAsin('B000JZ4HQO')).toBe(true);
    expect(isAsin('b000jz4hqo')).toBe(true);
    expect(isAsin('0306406152')).toBe(true);
  });
  it('rejects other strings', () => {
    expect(isAsin('B000JZ4HQ')).toBe(false);
    expect(isAsin('A000JZ4HQO')).toBe(false);
    expect(isAsin('0306406153')).toBe(false);
  });
});

describe('normalizeSku', () => {
  it('trims, collapses spaces and ignores case by default', () => {
    expect(normalizeSku('  abc-1  x ')).toBe('ABC-1 X');
  });
  it('keeps case when asked', () => {
    expect(normalizeSku('abc', { caseSensitive: true })).toBe('abc');
  });
  it('strips a marketplace prefix and suffix, removes characters, strips leading zeros', () => {
    expect(normalizeSku('amz-ABC-1-fba', { stripPrefixes: ['AMZ-'], stripSuffixes: ['-FBA'] })).toBe('ABC-1');
    expect(normalizeSku('AB-12 3', { removeChars: ' -' })).toBe('AB123');
    expect(normalizeSku('000123', { stripLeadingZeros: true })).toBe('123');
  });
  it('never strips a prefix that is the whole SKU', () => {
    expect(normalizeSku('AMZ-', { stripPrefixes: ['AMZ-'] })).toBe('AMZ-');
  });
});

/**
 * Turning a CSV file (bytes) into text, and streaming its records through papaparse.
 * Why one module: the catalog import, the links import and the preview all need the same
 * encoding detection (UTF-8, UTF-16 with BOM, else windows-1252) and the same
 * "parse a chunk, pause, let the page breathe, resume" loop.
 */
import Papa from 'papaparse';

/** Encodings we read. `auto` detects: BOM first, then strict UTF-8, else windows-1252. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Anything a CSV can arrive as: a picked File, a Blob, raw bytes, or text already decoded. */
export type CsvInput = File | Blob | ArrayBuffer | Uint8Array | string;

/** Text of a CSV file with how it was read. */
export interface CsvText {
  text: string;
  encoding: CsvEncoding;
  /** Size of the input in bytes (UTF-8 length for string input). */
  totalBytes: number;
  /** Delimiter announced by an Excel `sep=;` first line (which is removed from `text`). */
  delimiter?: string;
}

/**
 * Remove Excel's `sep=;` hint line, returning the delimiter it names. Why: Excel writes it in
 * some locales and hides it when opening, so the header is still row 1 for the seller.
 */
export function splitSepLine(text: string): { text: string; delimiter?: string } {
  const m = /^sep=(.)\r?\n/i.exec(text.slice(0, 8));
  return m?.[1] ? { text: text.slice(m[0].length), delimiter: m[1] } : { text };
}

function withSepLine<T extends CsvText>(t: T): T {
  const { text, delimiter } = splitSepLine(t.text);
  return delimiter ? { ...t, text, delimiter } : t;
}

/** Bytes decoded per slice: big enough to be fast, small enough that one slice stays a few ms. */
const DECODE_SLICE = 256 * 1024;

function bomEncoding(b: Uint8Array): { encoding: CsvEncoding; skip: number } | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/**
 * Resolves to the next turn of the event loop (not a clamped 4 ms timer): `scheduler.yield`
 * where the browser has it, `setImmediate` in Node, a MessageChannel otherwise.
 * Why: long imports give the page a chance to paint and handle input between chunks.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as unknown as {
    scheduler?: { yield?: () => Promise<void> };
    setImmediate?: (fn: () => void) => unknown;
  };
  if (typeof g.scheduler?.yield === 'function') return g.scheduler.yield();
  if (typeof g.setImmediate === 'function') {
    const setImmediateFn = g.setImmediate;
    return new Promise((resolve) => void setImmediateFn(resolve));
  }
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function toBytes(input: Exclude<CsvInput, string>): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  return new Uint8Array(await input.arrayBuffer());
}

/** windows-1252 bytes 0x80-0x9F (undefined ones stay as the C1 control). */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Some runtimes (Node before 23) decode the "windows-1252" label as ISO-8859-1, turning € (0x80)
 * into an invisible control character; map 0x80-0x9F as the WHATWG Encoding standard says.
 */
function fixCp1252(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] ?? c) : text;
}

/** Decode slice by slice, yielding to the event loop between slices when `yieldBetween` is set. */
async function decodeAll(bytes: Uint8Array, encoding: CsvEncoding, fatal: boolean, yieldBetween: boolean): Promise<string[] | undefined> {
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  const parts: string[] = [];
  try {
    for (let at = 0; at < bytes.length; at += DECODE_SLICE) {
      const end = Math.min(at + DECODE_SLICE, bytes.length);
      parts.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length }));
      if (yieldBetween && end < bytes.length) await yieldToEventLoop();
    }
    parts.push(decoder.decode());
  } catch {
    return undefined;
  }
  return encoding === 'windows-1252' ? parts.map(fixCp1252) : parts;
}

/**
 * Decode CSV bytes. A BOM decides (UTF-8 / UTF-16); otherwise strict UTF-8 is tried and, when the
 * bytes are not valid UTF-8 (a spreadsheet saved as "CSV (Windows)"), windows-1252 is used.
 * The BOM is never part of the returned text.
 */
export function decodeCsvBytes(bytes: Uint8Array, encoding: CsvEncoding | 'auto' = 'auto'): Promise<CsvText> {
  return decodeBytes(bytes, encoding, true);
}

async function decodeBytes(bytes: Uint8Array, encoding: CsvEncoding | 'auto', yieldBetween: boolean): Promise<CsvText> {
  const bom = bomEncoding(bytes);
  let body = bytes;
  let enc: CsvEncoding;
  let parts: string[] | undefined;
  if (bom && (encoding === 'auto' || encoding === bom.encoding)) {
    body = bytes.subarray(bom.skip);
    enc = bom.encoding;
    parts = await decodeAll(body, enc, false, yieldBetween);
  } else if (encoding !== 'auto') {
    enc = encoding;
    parts = await decodeAll(body, enc, false, yieldBetween);
  } else {
    enc = 'utf-8';
    parts = await decodeAll(body, 'utf-8', true, yieldBetween);
    if (!parts) {
      enc = 'windows-1252';
      parts = await decodeAll(body, enc, false, yieldBetween);
    }
  }
  let text = (parts ?? []).join('');
  // A BOM written inside the text (string input, or a second BOM) is not data either.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding: enc, totalBytes: bytes.length };
}

/** UTF-8 byte length of a string without allocating the encoded bytes. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Read a whole CSV input into text (see {@link decodeCsvBytes}). Strings are taken as they are
 * (minus a leading BOM). Why read it all: the encoding must be known before the first row is
 * trusted, and a 100,000-row catalog (~10 MB) fits comfortably in memory.
 */
export async function readCsvText(input: CsvInput, encoding: CsvEncoding | 'auto' = 'auto'): Promise<CsvText> {
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    return withSepLine({ text, encoding: 'utf-8', totalBytes: utf8Length(input) });
  }
  return withSepLine(await decodeCsvBytes(await toBytes(input), encoding));
}

/**
 * Read only the head of a CSV input (for a preview): decodes at most `maxBytes` bytes with the
 * same detection as {@link decodeCsvBytes}; a multi-byte character cut at the end is dropped.
 */
export async function readCsvHead(input: CsvInput, maxBytes = 256 * 1024): Promise<CsvText & { truncated: boolean }> {
  if (typeof input === 'string') {
    const full = await readCsvText(input);
    return { ...full, truncated: false };
  }
  let bytes: Uint8Array;
  let total: number;
  if (input instanceof Blob) {
    total = input.size;
    bytes = new Uint8Array(await input.slice(0, maxBytes).arrayBuffer());
  } else {
    const all = await toBytes(input);
    total = all.length;
    bytes = all.subarray(0, maxBytes);
  }
  const truncated = total > bytes.length;
  if (!truncated) return withSepLine({ ...(await decodeBytes(bytes, 'auto', false)), truncated });
  // Stream-decode so a character cut by the slice does not make valid UTF-8 look invalid.
  const bom = bomEncoding(bytes);
  let enc: CsvEncoding = bom?.encoding ?? 'utf-8';
  const body = bom ? bytes.subarray(bom.skip) : bytes;
  let text: string;
  try {
    text = new TextDecoder(enc, { fatal: !bom, ignoreBOM: true }).decode(body, { stream: true });
  } catch {
    enc = 'windows-1252';
    text = fixCp1252(new TextDecoder(enc).decode(body));
  }
  // Drop the last (probably cut) line so the preview never shows half a row.
  const lastNl = text.lastIndexOf('\n');
  if (lastNl > 0) text = text.slice(0, lastNl + 1);
  return withSepLine({ text, encoding: enc, totalBytes: total, truncated });
}

/** One chunk of CSV records handed to {@link streamCsvRecords}'s callback. */
export interface CsvChunk {
  /** Records (arrays of cells) in file order. */
  records: string[][];
  /** 0-based index of `records[0]` among all records of the file (record 0 is the header). */
  firstRecord: number;
  /** Parser errors, with `record` as the 0-based file-wide record index. */
  errors: { record: number; code: string; message: string }[];
  /** Characters of the text consumed so far. */
  cursor: number;
  /** The delimiter papaparse detected (or was given). */
  delimiter: string;
}

/** Options of {@link streamCsvRecords}. */
export interface StreamCsvOptions {
  /** Characters parsed per chunk (default 16 KiB). */
  chunkSize?: number;
  /** Stop after the current chunk when aborted; the promise then resolves with `aborted: true`. */
  signal?: AbortSignal;
  /** Delimiter; left out, papaparse guesses it from the first chunk (`,` `;` tab `|`). */
  delimiter?: string;
}

/** What {@link streamCsvRecords} reports at the end. */
export interface StreamCsvResult {
  records: number;
  aborted: boolean;
  delimiter: string;
  /** Longest synchronous stretch (ms) spent parsing + in `onChunk`'s synchronous part. */
  maxSliceMs: number;
  /** 95th percentile of those stretches (robust to a busy machine preempting one slice). */
  p95SliceMs: number;
  chunks: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Parse CSV text with papaparse in chunks: for each chunk the parser pauses, `onChunk` runs and is
 * awaited (e.g. a database batch), the event loop gets a turn, then the parser resumes.
 * Why: a 100,000-row file must not freeze the page, and writes must keep pace with parsing.
 */
export function streamCsvRecords(
  text: string,
  onChunk: (chunk: CsvChunk) => void | Promise<void>,
  options: StreamCsvOptions = {},
): Promise<StreamCsvResult> {
  const { chunkSize = 16 * 1024, signal, delimiter } = options;
  return new Promise<StreamCsvResult>((resolve, reject) => {
    let records = 0;
    let chunks = 0;
    let maxSliceMs = 0;
    const slices: number[] = [];
    let sliceStart = now();
    let detected = delimiter ?? ',';
    let settled = false;
    const finish = (aborted: boolean): void => {
      if (settled) return;
      settled = true;
      slices.sort((a, b) => a - b);
      const p95SliceMs = slices.length ? (slices[Math.min(slices.length - 1, Math.floor(slices.length * 0.95))] ?? 0) : 0;
      resolve({ records, aborted, delimiter: detected, maxSliceMs, p95SliceMs, chunks });
    };
    if (signal?.aborted) {
      finish(true);
      return;
    }
    if (text.length === 0) {
      finish(false);
      return;
    }
    Papa.parse<string[]>(text, {
      header: false,
      delimiter,
      chunkSize,
      // Cells are text: typing is ours (decimal commas, leading zeros in GTINs).
      dynamicTyping: false,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        parser.pause();
        chunks++;
        detected = results.meta.delimiter || detected;
        const firstRecord = records;
        records += results.data.length;
        const chunk: CsvChunk = {
          records: results.data,
          firstRecord,
          errors: results.errors.map((e) => ({ record: firstRecord + (e.row ?? 0), code: e.code, message: e.message })),
          cursor: results.meta.cursor,
          delimiter: detected,
        };
        let pending: void | Promise<void>;
        try {
          pending = onChunk(chunk);
        } catch (err) {
          settled = true;
          parser.abort();
          reject(err);
          return;
        }
        const slice = now() - sliceStart;
        slices.push(slice);
        maxSliceMs = Math.max(maxSliceMs, slice);
        Promise.resolve(pending)
          .then(() => yieldToEventLoop())
          .then(() => {
            if (signal?.aborted) {
              finish(true);
              parser.abort();
              return;
            }
            sliceStart = now();
            parser.resume();
          })
          .catch((err: unknown) => {
            if (settled) return;
            settled = true;
            parser.abort();
            reject(err);
          });
      },
      complete() {
        maxSliceMs = Math.max(maxSliceMs, now() - sliceStart);
        finish(false);
      },
    });
  });
}

/**
 * Undo the CSV formula-injection guard: a cell written as `'=...`, `'+...`, `'-...` or `'@...`
 * by {@link guardFormula} reads back as the original text.
 */
export function unguardFormula(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * Guard a cell against CSV formula injection: text starting with `=`, `+`, `-`, `@` (or a tab/CR)
 * gets a leading `'` so a spreadsheet shows it as text instead of running it.
 */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * Serialize rows to CSV with papaparse (quotes and escapes correctly) and the formula guard on
 * every cell. Line ends are CRLF, which every spreadsheet reads.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  const data = rows.map((r) => r.map((c) => (c === undefined ? '' : guardFormula(String(c)))));
  return Papa.unparse({ fields: header.map((h) => guardFormula(h)), data }, { newline: '\r\n', quotes: false });
}

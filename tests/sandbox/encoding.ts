/**
 * Text encoders the sandbox needs to write reports the way Amazon does (TextEncoder only knows
 * UTF-8): windows-1252 for western EU and Shift_JIS (windows-31j) for JP. Tables are built by
 * decoding every byte sequence with the client's decoders, so both sides agree.
 */
import { decodeWindows1252 } from '../../lib/connectors/amazon/report';
let cp1252: Map<string, number> | undefined;
let sjis: Map<string, number[]> | undefined;

function cp1252Table(): Map<string, number> {
  if (cp1252) return cp1252;
  cp1252 = new Map();
  // Not TextDecoder: Node 20 decodes 'windows-1252' as ISO-8859-1 (see lib/connectors/amazon/report.ts).
  for (let b = 0; b < 256; b++) {
    const ch = decodeWindows1252(Uint8Array.of(b));
    if (!cp1252.has(ch)) cp1252.set(ch, b);
  }
  return cp1252;
}

function sjisTable(): Map<string, number[]> {
  if (sjis) return sjis;
  sjis = new Map();
  const dec = new TextDecoder('shift_jis');
  for (let b = 0; b < 0x80; b++) sjis.set(String.fromCharCode(b), [b]);
  for (let b = 0xa1; b <= 0xdf; b++) sjis.set(dec.decode(Uint8Array.of(b)), [b]);
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !sjis.has(ch)) sjis.set(ch, [lead, trail]);
    }
  }
  return sjis;
}

/** Encode text in `encoding` ('utf-8', 'windows-1252' or 'shift_jis'); unmappable characters become '?'. */
export function encodeText(text: string, encoding: 'utf-8' | 'windows-1252' | 'shift_jis'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const out: number[] = [];
  if (encoding === 'windows-1252') {
    const table = cp1252Table();
    for (const ch of text) out.push(table.get(ch) ?? 0x3f);
  } else {
    const table = sjisTable();
    for (const ch of text) out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}

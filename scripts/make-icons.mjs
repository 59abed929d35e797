// Draws Skulink's toolbar icons (public/icon/<size>.png): two linked rings on a teal tile.
// Run: node scripts/make-icons.mjs. Plain PNG encoding with zlib; no image library needed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const CRC = new Uint32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel((x + 0.5) / size, (y + 0.5) / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
function icon(u, v) {
  const r = 0.2, inside = (Math.max(Math.abs(u - 0.5) - (0.5 - r), 0) ** 2 + Math.max(Math.abs(v - 0.5) - (0.5 - r), 0) ** 2) <= r * r;
  if (!inside) return [0, 0, 0, 0];
  const ring = (cx, cy) => Math.abs(Math.hypot(u - cx, v - cy) - 0.17) < 0.055;
  return ring(0.38, 0.5) || ring(0.62, 0.5) ? [255, 255, 255, 255] : [3, 105, 161, 255];
}
mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size, icon));
console.log('icons written to public/icon');

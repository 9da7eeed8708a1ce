// Pictures and forms for the upload suites, built from nothing: PNGs of any size (node:zlib's
// deflate and CRC-32), the EXIF block of a phone photo with its GPS position, readers of JPEG
// segments and WebP chunks, and multipart/form-data bodies written byte by byte.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function u32be(value) {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

function pngChunk(type, data) {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32be(data.length), typed, u32be(crc32(typed))]);
}

// An RGB PNG of width × height: a gradient, or random pixels (`noise`, which does not compress:
// a big file from a small picture).
export function png(width, height, { noise = false } = {}) {
  const row = width * 3 + 1;
  const raw = noise ? randomBytes(row * height) : Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * row] = 0; // filter: none
    if (noise) continue;
    for (let x = 0; x < width; x += 1) {
      const at = y * row + 1 + x * 3;
      raw[at] = (x * 255) / width;
      raw[at + 1] = (y * 255) / height;
      raw[at + 2] = 160;
    }
  }
  const header = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// A PNG whose header claims width × height pixels over a few bytes of data: a decompression bomb's
// shape (the real ones compress gigabytes of zeros into kilobytes).
export function pngBomb(width, height) {
  const header = Buffer.concat([u32be(width), u32be(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const SECRET_CAMERA = 'SecretCam';
export const SECRET_DATUM = 'SECRET-GPS-DATUM';

// APP1 "Exif": IFD0 with the camera's make and a GPS IFD (latitude 45°30'12.34" N, longitude
// 73°34'56.78" W, and a map datum easy to look for in the bytes). Little-endian TIFF.
export function exifWithGps() {
  const tiff = Buffer.alloc(191);
  let at = 0;
  const u16 = (v) => { tiff.writeUInt16LE(v, at); at += 2; };
  const u32 = (v) => { tiff.writeUInt32LE(v >>> 0, at); at += 4; };
  const entry = (tag, type, count, value) => { u16(tag); u16(type); u32(count); u32(value); };
  const GPS_IFD = 38;
  const DATA = 116;
  tiff.write('II*\0', 0, 'latin1');
  at = 4;
  u32(8);
  u16(2);
  entry(0x010f, 2, 10, DATA); // Make
  entry(0x8825, 4, 1, GPS_IFD); // GPSInfo
  u32(0);
  u16(6);
  entry(0x0000, 1, 4, 0x00000202); // GPSVersionID 2.2.0.0
  entry(0x0001, 2, 2, 'N'.charCodeAt(0)); // GPSLatitudeRef
  entry(0x0002, 5, 3, DATA + 10); // GPSLatitude
  entry(0x0003, 2, 2, 'W'.charCodeAt(0)); // GPSLongitudeRef
  entry(0x0004, 5, 3, DATA + 34); // GPSLongitude
  entry(0x0012, 2, 17, DATA + 58); // GPSMapDatum
  u32(0);
  tiff.write(`${SECRET_CAMERA}\0`, at, 'latin1');
  at += 10;
  for (const v of [45, 1, 30, 1, 1234, 100, 73, 1, 34, 1, 5678, 100]) u32(v);
  tiff.write(`${SECRET_DATUM}\0`, at, 'latin1');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, payload]);
}

// `jpeg` with the EXIF block above right after its SOI.
export function withGps(jpeg) {
  return Buffer.concat([jpeg.subarray(0, 2), exifWithGps(), jpeg.subarray(2)]);
}

// The segments of a JPEG before its first scan: [{ marker, payload }].
export function jpegSegments(jpeg) {
  const segments = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1];
    const length = jpeg.readUInt16BE(at + 2);
    segments.push({ marker, payload: jpeg.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return segments;
}

export function hasExif(jpeg) {
  return jpegSegments(jpeg).some((s) => s.marker === 0xe1 && s.payload.subarray(0, 6).toString('latin1') === 'Exif\0\0');
}

// The chunk types of a WebP file, in order.
export function webpChunks(webp) {
  const chunks = [];
  for (let at = 12; at + 8 <= webp.length;) {
    const size = webp.readUInt32LE(at + 4);
    chunks.push(webp.subarray(at, at + 4).toString('latin1'));
    at += 8 + size + (size % 2);
  }
  return chunks;
}

// A multipart/form-data body: parts are { name, value } (text) or { name, filename, type, data }.
export function multipart(parts, boundary = `----comptoir${randomBytes(8).toString('hex')}`) {
  const chunks = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    if (part.type) head += `\r\nContent-Type: ${part.type}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), Buffer.from(part.data ?? part.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

// Every regular file under `dir`, relative to it, sorted.
export function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

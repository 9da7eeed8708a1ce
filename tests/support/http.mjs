// HTTP clients for the black-box suites: `request` (node:http, one connection per call, nothing
// normalised or decompressed) and raw sockets (exact bytes out, full raw response in).
import http from 'node:http';
import net from 'node:net';

// One request on a fresh connection. Resolves to { status, headers (lower-cased), body: Buffer,
// text }. Redirects are not followed and encodings are not decoded. `localAddress` (e.g.
// 127.0.0.7) picks the client address: every address of 127.0.0.0/8 reaches a server on
// 127.0.0.1, so a test can come from "another IP".
export function request(url, { method = 'GET', headers = {}, body, timeout = 10_000, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, timeout, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const buffer = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, body: buffer, text: buffer.toString('utf8') });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no complete response within ${timeout} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const get = (url, options = {}) => request(url, { ...options, method: 'GET' });

// Describes a response for assertion messages.
export function describe(res) {
  if (!res) return String(res);
  const headers = Object.entries(res.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = res.text ?? res.body?.toString('utf8') ?? '';
  return `HTTP ${res.status}\n${headers}\n\n${body.length > 2000 ? `${body.slice(0, 2000)}…` : body}`;
}

// Parses one HTTP/1.1 response at the start of `buffer`. Returns null while incomplete (unless
// `closed`, where a body delimited by the end of the connection is complete), else
// { status, reason, headers, headerList, body, raw, length }. Interim 1xx responses are skipped.
export function parseResponse(buffer, { head = false, closed = false } = {}) {
  let offset = 0;
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n', offset);
    if (end < 0) return null;
    const headText = buffer.subarray(offset, end).toString('latin1');
    const [statusLine, ...fieldLines] = headText.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!match) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
    const status = Number(match[1]);
    const headerList = fieldLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    });
    const headers = {};
    for (const [name, value] of headerList) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    let cursor = end + 4;
    if (status >= 100 && status < 200) {
      offset = cursor;
      continue;
    }
    let body;
    if (head || status === 204 || status === 304) {
      body = Buffer.alloc(0);
    } else if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
      const parts = [];
      for (;;) {
        const lineEnd = buffer.indexOf('\r\n', cursor);
        if (lineEnd < 0) return null;
        const size = parseInt(buffer.subarray(cursor, lineEnd).toString('latin1'), 16);
        cursor = lineEnd + 2;
        if (size === 0) {
          const trailerEnd = buffer.indexOf('\r\n', cursor);
          if (trailerEnd < 0) return null;
          cursor = trailerEnd + 2;
          break;
        }
        if (buffer.length < cursor + size + 2) return null;
        parts.push(buffer.subarray(cursor, cursor + size));
        cursor += size + 2;
      }
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (buffer.length < cursor + length) return null;
      body = buffer.subarray(cursor, cursor + length);
      cursor += length;
    } else {
      if (!closed) return null;
      body = buffer.subarray(cursor);
      cursor = buffer.length;
    }
    return {
      status, reason: match[2] ?? '', headers, headerList, body, text: body.toString('utf8'),
      raw: buffer.subarray(0, cursor), length: cursor,
    };
  }
}

// A client socket that keeps everything it receives. Errors (ECONNRESET, EPIPE) end it quietly and
// are kept in `error`.
export class RawConnection {
  static connect(port, host = '127.0.0.1') {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.received = 0;
    this.closed = false;
    this.closedAt = null;
    this.error = null;
    this.waiters = new Set();
    socket.setNoDelay(true);
    socket.removeAllListeners('error');
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.received += chunk.length;
      this.notify();
    });
    socket.on('error', (error) => { this.error = error; });
    socket.on('close', () => {
      this.closed = true;
      this.closedAt = performance.now();
      this.notify();
    });
  }

  notify() {
    for (const waiter of this.waiters) waiter();
  }

  // Resolves when `check()` returns a truthy value (re-evaluated on data and close).
  until(check, timeout, what) {
    return new Promise((resolve, reject) => {
      let timer;
      const waiter = () => {
        let value;
        try {
          value = check();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what} not within ${timeout} ms; received so far: ${JSON.stringify(this.buffer.toString('latin1').slice(0, 500))}`));
      }, timeout);
      this.waiters.add(waiter);
      waiter();
    });
  }

  write(data) {
    return new Promise((resolve) => {
      if (this.closed || this.socket.destroyed) {
        resolve(false);
        return;
      }
      this.socket.write(data, (error) => resolve(!error));
    });
  }

  // Waits for one complete response and removes it from the buffer. Rejects if the connection
  // closes first (the error says what had arrived).
  async readResponse({ head = false, timeout = 5_000 } = {}) {
    const response = await this.until(() => {
      const parsed = parseResponse(this.buffer, { head, closed: this.closed });
      if (parsed) return parsed;
      if (this.closed) {
        throw new Error(`connection closed before a complete response (${this.error?.code ?? 'FIN'}); received: ${JSON.stringify(this.buffer.toString('latin1').slice(0, 500))}`);
      }
      return null;
    }, timeout, 'a complete response');
    this.buffer = this.buffer.subarray(response.length);
    return response;
  }

  // Resolves to the time (ms since epoch) the peer closed the connection; rejects after `timeout`.
  waitForClose(timeout = 5_000) {
    return this.until(() => (this.closed ? this.closedAt : null), timeout, 'connection close');
  }

  close() {
    this.socket.destroy();
  }
}

// Sends `data` on a new connection and reads one response (or the close if none comes).
// Resolves to the parsed response, or { status: null, closed: true, raw } when none arrived.
export async function rawRequest(port, data, { head = false, timeout = 5_000 } = {}) {
  const conn = await RawConnection.connect(port);
  try {
    await conn.write(data);
    try {
      return await conn.readResponse({ head, timeout });
    } catch (error) {
      if (conn.closed) return { status: null, closed: true, raw: conn.buffer, error: conn.error };
      throw error;
    }
  } finally {
    conn.close();
  }
}

// A minimal well-formed request.
export function rawGet(target, { host = '127.0.0.1', headers = {}, method = 'GET', body } = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
}

// A lean HTTP/1.1 client for the benchmarks that drive the shop from the same 2 cores it runs on
// (bench/checkout, bench/rush): one keep-alive socket per client, one request at a time, the answer
// read by its Content-Length. node:http's agent spends several times the CPU per request, and every
// microsecond a client spends is one the shop and PostgreSQL do not get.
import net from 'node:net';

const CRLF2 = Buffer.from('\r\n\r\n');

// A whole HTTP/1.1 request, as bytes: its request line, Host, `headers`, and `body` (a string or
// a Buffer; null: none) with its Content-Length.
export function rawRequest(host, method, path, body = null, headers = {}) {
  const payload = body === null ? null : Buffer.from(body);
  let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  if (payload) head += `Content-Length: ${payload.length}\r\n`;
  head += '\r\n';
  return payload ? Buffer.concat([Buffer.from(head), payload]) : Buffer.from(head);
}

export class Connection {
  constructor(url) {
    const { hostname, port } = new URL(url);
    this.host = `${hostname}:${port}`;
    this.socket = net.connect({ host: hostname, port: Number(port), noDelay: true });
    this.buffer = Buffer.alloc(0);
    this.waiting = null; // { resolve, reject } of the request in flight
    this.socket.on('data', (chunk) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error(`${this.host} closed the connection`)));
  }

  // Resolves to { status, headers (lower-case names; set-cookie an array), body (Buffer) }.
  request(method, path, body = null, headers = {}) {
    if (this.closed) return Promise.reject(this.closed);
    if (this.waiting) return Promise.reject(new Error('one request at a time per connection'));
    const bytes = rawRequest(this.host, method, path, body, headers);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(bytes);
    });
  }

  parse() {
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0 || !this.waiting) return;
    const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = { 'set-cookie': [] };
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'set-cookie') headers[name].push(value);
      else headers[name] = value;
    }
    if (headers['transfer-encoding']) {
      this.fail(new Error(`${this.host} answered with Transfer-Encoding: ${headers['transfer-encoding']}`));
      return;
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < end + 4 + length) return; // the body is still coming
    const bodyBytes = Buffer.from(this.buffer.subarray(end + 4, end + 4 + length));
    this.buffer = this.buffer.subarray(end + 4 + length);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve({ status, headers, body: bodyBytes });
  }

  // The request in flight, if any, fails with `error`, and so does every later one.
  fail(error) {
    const waiting = this.waiting;
    this.waiting = null;
    this.closed ??= error;
    this.socket.destroy();
    waiting?.reject(error);
  }

  close() {
    this.closed = new Error('closed');
    this.socket.end();
  }
}

// Runs task(item, connection) for every item, `clients` at a time, each client on its own
// connection; resolves to the results in the items' order.
export async function pool(url, clients, items, task) {
  const results = new Array(items.length);
  let next = 0;
  const client = async () => {
    const connection = new Connection(url);
    try {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i], connection);
      }
    } finally {
      connection.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(clients, items.length) }, client));
  return results;
}

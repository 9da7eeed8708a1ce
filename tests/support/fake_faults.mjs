// What the local fakes (fake_printify, fake_amazon, fake_etsy, fake_ebay, and in part fake_stripe
// and fake_dropshipper) share: the failNext / slowNext / malformedNext fault queues, the answer
// they shape (a fault before or after the request ran, a delay, half a JSON body), and the HTTP
// server's life: started on 127.0.0.1 on a free port, closed in an `after` hook of the test file
// that imported the fake. Each fake keeps what is its own: its error bodies, headers and checks.
import http from 'node:http';
import { after } from 'node:test';

// Whether queued fault `f` applies to a request. `f.path`: anything with test(pathname) (a RegExp)
// or a path prefix; `f.method`: the exact method. Either absent: any.
const matches = (f, method, path) => (!f.method || f.method === method)
  && (!f.path || (typeof f.path.test === 'function' ? f.path.test(path) : path.startsWith(f.path)));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One fake's fault queues. The controls (failNext, slowNext, malformedNext) use no `this`: a fake
// spreads `controls` into its public object, with its own comment on what failNext answers.
export function faultQueues() {
  const queues = { fail: [], slow: [], malformed: [] }; // queued { times, path?, method?, ... }

  // Takes one use of the first fault of `kind` ('fail', 'slow' or 'malformed') matching the
  // request; null when none does.
  function take(kind, method, path) {
    const queue = queues[kind];
    const k = queue.findIndex((f) => matches(f, method, path));
    if (k < 0) return null;
    const fault = queue[k];
    if (--fault.times <= 0) queue.splice(k, 1);
    return fault;
  }

  // What a test calls. `path`: a RegExp (anything with test(pathname)) or a path prefix; `method`:
  // an exact method; either absent, any request. The fake's own comment says what failNext answers.
  const controls = {
    // The next `times` matching requests answer `status`. `afterProcessing`: the request runs
    // first and only its answer is replaced, as when a response is lost.
    failNext({ status = 500, times = 1, retryAfter, path, method, body, afterProcessing = false } = {}) {
      queues.fail.push({ status, times, retryAfter, path, method, body, afterProcessing });
    },
    // The next `times` matching requests are answered `ms` later (after they ran).
    slowNext({ ms = 1000, times = 1, path, method } = {}) {
      queues.slow.push({ ms, times, path, method });
    },
    // The next `times` matching requests run, then answer 200 with half of their JSON body.
    malformedNext({ times = 1, path, method } = {}) {
      queues.malformed.push({ times, path, method });
    },
  };

  return {
    ...queues,
    ...controls,
    controls, // for a fake to spread into its own public object
    take,
    clear() {
      for (const queue of Object.values(queues)) queue.length = 0;
    },
    // A request's result: `refused` when the fake's own checks (token, rate limit) refused it, and
    // no fault is used up; else `run()`, unless a failNext fault answers `failAnswer(fault)`
    // instead (without running it, or once it ran when afterProcessing); then a slowNext fault's
    // delay. `broken`: a malformedNext fault wants the body cut in half (see writeAnswer).
    // Resolves to { result, broken }.
    async answer(method, path, { refused = null, run, failAnswer }) {
      if (refused) return { result: refused, broken: false };
      const fail = take('fail', method, path);
      let result = fail && !fail.afterProcessing ? failAnswer(fail) : run();
      if (fail?.afterProcessing) result = failAnswer(fail); // it ran, then the answer was lost
      const slow = take('slow', method, path);
      if (slow) await sleep(slow.ms);
      return { result, broken: Boolean(take('malformed', method, path)) };
    },
  };
}

// What a fake's expireTokenAfter(calls) sets going: once `calls` more calls have been let through,
// the next one's count() runs `expire()` (once) before the fake checks its token, so a client
// holding that token meets the refusal mid-run. The fake calls count() first thing in its token
// check, and clear() on reset.
export function callCountdown(expire) {
  let left = null; // calls still let through; null: not counting
  return {
    count() {
      if (left !== null && left-- <= 0) {
        left = null;
        expire();
      }
    },
    start(calls) {
      left = calls;
    },
    clear() {
      left = null;
    },
  };
}

// A request's body as text.
export function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// Writes `result.body` as JSON with `result.status`, or, when `broken`, status 200 and the first
// half of that JSON (at least one character).
export function writeAnswer(res, result, headers, broken) {
  const json = JSON.stringify(result.body);
  res.writeHead(broken ? 200 : result.status, headers);
  res.end(broken ? json.slice(0, Math.max(1, Math.floor(json.length / 2))) : json);
}

// The fakes a module starts, each closed (close() with no arguments) in an `after` hook of the
// test file importing that module. Call once, at the module's top level.
export function fakeRegistry() {
  const running = new Set();
  after(async () => {
    for (const fake of [...running]) await fake.close().catch(() => {});
  });
  return {
    add(fake) {
      running.add(fake);
    },
    // Forgets `fake` and closes its server (if still listening), dropping open connections.
    async close(fake, server) {
      running.delete(fake);
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// A server answering with `handle(req, res)`; when that rejects, a 500 with the JSON `crashBody(error)`
// (or the end of whatever was already sent).
export function jsonServer(handle, crashBody) {
  return http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(crashBody(error)));
    });
  });
}

// Listens on 127.0.0.1 on a free port; resolves to the server's base URL.
export async function listenLocal(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return `http://127.0.0.1:${server.address().port}`;
}

// Reads one series of a server's /metrics (Prometheus text format): its value, or undefined when
// the series is not exposed. `series` is written as exposed, labels included:
// 'waf_blocks_total{rule="method",mode="on"}'. `server.metricsUrl`, when set, is read instead of
// `${server.url}/metrics` (a process whose metrics listen on their own port).
import assert from 'node:assert/strict';
import { request } from './http.mjs';

export async function metricValue(server, series) {
  const res = await request(server.metricsUrl ?? `${server.url}/metrics`);
  assert.equal(res.status, 200);
  const line = res.text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : undefined;
}

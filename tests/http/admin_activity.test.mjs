// The back office's activity log (/admin/activity, audit:read), black box: who may read it (the
// permission matrix, anonymous visitors sent to sign in, a refusal itself on record), its filters
// (actor by email or name, action whole or by family, entity, dates) and cursor pages, each entry
// shown readably (before → after, a link to the order), and the CSV export of the same view:
// RFC 4180 quoting, cells a spreadsheet would run as formulas defused, bounded at 10,000 rows,
// and each download recorded (audit.exported).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, backOffice } from '../support/back_office.mjs';
import { pageText } from '../support/html.mjs';
import { describe as show, startServer } from '../support/server.mjs';

const READERS = ['owner', 'admin'];

let server;
let office;
let staff;
const flat = (text) => pageText(text).replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

// An entry written as the application would, with what a test needs to find it again.
function entry({ actor = null, action, kind = null, id = null, ip = null, request = null, details = {}, at = null }) {
  const value = (v) => (v === null ? 'NULL' : office.quote(v));
  return Number(office.sql(`INSERT INTO audit_log (occurred_at, actor_kind, actor_id, action, target_kind, target_id, ip, request_id, details)
    VALUES (${at ? `${office.quote(at)}::timestamptz` : 'now()'}, ${actor ? "'user'" : "'system'"}, ${actor ?? 'NULL'}, ${office.quote(action)},
    ${value(kind)}, ${value(id)}, ${ip ? `${office.quote(ip)}::inet` : 'NULL'}, ${value(request)}, ${office.quote(JSON.stringify(details))}::jsonb) RETURNING id`));
}

// The rows of the log's table: { id, text, html }.
const rowsOf = (html) => [...html.matchAll(/<tr id="audit-(\d+)">([\s\S]*?)<\/tr>/g)]
  .map((m) => ({ id: Number(m[1]), html: m[2], text: flat(m[2]) }));
const idsOf = (html) => rowsOf(html).map((r) => r.id);

// RFC 4180: records of fields, quoted fields may hold commas, quotes (doubled) and line breaks.
function parseCsv(text) {
  const records = [];
  let field = '';
  let record = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field); field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i += 1;
    } else {
      assert.notEqual(c, '\n', `a bare LF outside quotes at ${i}`);
      field += c;
    }
  }
  assert.equal(field + record.join(''), '', 'the last record does not end with CRLF');
  return records;
}

before(async () => {
  server = await startServer();
  office = backOffice(server, { firstAddress: 60 });
  staff = {};
  for (const role of ROLES) staff[role] = await office.staffMember(role);
}, { timeout: 120_000 });
after(async () => {
  await server?.stop();
});

describe('who reads the activity log', { timeout: 60_000 }, () => {
  test('owners and admins (audit:read) only; a refusal is on record; anonymous visitors are sent to sign in', async () => {
    for (const path of ['/admin/activity', '/admin/activity.csv']) {
      for (const role of ROLES) {
        const res = await staff[role].client.get(path);
        assert.equal(res.status, READERS.includes(role) ? 200 : 403, `${role} GET ${path}: ${show(res)}`);
      }
      const anonymous = await office.visitor().get(`${path}?action=order.`);
      assert.equal(anonymous.status, 303, show(anonymous));
      assert.equal(anonymous.headers.location, `/fr/connexion?next=${encodeURIComponent(`${path}?action=order.`)}`);
    }
    const customer = office.visitor();
    const email = `client-journal-${process.pid}@example.ca`;
    await office.createUser(email, 'customer');
    await office.signIn(customer, email);
    assert.equal((await customer.get('/admin/activity')).status, 403);
    assert.equal((await customer.get('/admin/activity.csv')).status, 403);

    // The support member's refusal, as the owner reads it: who, the page and the permission.
    const res = await staff.owner.client.get(`/admin/activity?actor=${encodeURIComponent(staff.support.email)}&action=access.denied`);
    assert.equal(res.status, 200, show(res));
    const rows = rowsOf(res.text);
    assert.ok(rows.length >= 2, `no refusal of support listed:\n${flat(res.text).slice(0, 2000)}`);
    assert.match(rows[0].text, /access\.denied/);
    assert.match(rows[0].text, /\/admin\/activity/);
    assert.match(rows[0].text, /permission audit:read/);
    assert.match(rows[0].text, /127\.0\.60\.\d+/);
    assert.match(rows[0].html, /<code class="admin-code--small">[0-9a-f]{24}<\/code>/, 'no request id');
  });

  test('the navigation offers the log to those who may read it', async () => {
    const nav = (html) => /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)[0];
    assert.match(nav((await staff.admin.client.get('/admin/')).text), /href="\/admin\/activity">Journal d’activité</);
    assert.doesNotMatch(nav((await staff.order_manager.client.get('/admin/')).text), /\/admin\/activity/);
  });
});

describe('the log’s filters and pages', { timeout: 90_000 }, () => {
  test('by action (whole or a family), entity, actor (email or name) and dates', async () => {
    const who = await office.createUser(`anne.roy-${process.pid}@example.ca`, 'support', { name: 'Anne Roy' });
    const a = entry({ actor: who, action: 'order.status_changed', kind: 'order', id: 'CMP-0000AAAA', details: { from: 'paid', to: 'fulfilled' } });
    const b = entry({ actor: who, action: 'order.address_viewed', kind: 'order', id: 'CMP-0000BBBB' });
    const c = entry({ action: 'keys.rotated', details: { active_key: 'k2' } });
    const old = entry({ action: 'order.status_changed', kind: 'order', id: 'CMP-0000CCCC', at: '2020-02-03 12:00:00+00' });
    const client = staff.admin.client;
    const ids = async (query) => {
      const res = await client.get(`/admin/activity?${query}`);
      assert.equal(res.status, 200, show(res));
      return idsOf(res.text);
    };
    assert.deepEqual((await ids('action=order.status_changed')).filter((id) => [a, b, c, old].includes(id)), [a, old]);
    assert.deepEqual((await ids('action=order.')).filter((id) => [a, b, c, old].includes(id)), [b, a, old]);
    assert.deepEqual(await ids('kind=order&id=CMP-0000BBBB'), [b]);
    assert.deepEqual(await ids(`actor=${encodeURIComponent(`anne.roy-${process.pid}@example.ca`)}`), [b, a]);
    assert.deepEqual(await ids('actor=anne+roy'), [b, a]);
    assert.deepEqual(await ids('actor=anne+roy&action=order.address_viewed'), [b]);
    assert.deepEqual(await ids('from=2020-02-03&to=2020-02-03'), [old]);
    assert.deepEqual(await ids('to=2020-02-02'), []);

    const none = await client.get('/admin/activity?actor=personne-inconnue');
    assert.equal(none.status, 200);
    assert.match(flat(none.text), /Aucun compte ne correspond/);
    const bad = await client.get('/admin/activity?action=Order+status&id=CMP-0000BBBB&from=2020-02-30');
    assert.equal(bad.status, 400, show(bad));
    assert.match(flat(bad.text), /mots en minuscules/);
    assert.match(flat(bad.text), /Indiquez le type de l’entité/);
    assert.match(flat(bad.text), /AAAA-MM-JJ/);
  });

  test('an entry shows its changes field by field and links to its order', async () => {
    const id = entry({
      action: 'product.updated', kind: 'order', id: 'CMP-0000DDDD', ip: '203.0.113.7', request: 'req-journal-1',
      details: { before: { name: 'Théière', price: 4500 }, after: { name: 'Théière en fonte', price: 4900 }, note: 'soldes' },
    });
    const res = await staff.owner.client.get('/admin/activity?kind=order&id=CMP-0000DDDD');
    const [row] = rowsOf(res.text);
    assert.equal(row.id, id);
    assert.match(row.html, /<a href="\/admin\/orders\/CMP-0000DDDD">CMP-0000DDDD<\/a>/);
    assert.match(row.text, /name Théière → devient Théière en fonte/);
    assert.match(row.text, /price 4500 → devient 4900/);
    assert.match(row.text, /note soldes/);
    assert.match(row.text, /203\.0\.113\.7/);
    assert.match(row.text, /req-journal-1/);
    assert.doesNotMatch(row.html, /&quot;before&quot;|"before"/, 'the details are a raw JSON dump');
    assert.match(row.text, /Système/);
    // The catalog's writes: {"changes": {field: {before, after}}}, and the product's page.
    const product = entry({ action: 'product.updated', kind: 'product', id: '4242', details: { changes: { 'text.fr.name': { before: 'Bol', after: 'Bol en grès' } }, version: 3 } });
    const [written] = rowsOf((await staff.owner.client.get('/admin/activity?kind=product&id=4242')).text);
    assert.equal(written.id, product);
    assert.match(written.html, /<a href="\/admin\/products\/4242">4242<\/a>/);
    assert.match(written.text, /text\.fr\.name Bol → devient Bol en grès/);
    assert.match(written.text, /version 3/);
    // In English, for a staff member who reads English.
    const english = await office.staffMember('admin', 'admin-en');
    office.sql(`UPDATE users SET locale = 'en' WHERE id = ${english.id}`);
    const en = await english.client.get('/admin/activity?kind=order&id=CMP-0000DDDD');
    assert.match(en.text, /<html lang="en-CA">/);
    assert.match(rowsOf(en.text)[0].text, /name Théière → becomes Théière en fonte/);
    assert.match(flat(en.text), /Activity log/);
  });

  test('pages follow a cursor: no entry twice, none skipped, while new ones arrive', async () => {
    office.sql(`INSERT INTO audit_log (actor_kind, action, target_kind, target_id)
      SELECT 'system', 'page.tested', 'lot', 'L' || g FROM generate_series(1, 120) g`);
    const client = staff.admin.client;
    const seen = [];
    let path = '/admin/activity?action=page.tested';
    let pages = 0;
    while (path) {
      const res = await client.get(path);
      assert.equal(res.status, 200, show(res));
      seen.push(...idsOf(res.text));
      pages += 1;
      if (pages === 1) office.sql("INSERT INTO audit_log (actor_kind, action) VALUES ('system', 'page.tested')");
      path = /<a href="([^"]+)" rel="next">/.exec(res.text)?.[1]?.replaceAll('&amp;', '&');
    }
    assert.equal(pages, 3);
    assert.equal(new Set(seen).size, 120, 'an entry listed twice or skipped');
    const expected = office.sql(`SELECT string_agg(id::text, ',' ORDER BY occurred_at DESC, id DESC) FROM audit_log
      WHERE action = 'page.tested' AND target_kind = 'lot'`).split(',').map(Number);
    assert.deepEqual(seen, expected);
  });
});

describe('the CSV export', { timeout: 90_000 }, () => {
  test('the filtered view as RFC 4180 CSV, formulas defused, and the download on record', async () => {
    const mark = `csv-${process.pid}`;
    entry({ action: 'csv.tested', kind: 'order', id: '=HYPERLINK("http://evil.example","clic")', request: mark, details: { note: 'a, "b"\nc' } });
    entry({ action: 'csv.tested', kind: 'order', id: '+33 1 23 45 67 89', request: mark });
    entry({ action: 'csv.tested', kind: 'order', id: '@SUM(A1:A2)', request: mark });
    entry({ action: 'csv.tested', kind: 'order', id: '-1+1', request: mark });
    entry({ action: 'csv.tested', kind: 'order', id: '\tTAB', request: mark });
    entry({ action: 'csv.tested', kind: 'order', id: 'line 1\r\nline 2; 3', request: mark });
    entry({ action: 'other.tested', kind: 'order', id: 'not exported', request: mark });

    const res = await staff.owner.client.get('/admin/activity.csv?action=csv.tested');
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(res.headers['content-disposition'], /^attachment; filename="activity-\d{8}-\d{6}\.csv"$/);
    assert.match(res.headers['cache-control'], /no-store/);
    assert.equal(res.headers['comptoir-export-truncated'], undefined);
    const [head, ...records] = parseCsv(res.text);
    assert.deepEqual(head, ['id', 'occurred_at', 'actor_kind', 'actor_id', 'actor_email', 'actor_name', 'action', 'target_kind', 'target_id', 'ip', 'request_id', 'details']);
    assert.equal(records.length, 6);
    assert.ok(records.every((r) => r.length === 12 && r[6] === 'csv.tested'));
    const targets = records.map((r) => r[8]).reverse();
    assert.deepEqual(targets, [
      `'=HYPERLINK("http://evil.example","clic")`, "'+33 1 23 45 67 89", "'@SUM(A1:A2)", "'-1+1", "'\tTAB", 'line 1\r\nline 2; 3',
    ]);
    assert.deepEqual(JSON.parse(records.at(-1)[11]), { note: 'a, "b"\nc' });
    // The raw text: a defused cell is quoted, with its apostrophe inside the quotes.
    assert.ok(res.text.includes(`"'=HYPERLINK(""http://evil.example"",""clic"")"`), res.text.slice(0, 600));

    const recorded = office.sql(`SELECT actor_id || ' ' || (details->'filters'->>'action') || ' ' || (details->>'rows') || ' ' || (details->>'truncated')
      FROM audit_log WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 1`);
    assert.equal(recorded, `${staff.owner.id} csv.tested 6 false`);
  });

  test('at most 10,000 rows, the newest, and the answer says it was cut', async () => {
    office.sql(`INSERT INTO audit_log (occurred_at, actor_kind, action, target_kind, target_id)
      SELECT now() - g * interval '1 second', 'system', 'bulk.tested', 'lot', 'B' || g FROM generate_series(1, 10005) g`);
    const res = await staff.admin.client.get('/admin/activity.csv?action=bulk.');
    assert.equal(res.status, 200, show(res));
    assert.equal(res.headers['comptoir-export-truncated'], 'true');
    const [, ...records] = parseCsv(res.text);
    assert.equal(records.length, 10_000);
    assert.equal(records[0][8], 'B1');
    assert.equal(records.at(-1)[8], 'B10000');
    const bad = await staff.admin.client.get('/admin/activity.csv?from=2026-13-01');
    assert.equal(bad.status, 400, show(bad));
  });
});

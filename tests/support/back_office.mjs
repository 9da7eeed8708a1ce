// Staff for the back office's black-box suites: users of each role made straight in the database
// (sharing one argon2id hash made once by `comptoir user create`), signed in from their own client
// address, with two-factor enrolled as the enrolment page asks.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { FormClient } from './form_client.mjs';
import { describe as show, runComptoir } from './server.mjs';
import { totp } from './totp.mjs';

export const STAFF_PASSWORD = 'Tableau-de-bord-2026';
export const ROLES = ['owner', 'admin', 'order_manager', 'catalog_manager', 'support'];

// `firstAddress`: the third byte of the 127.0.x.y addresses the clients connect from, so that two
// suites running at once do not share per-address limits.
export function backOffice(server, { firstAddress = 40 } = {}) {
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();
  const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

  let visitors = 0;
  const visitor = () => {
    visitors += 1;
    return new FormClient(server.url, { localAddress: `127.0.${firstAddress + Math.floor(visitors / 250)}.${(visitors % 250) + 1}` });
  };

  let model = null;
  // `name` and `locale`: the account's display name and language.
  async function createUser(email, role, { name = '', locale = 'fr' } = {}) {
    if (!model) {
      model = `modele-admin-${process.pid}-${firstAddress}@example.ca`;
      const made = await runComptoir(['user', 'create', '--email', model, '--role', 'customer'], {
        env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${STAFF_PASSWORD}\n`, timeout: 60_000,
      });
      assert.equal(made.code, 0, made.output);
    }
    return Number(sql(`INSERT INTO users (email, password_hash, role_id, locale, display_name)
      SELECT ${quote(email)}, password_hash, (SELECT id FROM roles WHERE name = ${quote(role)}), ${quote(locale)}, ${quote(name)}
      FROM users WHERE email = ${quote(model)} RETURNING id`));
  }

  async function signIn(client, email) {
    const res = await client.submit('/fr/connexion', { email, password: STAFF_PASSWORD }, { action: '/fr/connexion' });
    assert.equal(res.status, 303, show(res));
    return res;
  }

  // Signs in and enrols two-factor from the enrolment page (staff must, before anything else).
  async function staffMember(role, label = role) {
    const email = `${label}-${process.pid}@example.ca`;
    const id = await createUser(email, role);
    const client = visitor();
    await signIn(client, email);
    const page = await client.get('/fr/compte/double-authentification');
    assert.equal(page.status, 200, show(page));
    const secret = /<code>([A-Z2-7]{4}(?: [A-Z2-7]{1,4})+)<\/code>/.exec(page.text)?.[1];
    assert.ok(secret, `no secret on the enrolment page:\n${page.text.slice(0, 1500)}`);
    const done = await client.submit('/fr/compte/double-authentification', { code: totp(secret) },
      { action: '/fr/compte/double-authentification' });
    assert.ok([200, 303].includes(done.status), show(done));
    return { client, email, id, secret };
  }

  return { sql, quote, visitor, createUser, signIn, staffMember };
}

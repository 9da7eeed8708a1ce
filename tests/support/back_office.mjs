// The back office's HTTP suites share this: staff accounts of every role signed in with
// two-factor on a running server, visitors from distinct addresses (the per-IP limits stay out of
// the way), and the database read through psql for what no page shows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { FormClient, formsOf } from './form_client.mjs';
import { describe as show, runComptoir } from './server.mjs';
import { totp } from './totp.mjs';

export const STAFF_PASSWORD = 'Tableau-de-bord-2026';
export const STAFF_ROLES = ['owner', 'admin', 'order_manager', 'catalog_manager', 'support'];

export const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

// Helpers bound to `server` (from startServer). `subnet` (0–255) keeps each suite's visitors on
// addresses of their own.
export function backOffice(server, { subnet = 40 } = {}) {
  const sql = (query) => execFileSync('psql', [server.database.url, '-X', '-q', '-t', '-A', '-c', query], { encoding: 'utf8' }).trim();

  let visitors = 0;
  const visitor = () => {
    visitors += 1;
    return new FormClient(server.url, { localAddress: `127.0.${subnet + Math.floor(visitors / 250)}.${(visitors % 250) + 1}` });
  };

  // Users share one argon2id hash (made once by the operator command) to save a second per user.
  let model = null;
  const createUser = async (email, role, { name = '', locale = 'fr' } = {}) => {
    if (!model) {
      model = `modele-${subnet}-${process.pid}@example.ca`;
      const made = await runComptoir(['user', 'create', '--email', model, '--role', 'customer'], {
        env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${STAFF_PASSWORD}\n`, timeout: 60_000,
      });
      assert.equal(made.code, 0, made.output);
    }
    return Number(sql(`INSERT INTO users (email, password_hash, role_id, locale, display_name)
      SELECT ${quote(email)}, password_hash, (SELECT id FROM roles WHERE name = ${quote(role)}), ${quote(locale)}, ${quote(name)}
      FROM users WHERE email = ${quote(model)} RETURNING id`));
  };

  const signIn = async (client, email) => {
    const res = await client.submit('/fr/connexion', { email, password: STAFF_PASSWORD }, { action: '/fr/connexion' });
    assert.equal(res.status, 303, show(res));
    return res;
  };

  // Signs in and enrols two-factor from the enrolment page (staff must, before anything else).
  const staffMember = async (role, { email = `${role}-${subnet}-${process.pid}@example.ca`, name = '' } = {}) => {
    const id = await createUser(email, role, { name });
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
  };

  // One signed-in staff member per role: { role → { client, email, id, secret } }.
  const staffOfEveryRole = async () => {
    const staff = {};
    for (const role of STAFF_ROLES) staff[role] = await staffMember(role);
    return staff;
  };

  // A CSRF token of `client`'s session, from any back-office page.
  const csrfOf = async (client) => formsOf((await client.get('/admin/')).text).find((f) => f.fields._csrf).fields._csrf;

  return { sql, visitor, createUser, signIn, staffMember, staffOfEveryRole, csrfOf };
}

// Returns (RMA) from the customer's side, black box, as a browser without JavaScript: the order
// page's return form in French and in English, what it refuses (too many units, nothing chosen,
// the window closed, a forged form, another customer), the returns listed on the order page, the
// mails that follow through a real SMTP server, and staff running it from the back office (approve,
// receive, refund once with one mail; stale and forbidden changes refused), checked in the
// database and the mailbox.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backOffice } from '../support/back_office.mjs';
import { ADDRESS, checkoutShop, normalise } from '../support/checkout_fixtures.mjs';
import { FormClient, formsOf } from '../support/form_client.mjs';
import { loadCatalog, pageText } from '../support/html.mjs';
import { describe as show, request, runComptoir, startServer } from '../support/server.mjs';
import { startSmtpCapture } from '../support/smtp_capture.mjs';

const PASSWORD = 'Erable-et-sapin-2026';
const KEYS = `k1:${Buffer.alloc(32, 23).toString('base64')}`;
const messages = { fr: loadCatalog('fr'), en: loadCatalog('en') };
const t = (locale, key) => {
  assert.ok(messages[locale][key], `locales/${locale}.json has no ${key}`);
  return messages[locale][key];
};

// At the top level: its `after` hook closes it when the file ends.
const smtp = await startSmtpCapture();
let server;
let shop;
let staffToken;
const text = (res) => normalise(pageText(res.text));
const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;

before(async () => {
  server = await startServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'boutique@example.ca', COMPTOIR_SECRET_KEYS: KEYS } });
  shop = await checkoutShop(server);
  const made = await runComptoir(['token', 'create', '--name', 'returns-desk', '--scope', 'orders:write'], {
    env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url },
  });
  assert.equal(made.code, 0, made.output);
  staffToken = made.stdout.trim().split('\n').pop().trim();
}, { timeout: 60_000 });
after(async () => {
  await server?.stop();
});

// Customers with the password PASSWORD: the first made by the operator command (argon2id, about
// a second), the others copied from it in SQL with another email.
let model = null;
let customers = 0;
async function customer() {
  customers += 1;
  const email = `retour-${customers}-${process.pid}@example.ca`;
  if (!model) {
    model = email;
    const made = await runComptoir(['user', 'create', '--email', email, '--role', 'customer'], {
      env: { COMPTOIR_ENV: 'test', DATABASE_URL: server.database.url }, input: `${PASSWORD}\n`, timeout: 60_000,
    });
    assert.equal(made.code, 0, made.output);
  } else {
    shop.sql(`INSERT INTO users (email, password_hash, role_id) SELECT ${quote(email)}, password_hash, role_id
      FROM users WHERE email = ${quote(model)}`);
  }
  const client = new FormClient(server.url, { localAddress: `127.0.${40 + Math.floor(customers / 250)}.${(customers % 250) + 1}` });
  const signed = await client.submit('/fr/connexion', { email, password: PASSWORD });
  assert.equal(signed.status, 303, show(signed));
  return { client, email };
}

// The signed-in customer orders `quantity` of `product` through the cart and checkout API (paid
// offline), and staff mark it paid: an order its customer may return.
async function paidOrder({ client, email }, product, quantity) {
  const first = await client.send('/api/v1/cart', { headers: { accept: 'application/json' } });
  const csrf = JSON.parse(first.text).csrf_token;
  const call = (path, body) => client.send(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf, origin: server.url },
    rawBody: JSON.stringify(body),
  });
  const added = await call('/api/v1/cart/items', { product_id: product.id, variant_id: product.variant, quantity });
  assert.equal(added.status, 201, show(added));
  const placed = await call('/api/v1/checkout', { email, region: 'CA-QC', shipping_address: ADDRESS });
  assert.equal(placed.status, 201, show(placed));
  const { number } = JSON.parse(placed.text).order;
  const paid = await request(`${server.url}/api/v1/orders/${number}/transitions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ to: 'paid' }),
  });
  assert.equal(paid.status, 200, show(paid));
  return number;
}

const orderPath = (locale, number) => `${locale === 'fr' ? '/fr/commandes/' : '/en/orders/'}${number.toLowerCase()}`;
const returnsPath = (locale, number) => `${orderPath(locale, number)}${locale === 'fr' ? '/retours' : '/returns'}`;

// Asks for a return through the order page's own form: GET the page, fill the form, POST it.
async function askReturn(client, locale, number, fields) {
  const page = await client.get(orderPath(locale, number));
  assert.equal(page.status, 200, show(page));
  const form = formsOf(page.text).find((f) => f.action === returnsPath(locale, number));
  assert.ok(form, `no return form on ${orderPath(locale, number)}:\n${text(page)}`);
  return client.send(form.action, { method: 'POST', form: { ...form.fields, ...fields } });
}

// The session's CSRF token, from the account page's forms.
async function csrfOf(client) {
  const token = formsOf((await client.get('/fr/compte')).text).find((f) => f.fields._csrf)?.fields._csrf;
  assert.ok(token, 'the account page has a form with a token');
  return token;
}

const returnsOf = (number) => shop.sql(`SELECT r.number, r.state, r.locale, sum(l.quantity) FROM returns r
  JOIN return_lines l ON l.return_id = r.id JOIN orders o ON o.id = r.order_id
  WHERE o.number = ${quote(number)} GROUP BY r.id ORDER BY r.id`).split('\n').filter(Boolean).map((row) => {
  const [rma, state, locale, units] = row.split('|');
  return { rma, state, locale, units: Number(units) };
});

describe('asking for a return on the order page', { timeout: 180_000 }, () => {
  test('in French, then in English: listed on the page, mailed, and never more units than ordered', async () => {
    const kettle = await shop.product({ fr: 'Bouilloire émaillée', en: 'Enamel kettle', price: 1_990, stock: 9 });
    const marie = await customer();
    const number = await paidOrder(marie, kettle, 3);

    const page = await marie.client.get(orderPath('fr', number));
    const shown = text(page);
    assert.ok(shown.includes(t('fr', 'returns.ask.title')), shown);
    assert.ok(shown.includes('Bouilloire émaillée : unités à retourner (au plus 3)'), shown);

    const asked = await askReturn(marie.client, 'fr', number, { 'line-0': '2', reason: 'damaged', comment: 'Émail écaillé' });
    assert.equal(asked.status, 303, show(asked));
    assert.equal(asked.headers.location, `${orderPath('fr', number)}?notice=return_requested`);
    const [first] = returnsOf(number);
    assert.deepEqual({ state: first.state, locale: first.locale, units: first.units }, { state: 'requested', locale: 'fr', units: 2 });
    const after = await marie.client.get(asked.headers.location);
    const listed = text(after);
    for (const part of [t('fr', 'orders.notice.return_requested'), first.rma, t('fr', 'returns.state.requested')]) {
      assert.ok(listed.includes(part), `"${part}" not on the order page: ${listed}`);
    }
    assert.ok(listed.includes('(au plus 1)'), 'the form offers only the unit left');
    const mail = await smtp.waitFor(marie.email, (m) => m.subject.includes(first.rma));
    assert.equal(mail.subject, `Retour ${first.rma} : demande reçue`);
    const body = normalise(mail.parts['text/plain']);
    for (const part of [`Commande : ${number}`, 'Bouilloire émaillée × 2', 'Remboursement prévu :', orderPath('fr', number)]) {
      assert.ok(body.includes(part), `"${part}" not in the mail:\n${body}`);
    }

    // In English, more than the unit left is refused with the field's message; the unit left is fine.
    const tooMany = await askReturn(marie.client, 'en', number, { 'line-0': '2', reason: 'defective' });
    assert.equal(tooMany.status, 422, show(tooMany));
    const refused = text(tooMany);
    assert.ok(refused.includes('You can return at most 1 unit(s) of Bouilloire émaillée.'), refused);
    assert.match(tooMany.text, /id="return-line-0"[^>]*value="2"/, 'the typed quantity is kept');
    assert.equal(returnsOf(number).length, 1, 'nothing recorded');

    const last = await askReturn(marie.client, 'en', number, { 'line-0': '1', reason: 'defective' });
    assert.equal(last.status, 303, show(last));
    const [, second] = returnsOf(number);
    assert.deepEqual({ state: second.state, locale: second.locale, units: second.units }, { state: 'requested', locale: 'en', units: 1 });
    const english = text(await marie.client.get(orderPath('en', number)));
    for (const part of [first.rma, second.rma, t('en', 'returns.state.requested'), t('en', 'returns.ask.nothing_left')]) {
      assert.ok(english.includes(part), `"${part}" not on the English order page: ${english}`);
    }
    const englishMail = await smtp.waitFor(marie.email, (m) => m.subject.includes(second.rma));
    assert.equal(englishMail.subject, `Return ${second.rma}: request received`);

    // Every unit is in a return now: the page has no form, and a POST made by hand for more is
    // refused all the same.
    const csrf = await csrfOf(marie.client);
    const over = await marie.client.send(returnsPath('fr', number), { method: 'POST', form: { _csrf: csrf, 'line-0': '1', reason: 'other' } });
    assert.equal(over.status, 422, show(over));
    assert.ok(text(over).includes('Vous pouvez retourner au plus 0 unité(s) de Bouilloire émaillée.'), text(over));
    assert.equal(returnsOf(number).length, 2);
  });

  test('nothing chosen, no reason, a closed window: refused with a message in the page language', async () => {
    const mug = await shop.product({ fr: 'Tasse en grès', en: 'Stoneware mug', price: 1_500, stock: 9 });
    const paul = await customer();
    const number = await paidOrder(paul, mug, 2);

    const nothing = await askReturn(paul.client, 'fr', number, { 'line-0': '0', reason: 'other' });
    assert.equal(nothing.status, 422, show(nothing));
    assert.ok(text(nothing).includes(t('fr', 'returns.error.nothing_selected')), text(nothing));
    const noReason = await askReturn(paul.client, 'en', number, { 'line-0': '1', reason: '' });
    assert.equal(noReason.status, 422, show(noReason));
    assert.ok(text(noReason).includes(t('en', 'returns.error.reason')), text(noReason));
    const notNumber = await askReturn(paul.client, 'en', number, { 'line-0': 'two', reason: 'other' });
    assert.equal(notNumber.status, 422, show(notNumber));
    assert.ok(text(notNumber).includes(t('en', 'returns.error.bad_quantity')), text(notNumber));

    // Paid 31 days ago and never shipped: the 30 days have passed.
    const formPage = await paul.client.get(orderPath('fr', number));
    const form = formsOf(formPage.text).find((f) => f.action === returnsPath('fr', number));
    shop.sql(`UPDATE orders SET paid_at = now() - interval '31 days' WHERE number = ${quote(number)}`);
    const late = await paul.client.send(form.action, { method: 'POST', form: { ...form.fields, 'line-0': '1', reason: 'other' } });
    assert.equal(late.status, 409, show(late));
    assert.match(text(late), /Le délai de retour de cette commande a pris fin le \d{1,2} \S+ \d{4}/);
    const closed = text(await paul.client.get(orderPath('en', number)));
    assert.match(closed, /The return window of this order closed on \S+ \d{1,2}, \d{4}\./);
    assert.ok(!formsOf((await paul.client.get(orderPath('en', number))).text).some((f) => f.action === returnsPath('en', number)));
    assert.equal(returnsOf(number).length, 0);
  });

  test('another customer gets 404, a forged form 403, a guest no form at all', async () => {
    const board = await shop.product({ fr: 'Planche à découper', en: 'Cutting board', price: 3_500, stock: 9 });
    const owner = await customer();
    const stranger = await customer();
    const number = await paidOrder(owner, board, 1);

    const strangerPage = await stranger.client.get(orderPath('fr', number));
    assert.equal(strangerPage.status, 404, show(strangerPage));
    const foreign = await stranger.client.send(returnsPath('fr', number), {
      method: 'POST', form: { _csrf: await csrfOf(stranger.client), 'line-0': '1', reason: 'other' },
    });
    assert.equal(foreign.status, 404, show(foreign));

    const forged = await askReturn(owner.client, 'fr', number, { _csrf: 'forged', 'line-0': '1', reason: 'other' });
    assert.equal(forged.status, 403, show(forged));
    assert.ok(text(forged).includes(t('fr', 'returns.error.csrf')), text(forged));
    const genuine = await askReturn(owner.client, 'en', number, { 'line-0': '1', reason: 'other' });
    assert.equal(genuine.status, 303, show(genuine), 'the genuine form still works');
    const [made] = returnsOf(number);
    assert.equal(returnsOf(number).length, 1);

    // The mail's link shows the order and its returns to whoever holds it, but no form.
    const mail = await smtp.waitFor(owner.email, (m) => m.subject.includes(made.rma));
    const link = /http:\/\/\S+\/en\/orders\/\S+/.exec(mail.parts['text/plain'])?.[0];
    assert.ok(link, mail.parts['text/plain']);
    const guest = new FormClient(server.url);
    const viaLink = await guest.get(link.slice(server.url.length));
    assert.equal(viaLink.status, 200, show(viaLink));
    assert.ok(text(viaLink).includes(made.rma));
    assert.ok(!formsOf(viaLink.text).some((f) => f.action === returnsPath('en', number)));
    const guestPost = await guest.send(returnsPath('en', number), { method: 'POST', form: { 'line-0': '1', reason: 'other' } });
    assert.equal(guestPost.status, 404, show(guestPost));
  });
});

describe('the throttle of return requests', { timeout: 60_000 }, () => {
  test('per account: past return_account\'s burst the form answers 429 with Retry-After', async () => {
    const jar = await shop.product({ fr: 'Pot à miel', en: 'Honey jar', price: 900, stock: 9 });
    const lea = await customer();
    const number = await paidOrder(lea, jar, 1);
    const csrf = await csrfOf(lea.client);
    const post = (locale) => lea.client.send(returnsPath(locale, number), { method: 'POST', form: { _csrf: csrf, 'line-0': '0', reason: 'other' } });
    for (let i = 0; i < 5; i += 1) assert.equal((await post('fr')).status, 422);
    const refused = await post('en');
    assert.equal(refused.status, 429, show(refused));
    assert.ok(Number(refused.headers['retry-after']) > 0, show(refused));
    assert.match(refused.text, /<html lang="en/);
    assert.equal(shop.sql(`SELECT count(*) FROM rate_limit_buckets
      WHERE bucket = 'return_account:' || (SELECT id FROM users WHERE email = ${quote(lea.email)})`), '1');
  });
});

describe('the back office runs a return', { timeout: 180_000 }, () => {
  let office;
  const staff = {};
  before(async () => {
    office = backOffice(server, { firstAddress: 90 });
    for (const role of ['order_manager', 'support']) staff[role] = await office.staffMember(role, `retours-${role}`);
  }, { timeout: 60_000 });

  // The form on `path` whose id is `id`, with its hidden fields.
  async function formOn(client, path, id) {
    const page = await client.get(path);
    assert.equal(page.status, 200, show(page));
    const form = new RegExp(`<form[^>]*action="([^"]+)"[^>]*id="${id}"[\\s\\S]*?</form>`).exec(page.text);
    assert.ok(form, `no form #${id} on ${path}:\n${text(page)}`);
    return { action: form[1], fields: formsOf(form[0])[0].fields };
  }

  test('listed, approved, received with one line restocked, refunded once (one mail), in French; stale and forbidden changes write nothing', async () => {
    const bowl = await shop.product({ fr: 'Bol à café', en: 'Coffee bowl', price: 1_200, stock: 10 });
    const anne = await customer();
    const number = await paidOrder(anne, bowl, 2);
    const asked = await askReturn(anne.client, 'fr', number, { 'line-0': '2', reason: 'damaged', comment: 'Fêlé' });
    assert.equal(asked.status, 303, show(asked));
    const [{ rma }] = returnsOf(number);
    const path = `/admin/returns/${rma}`;
    const manager = staff.order_manager.client;

    const list = await manager.get(`/admin/returns?state=requested&q=${number}`);
    assert.equal(list.status, 200, show(list));
    assert.ok(list.text.includes(rma), 'the return is not listed by its order number');
    assert.equal((await staff.support.client.get(path)).status, 200, 'support reads returns');

    // Support may read but not change; a form naming a state the return has left changes nothing.
    const approve = await formOn(manager, path, 'action-approved');
    const supportToken = formsOf((await staff.support.client.get(path)).text).find((f) => f.fields._csrf).fields._csrf;
    const forbidden = await staff.support.client.send(approve.action, { method: 'POST', form: { ...approve.fields, _csrf: supportToken } });
    assert.equal(forbidden.status, 403, show(forbidden));
    const refuse = await formOn(manager, path, 'action-refused');
    const noReason = await manager.send(refuse.action, { method: 'POST', form: { ...refuse.fields, note: '  ' } });
    assert.equal(noReason.status, 422, show(noReason));
    assert.ok(text(noReason).includes(t('fr', 'returns.error.note_required')), text(noReason));
    const approved = await manager.send(approve.action, { method: 'POST', form: { ...approve.fields, note: 'Étiquette envoyée' } });
    assert.equal(approved.status, 303, show(approved));
    assert.equal(approved.headers.location, `${path}?notice=return_approved`);
    const stale = await manager.send(approve.action, { method: 'POST', form: approve.fields });
    assert.equal(stale.status, 409, show(stale));
    assert.ok(text(stale).includes(t('fr', 'returns.error.stale')), text(stale));
    await smtp.waitFor(anne.email, (m) => m.subject.includes(rma) && /accepté|approved/i.test(m.subject));

    // Received: the one line is not ticked, so nothing goes back on sale.
    const stockBefore = shop.sql(`SELECT stock_on_hand FROM variants WHERE id = ${bowl.variant}`);
    const receive = await formOn(manager, path, 'action-received');
    const { restock, ...withoutRestock } = receive.fields;
    assert.equal(restock, '0');
    const received = await manager.send(receive.action, { method: 'POST', form: withoutRestock });
    assert.equal(received.status, 303, show(received));
    assert.equal(shop.sql(`SELECT stock_on_hand FROM variants WHERE id = ${bowl.variant}`), stockBefore);

    // Refunded through the refund form: more than the return covers is refused; its amount works.
    const refundForm = await formOn(manager, `${path}?notice=return_received`, 'refund');
    const covered = shop.sql(`SELECT refund_amount FROM returns WHERE number = ${quote(rma)}`);
    const over = await manager.send(refundForm.action, { method: 'POST', form: { ...refundForm.fields, amount: '999,00', confirm: 'yes' } });
    assert.equal(over.status, 422, show(over));
    const refunded = await manager.send(refundForm.action, { method: 'POST', form: { ...refundForm.fields, confirm: 'yes' } });
    assert.equal(refunded.status, 303, show(refunded));
    assert.equal(refunded.headers.location, `${path}?notice=return_refunded`);
    assert.equal(shop.sql(`SELECT state || '|' || refunded_amount FROM returns WHERE number = ${quote(rma)}`), `refunded|${covered}`);
    assert.equal(shop.sql(`SELECT status || '|' || refunded_amount FROM orders WHERE number = ${quote(number)}`), `partially_refunded|${covered}`);
    await smtp.waitFor(anne.email, (m) => m.subject.includes(rma) && /rembours/i.test(m.subject));
    const mails = smtp.to(anne.email).filter((m) => /rembours|refund/i.test(m.subject));
    assert.equal(mails.length, 1, `the customer got ${mails.map((m) => m.subject).join(' / ')}`);
    assert.equal(shop.sql(`SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE target_id IN (${quote(rma)}, ${quote(number)})
      AND action LIKE 'return.%' OR (action LIKE 'refund.%' AND target_id = ${quote(number)})`), 'return.approved,return.received,refund.requested,refund.succeeded');
  });
});

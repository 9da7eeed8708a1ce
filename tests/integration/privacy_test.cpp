#include <gtest/gtest.h>
#include <sodium.h>
#include <boost/json/parse.hpp>

#include <memory>

#include "accounts/address_book.hpp"
#include "accounts/sealed_fields.hpp"
#include "auth_service_test.hpp"
#include "catalog/catalog_service.hpp"
#include "catalog/inventory.hpp"
#include "core/sealed_box.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "orders/order_privacy.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"
#include "orders/return_service.hpp"
#include "orders/sealed_fields.hpp"
#include "privacy/incident_register.hpp"
#include "privacy/privacy_service.hpp"

namespace comptoir::privacy {
namespace {

using db::test::run_on_io;
namespace json = boost::json;

const json::array& returns_of(const json::object& document) {
  return document.at("returns").as_array();
}

core::SecretKey random_key(std::string id) {
  core::SecretKey k{std::move(id), {}};
  randombytes_buf(k.bytes.data(), k.bytes.size());
  return k;
}

const orders::ShippingAddress kShipTo{.full_name = "Marie Tremblay",
                                      .line1 = "12 rue Saint-Paul",
                                      .city = "Montréal",
                                      .region = "QC",
                                      .postal_code = "H2Y 1H4",
                                      .country = "CA",
                                      .phone = "+1 514 555 0199"};
const orders::Actor kStaff{.kind = "user", .id = "7"};

// The privacy rights against PostgreSQL: a customer (accounts::test's Marie, with a password)
// holding a bit of everything — a phone, an address, sessions, a mailed link, recovery codes, a
// cart, a sent mail, orders with a return — gets a copy of it all and nothing secret, then
// closes the account: what goes, what stays for the books, and how.
class Privacy : public accounts::test::AuthServiceTest {
 protected:
  void SetUp() override {
    AuthServiceTest::SetUp();
    if (HasFatalFailure()) return;
    keys_ = core::SecretKeys({random_key("k1")});
    messages_ = std::make_unique<i18n::Catalog>(i18n::Catalog::load(catalog::test::data_dir()));
    catalog_ =
        std::make_unique<catalog::CatalogService>(database(), catalog::test::unused_media_dir());
    orders_ = std::make_unique<orders::OrderService>(database(), *catalog_, mail());
    returns_ = std::make_unique<orders::ReturnService>(database(), mail());
    privacy_ = std::make_unique<PrivacyService>(PrivacyDeps{.db = database(),
                                                            .keys = keys_,
                                                            .formatter = formatter_,
                                                            .base_url = "https://shop.example"});
    const auto id = std::to_string(user_.id);
    sql(R"(
      INSERT INTO products (status) VALUES ('active');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (1, 'TEA-1', 1000, 20);
      INSERT INTO sessions (id_hash, user_id, csrf_secret, expires_at, ip, user_agent)
        VALUES (repeat('a', 64), )" +
        id + R"(, repeat('b', 64), now() + interval '1 day',
                '192.0.2.7', 'Firefox 133');
      INSERT INTO recovery_codes (user_id, code_hash) VALUES ()" +
        id + R"(, repeat('c', 64));
      INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)
        VALUES ()" +
        id + R"(, 'reset_password', repeat('d', 64), now() + interval '30 minutes');
      UPDATE users SET totp_secret_sealed = 'v1.k1.TOTPSECRETSEALED', totp_enabled_at = now()
        WHERE id = )" +
        id + R"(;
      INSERT INTO carts (user_id) VALUES ()" +
        id + R"();
      INSERT INTO email_outbox (to_address, locale, template, payload, sent_at)
        VALUES ('Marie@example.ca', 'fr', 'accounts.verify_email', '{"name": "Marie"}', now());
    )");
    auto conn = connect();
    conn.exec(db::Query{"privacy_test_phone", "UPDATE users SET phone_sealed = $2 WHERE id = $1"},
              user_.id,
              core::seal(keys_, "+1 514 555 0100", accounts::sealed_fields::user_phone(user_.id)));
    accounts::AddressBook book(database(), keys_);
    auto added = run_on_io(book.add(user_.id,
                                    {.full_name = "Marie Tremblay",
                                     .line1 = "4 avenue des Pins",
                                     .city = "Montréal",
                                     .postal_code = "H2W 1P1",
                                     .country = "CA",
                                     .phone = "514 555 0111"},
                                    {.request_id = "t"}));
    ASSERT_TRUE(added);
  }

  void TearDown() override {
    privacy_.reset();
    returns_.reset();
    orders_.reset();
    catalog_.reset();
    AuthServiceTest::TearDown();
  }

  orders::MailContext mail() const {
    return {.formatter = formatter_,
            .messages = *messages_,
            .keys = keys_,
            .base_url = "https://shop.example"};
  }

  // An order of Marie's for two teas, moved through `states` (from pending). Its number.
  std::string order(std::vector<orders::OrderStatus> states) {
    auto conn = connect();
    orders::OrderRepository repository(conn);
    orders::OrderLine line{
        .variant_id = 1, .sku = "TEA-1", .name = "Thé vert", .unit_price = 1000, .quantity = 2};
    EXPECT_EQ(catalog::Inventory::reserve(conn, 1, 2).outcome,
              catalog::Reservation::Outcome::reserved);
    line.amount = 2000;
    line.tax = 300;
    auto id = repository.next_id();
    auto number = orders::new_order_number();
    repository.insert(
        {.id = id,
         .number = number,
         .user_id = user_.id,
         .email = "marie@example.ca",
         .currency = "CAD",
         .region_code = "CA-QC",
         .sealed_address = core::seal(keys_, orders::to_json(kShipTo),
                                      orders::sealed_fields::order_shipping_address(id)),
         .totals = {.subtotal = 2000, .tax = 300, .total = 2300},
         .provider = orders::PaymentProvider::stripe});
    repository.insert_line(id, 0, line, true);
    for (auto to : states) EXPECT_TRUE(orders_->change(conn, id, {.to = to}));
    return number;
  }

  // A delivered order of Marie's with a return she asked for, refused by staff (settled).
  std::pair<std::string, std::string> settled_order_with_return() {
    using enum orders::OrderStatus;
    auto number = order({paid, fulfilled, delivered});
    auto asked = run_on_io(returns_->request({.order_number = number,
                                              .user_id = user_.id,
                                              .lines = {{.position = 0, .quantity = 1}},
                                              .reason = orders::ReturnReason::damaged,
                                              .comment = "Boîte écrasée, appelez-moi au 555"}));
    EXPECT_TRUE(asked);
    if (!asked) return {number, ""};
    EXPECT_TRUE(run_on_io(returns_->refuse(asked->number, kStaff, "Pas de casse visible")));
    return {number, asked->number};
  }

  accounts::RequestInfo info() const {
    return {.client = {.ip = "192.0.2.7"}, .request_id = "req-privacy"};
  }

  std::int64_t count(const std::string& sql_text) {
    return connect().exec(db::Query{"privacy_test_count", sql_text}).one<std::int64_t>();
  }
  std::string text(const std::string& sql_text) {
    return connect().exec(db::Query{"privacy_test_text", sql_text}).one<std::string>();
  }

  i18n::Formatter formatter_;
  core::SecretKeys keys_;
  std::unique_ptr<i18n::Catalog> messages_;
  std::unique_ptr<catalog::CatalogService> catalog_;
  std::unique_ptr<orders::OrderService> orders_;
  std::unique_ptr<orders::ReturnService> returns_;
  std::unique_ptr<PrivacyService> privacy_;
};

TEST_F(Privacy, TheCopyHoldsEachPartOpenedAndNothingSecret) {
  auto [number, rma] = settled_order_with_return();
  auto document = run_on_io(privacy_->export_data(user_, core::Locale::fr, info()));
  auto parsed = json::parse(document).as_object();

  EXPECT_EQ(parsed.at("format"), "comptoir.personal-data/1");
  const auto& account = parsed.at("account").as_object();
  EXPECT_EQ(account.at("email"), "marie@example.ca");
  EXPECT_EQ(account.at("locale"), "fr");
  EXPECT_EQ(account.at("phone"), "+1 514 555 0100") << "opened";
  EXPECT_EQ(account.at("two_factor_enabled"), true);
  EXPECT_FALSE(account.at("created_at").as_string().empty());

  const auto& addresses = parsed.at("addresses").as_array();
  ASSERT_EQ(addresses.size(), 1u);
  EXPECT_EQ(addresses[0].at("address").at("line1"), "4 avenue des Pins") << "opened";
  EXPECT_EQ(addresses[0].at("is_default"), true);

  const auto& orders = parsed.at("orders").as_array();
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].at("number").as_string(), number);
  EXPECT_EQ(orders[0].at("status"), "delivered");
  EXPECT_EQ(orders[0].at("lines").as_array().size(), 1u);
  EXPECT_EQ(orders[0].at("lines").at(0).at("sku"), "TEA-1");
  EXPECT_EQ(orders[0].at("history").as_array().size(), 3u) << "paid, fulfilled, delivered";
  EXPECT_EQ(orders[0].at("shipping_address").at("full_name"), "Marie Tremblay");
  EXPECT_EQ(orders[0].at("totals").at("total").at("amount_cents"), 2300);
  EXPECT_EQ(returns_of(parsed).at(0).at("refund_amount").at("amount_cents"), 1150);

  const auto& returns = returns_of(parsed);
  ASSERT_EQ(returns.size(), 1u);
  EXPECT_EQ(returns[0].at("number").as_string(), rma);
  EXPECT_EQ(returns[0].at("state"), "refused");
  EXPECT_EQ(returns[0].at("order").as_string(), number);
  EXPECT_EQ(returns[0].at("lines").as_array().size(), 1u);

  EXPECT_TRUE(parsed.at("consents").is_array());
  const auto& sessions = parsed.at("sessions").as_array();
  ASSERT_EQ(sessions.size(), 1u);
  EXPECT_EQ(sessions[0].at("ip"), "192.0.2.7");
  EXPECT_EQ(sessions[0].at("user_agent"), "Firefox 133");
  EXPECT_FALSE(sessions[0].as_object().contains("id_hash"));

  // Nothing that opens the account: no hash, no secret, no code, no session id or CSRF secret.
  for (std::string_view secret :
       {"$argon2id", "TOTPSECRETSEALED", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc",
        "dddddddddddddddd", "v1.k1."})
    EXPECT_EQ(document.find(secret), std::string::npos) << secret;

  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'privacy.export' AND "
                  "actor_id = " +
                  std::to_string(user_.id) +
                  " AND request_id = 'req-privacy' AND (details->>'orders')::int = 1"),
            1);
}

TEST_F(Privacy, AnotherModulesPartSlotsIntoTheCopy) {
  privacy_->add_part("consents", [](db::Connection&, std::int64_t user_id) -> json::value {
    return json::array{json::object{{"terms_version", "2026-11"}, {"user", user_id}}};
  });
  auto parsed =
      json::parse(run_on_io(privacy_->export_data(user_, core::Locale::en, info()))).as_object();
  ASSERT_EQ(parsed.at("consents").as_array().size(), 1u);
  EXPECT_EQ(parsed.at("consents").at(0).at("terms_version"), "2026-11");
}

TEST_F(Privacy, AnAccountWithAnOrderInProgressIsNotClosed) {
  using enum orders::OrderStatus;
  auto waiting = order({});
  auto unshipped = order({paid});
  auto closed = run_on_io(privacy_->close_account(user_, info()));
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().reason, CloseRefusal::Reason::unfinished);
  EXPECT_EQ(closed.error().unfinished.orders, (std::vector<std::string>{waiting, unshipped}));
  EXPECT_EQ(count("SELECT count(*) FROM users WHERE email = 'marie@example.ca'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM addresses"), 1) << "nothing was written";
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'privacy.account_deleted'"), 0);
}

TEST_F(Privacy, AnAccountWithAReturnInProgressIsNotClosed) {
  using enum orders::OrderStatus;
  auto number = order({paid, fulfilled});
  auto asked = run_on_io(returns_->request({.order_number = number,
                                            .user_id = user_.id,
                                            .lines = {{.position = 0, .quantity = 1}},
                                            .reason = orders::ReturnReason::defective}));
  ASSERT_TRUE(asked);
  auto closed = run_on_io(privacy_->close_account(user_, info()));
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().unfinished.returns, std::vector<std::string>{asked->number});
}

TEST_F(Privacy, StaffCloseNoAccountHere) {
  auto staff = user_;
  staff.role = "owner";
  staff.permissions = {"audit:read", "users:manage"};
  auto closed = run_on_io(privacy_->close_account(staff, info()));
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().reason, CloseRefusal::Reason::staff);
  EXPECT_EQ(count("SELECT count(*) FROM users"), 1);
}

TEST_F(Privacy, ClosingErasesTheAccountAndKeepsItsOrdersDetached) {
  auto [number, rma] = settled_order_with_return();
  auto id = std::to_string(user_.id);
  auto closed = run_on_io(privacy_->close_account(user_, info()));
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->detached.orders, 1);
  EXPECT_EQ(closed->detached.returns, 1);
  EXPECT_EQ(closed->sessions, 1);
  EXPECT_EQ(closed->addresses, 1);
  EXPECT_EQ(closed->carts, 1);

  // The account and what hung on it: gone.
  EXPECT_EQ(count("SELECT count(*) FROM users"), 0);
  for (auto table : {"sessions", "addresses", "email_tokens", "recovery_codes", "carts"})
    EXPECT_EQ(count(std::string("SELECT count(*) FROM ") + table), 0) << table;

  // The order: kept, detached, its email a placeholder, its address keeping what an invoice
  // shows but not the phone; a history line says why, without saying who.
  EXPECT_EQ(
      count("SELECT count(*) FROM orders WHERE number = '" + number +
            "' AND user_id IS NULL AND cart_id IS NULL AND email = 'erased@customer.invalid'"),
      1);
  auto order_id = count("SELECT id FROM orders WHERE number = '" + number + "'");
  auto sealed = text("SELECT shipping_address FROM orders WHERE id = " + std::to_string(order_id));
  auto opened = core::open(keys_, sealed, orders::sealed_fields::order_shipping_address(order_id));
  ASSERT_TRUE(opened);
  auto address = orders::address_from_json(*opened);
  ASSERT_TRUE(address);
  EXPECT_EQ(address->full_name, "Marie Tremblay");
  EXPECT_EQ(address->line1, "12 rue Saint-Paul");
  EXPECT_EQ(address->phone, "");
  EXPECT_EQ(
      count("SELECT count(*) FROM order_history WHERE order_id = " + std::to_string(order_id) +
            " AND actor_kind = 'customer' AND to_status = 'delivered' AND note LIKE "
            "'account closed%'"),
      1);
  EXPECT_EQ(count("SELECT count(*) FROM order_lines WHERE order_id = " + std::to_string(order_id)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM returns WHERE number = '" + rma +
                  "' AND user_id IS NULL AND comment = '' AND state = 'refused'"),
            1);

  // The old mail went; the confirmation waits, to the address, in the account's language.
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'accounts.verify_email'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'accounts.account_deleted' "
                  "AND to_address = 'marie@example.ca' AND locale = 'fr' AND sent_at IS NULL"),
            1);

  // Audited, by the account itself, with counts only.
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'privacy.account_deleted' AND "
                  "actor_kind = 'user' AND actor_id = " +
                  id + " AND target_id = '" + id +
                  "' AND request_id = 'req-privacy' AND details::text NOT LIKE '%marie%' AND "
                  "details::text NOT LIKE '%Tremblay%' AND (details->>'orders_detached')::int = 1"),
            1);

  // Nobody signs in with it again.
  auth();
  auto again = login(accounts::test::kEmail, accounts::test::kPassword);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, accounts::Refusal::Code::bad_credentials);
}

TEST_F(Privacy, GuestOrdersOfTheSameAddressAreNotTheAccounts) {
  using enum orders::OrderStatus;
  auto guest = order({paid, fulfilled});
  sql("UPDATE orders SET user_id = NULL WHERE number = '" + guest + "'");
  ASSERT_TRUE(run_on_io(privacy_->close_account(user_, info())));
  EXPECT_EQ(count("SELECT count(*) FROM orders WHERE number = '" + guest +
                  "' AND email = 'marie@example.ca'"),
            1);
}

TEST_F(Privacy, ThePasswordConfirmsWhoAsks) {
  auto& service = auth();
  auto right =
      run_on_io(service.confirm_password(user_, std::string(accounts::test::kPassword), info()));
  EXPECT_TRUE(right);
  auto wrong = run_on_io(service.confirm_password(user_, "not-the-password", info()));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, accounts::Refusal::Code::wrong_password);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'password.confirmation_failed'"),
            1);
}

// The register of confidentiality incidents.
class Incidents : public db::test::MigratedDatabaseTest {
 protected:
  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql("INSERT INTO users (email, role_id) SELECT 'owner@example.ca', id FROM roles "
        "WHERE name = 'owner'");
  }
  Incident draft(std::string discovered = "2026-11-30") {
    return {.discovered_on = std::move(discovered),
            .description = "A CSV of customers was mailed to the wrong address.",
            .data_categories = "emails, names",
            .people_affected = 12,
            .serious_risk = RiskLevel::low};
  }
};

TEST_F(Incidents, EntriesAreRecordedListedNewestFirstAndPaged) {
  auto conn = connect();
  IncidentRegister reg(conn);
  auto first = reg.record(draft("2026-10-01"), 1);
  auto second = reg.record(draft("2026-11-15"), 1);
  auto third = reg.record(draft("2026-11-15"), 1);
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.recorded_by, 1);
  EXPECT_EQ(first.people_affected, 12);
  EXPECT_EQ(first.occurred_on, "");
  auto page = reg.list(std::nullopt, 2);
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0].id, third.id);
  EXPECT_EQ(page.items[1].id, second.id);
  ASSERT_TRUE(page.next_before);
  auto rest = reg.list(page.next_before, 2);
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].id, first.id);
  EXPECT_FALSE(rest.next_before);
}

TEST_F(Incidents, AChangeNamesTheVersionItSawAndAStaleOneWritesNothing) {
  auto conn = connect();
  IncidentRegister reg(conn);
  auto stored = reg.record(draft(), 1);
  auto changed = stored;
  changed.authority_notified_on = "2026-12-01";
  changed.serious_risk = RiskLevel::serious;
  Incident before;
  auto saved = reg.update(stored.id, 1, changed, &before);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(saved->authority_notified_on, "2026-12-01");
  EXPECT_EQ(before.serious_risk, RiskLevel::low);
  EXPECT_EQ(changes(before, *saved).size(), 2u);

  auto late = stored;
  late.measures = "typed on a page left open";
  auto refused = reg.update(stored.id, 1, late);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), SaveError::stale);
  EXPECT_EQ(reg.find(stored.id)->measures, "") << "nothing written";
  EXPECT_EQ(reg.find(stored.id)->version, 2);
  EXPECT_EQ(reg.update(999, 1, late).error(), SaveError::unknown);
}

TEST_F(Incidents, TheDatabaseKeepsEntriesFiveYears) {
  auto conn = connect();
  IncidentRegister reg(conn);
  auto recent = reg.record(draft(), 1);
  EXPECT_THROW(sql("DELETE FROM confidentiality_incidents WHERE id = " + std::to_string(recent.id)),
               std::exception);
  EXPECT_THROW(sql("TRUNCATE confidentiality_incidents"), std::exception);
  EXPECT_TRUE(reg.find(recent.id));
  // Past five years, an operator may purge it.
  auto old = reg.record(draft("2020-01-15"), 1);
  sql("DELETE FROM confidentiality_incidents WHERE id = " + std::to_string(old.id));
  EXPECT_FALSE(reg.find(old.id));
}

}  // namespace
}  // namespace comptoir::privacy

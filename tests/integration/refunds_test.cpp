#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "catalog/catalog_service.hpp"
#include "checkout/refund_service.hpp"
#include "checkout/stripe_events.hpp"
#include "db/connection.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"
#include "migrated_database_test.hpp"
#include "observe/metrics.hpp"
#include "orders/order_repository.hpp"
#include "orders/order_service.hpp"

namespace comptoir::checkout {
namespace {

namespace net = boost::asio;
using orders::OrderStatus;
using orders::PaymentProvider;
using Answer = std::expected<StripeRefund, StripeFailure>;

// Stands in for POST /v1/refunds: records every request and answers from a script (by default,
// a refund that succeeded, with an id derived from the Idempotency-Key as Stripe's replay would).
struct ScriptedStripe {
  std::mutex mutex;
  std::vector<StripeRefundRequest> requests;
  std::deque<Answer> script;
  std::chrono::milliseconds delay{0};

  Answer answer(const StripeRefundRequest& request) {
    std::this_thread::sleep_for(delay);
    std::scoped_lock lock(mutex);
    requests.push_back(request);
    if (script.empty()) return succeeded(request);
    auto next = std::move(script.front());
    script.pop_front();
    return next;
  }
  static StripeRefund succeeded(const StripeRefundRequest& request,
                                std::string status = "succeeded") {
    return {.id = "re_" + std::to_string(request.refund_id),
            .status = std::move(status),
            .amount = request.amount};
  }
  static Answer unavailable() {
    return std::unexpected(
        StripeFailure{.kind = StripeFailure::Kind::unavailable, .message = "Connection refused"});
  }
  std::size_t calls() {
    std::scoped_lock lock(mutex);
    return requests.size();
  }
};

// Refunds against PostgreSQL: the amount checked under the order's lock, Stripe called outside
// any transaction, its answer recorded once, retried with the same key, and the webhook that
// follows not counting a refund twice.
class Refunds : public db::test::MigratedDatabaseTest {
 protected:
  Refunds() : MigratedDatabaseTest(12) {}

  void SetUp() override {
    MigratedDatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO products (status) VALUES ('active');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES (1, 'TEA-1', 1000, 50);
    )");
    messages_ = std::make_unique<i18n::Catalog>(i18n::Catalog::load(catalog::test::data_dir()));
    catalog_ =
        std::make_unique<catalog::CatalogService>(database(), catalog::test::unused_media_dir());
    orders_ = std::make_unique<orders::OrderService>(
        database(), *catalog_,
        orders::MailContext{.formatter = formatter_,
                            .messages = *messages_,
                            .keys = keys_,
                            .base_url = "https://shop.example"});
    refunds_ = std::make_unique<RefundService>(
        database(), *orders_,
        [stripe = &stripe_](const StripeRefundRequest& request) { return stripe->answer(request); },
        RefundOptions{.retry_base = std::chrono::seconds{1}});
  }

  void TearDown() override {
    refunds_.reset();
    orders_.reset();
    catalog_.reset();
    MigratedDatabaseTest::TearDown();
  }

  // A paid order of `quantity` × 10,00 $, with its Stripe payment recorded (or paid offline).
  std::string paid_order(int quantity, PaymentProvider provider = PaymentProvider::stripe) {
    auto conn = connect();
    orders::OrderRepository orders(conn);
    auto id = orders.next_id();
    auto number = orders::new_order_number();
    orders.insert({.id = id,
                   .number = number,
                   .email = "marie@example.ca",
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = "v1.k1.AAAA",
                   .totals = {.subtotal = 1000 * quantity, .total = 1000 * quantity},
                   .provider = provider});
    orders.insert_line(id, 0,
                       {.variant_id = 1,
                        .sku = "TEA-1",
                        .name = "Thé",
                        .unit_price = 1000,
                        .quantity = quantity,
                        .amount = 1000 * quantity},
                       false);
    if (provider == PaymentProvider::stripe)
      orders.set_payment_intent(id, "pi_" + number.substr(4));
    EXPECT_TRUE(orders_->change(conn, id, {.to = OrderStatus::paid}));
    return number;
  }

  RefundRequest ask(const std::string& number, std::int64_t amount) {
    return {.order_number = number,
            .amount = amount,
            .reason = RefundReason::requested_by_customer,
            .note = "colis abîmé",
            .actor = {.kind = "user", .id = "1"}};
  }

  std::expected<Refund, RefundFailure> refund(const std::string& number, std::int64_t amount) {
    return db::test::run_on_io(refunds_->refund(ask(number, amount)));
  }

  // The refunds waiting for their next attempt may be sent now.
  void due_now() {
    sql("UPDATE refunds SET next_attempt_at = now() WHERE next_attempt_at IS NOT NULL");
  }

  std::int64_t count(const std::string& sql_text) {
    return connect().exec(db::Query{"refunds_test_count", sql_text}).one<std::int64_t>();
  }
  std::string text(const std::string& sql_text) {
    return connect().exec(db::Query{"refunds_test_text", sql_text}).one<std::string>();
  }
  std::string order_state(const std::string& number) {
    return text("SELECT status || '|' || refunded_amount FROM orders WHERE number = '" + number +
                "'");
  }
  std::int64_t refund_mails() {
    return count("SELECT count(*) FROM email_outbox WHERE template = 'orders.refund'");
  }
  void store_event(std::string_view id, std::string_view type, std::string_view object) {
    connect().exec(db::Query{"refunds_test_event",
                             "INSERT INTO stripe_events (id, type, payload) VALUES ($1, $2, "
                             "jsonb_build_object('id', $1::text, 'type', $2::text, 'data', "
                             "jsonb_build_object('object', $3::jsonb)))"},
                   id, type, object);
  }
  std::string event_outcome(std::string_view id) {
    return text("SELECT coalesce(outcome, 'waiting') FROM stripe_events WHERE id = '" +
                std::string(id) + "'");
  }

  i18n::Formatter formatter_;
  core::SecretKeys keys_;
  ScriptedStripe stripe_;
  std::unique_ptr<i18n::Catalog> messages_;
  std::unique_ptr<catalog::CatalogService> catalog_;
  std::unique_ptr<orders::OrderService> orders_;
  std::unique_ptr<RefundService> refunds_;
};

TEST_F(Refunds, ARefundLargerThanWhatIsLeftIsRefusedAndNothingIsWritten) {
  auto number = paid_order(2);  // 20,00 $
  auto over = refund(number, 2001);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().error, RefundError::exceeds_refundable);
  EXPECT_EQ(over.error().refundable, 2000);
  EXPECT_EQ(count("SELECT count(*) FROM refunds"), 0);
  EXPECT_EQ(stripe_.calls(), 0u);

  auto partial = refund(number, 500);
  ASSERT_TRUE(partial) << static_cast<int>(partial.error().error);
  EXPECT_EQ(partial->state, RefundState::succeeded);
  EXPECT_EQ(partial->stripe_refund_id, "re_" + std::to_string(partial->id));
  EXPECT_EQ(partial->order_number, number);
  EXPECT_EQ(order_state(number), "partially_refunded|500");
  EXPECT_EQ(refund(number, 1501).error().refundable, 1500);
  ASSERT_TRUE(refund(number, 1500));
  EXPECT_EQ(order_state(number), "refunded|2000");
  EXPECT_EQ(refund(number, 1).error().error, RefundError::not_refundable);

  // What Stripe was sent, each refund with its own key; the history names the staff member.
  ASSERT_EQ(stripe_.calls(), 2u);
  const auto& first = stripe_.requests[0];
  EXPECT_EQ(first.payment_intent, "pi_" + number.substr(4));
  EXPECT_EQ(first.amount, 500);
  EXPECT_EQ(first.reason, "requested_by_customer");
  EXPECT_EQ(first.order_number, number);
  EXPECT_EQ(first.idempotency_key, "comptoir-refund-" + number + "-" + std::to_string(partial->id));
  EXPECT_NE(stripe_.requests[1].idempotency_key, first.idempotency_key);
  EXPECT_EQ(count("SELECT count(*) FROM order_history WHERE actor_kind = 'user' AND actor_id = '1' "
                  "AND to_status IN ('partially_refunded', 'refunded') AND note LIKE 'refund #%'"),
            2);
  EXPECT_EQ(refund_mails(), 2);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE payload->>'refund_amount' LIKE '5,00%'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'refund.requested' AND "
                  "actor_kind = 'user' AND actor_id = 1 AND target_id = '" +
                  number + "'"),
            2);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'refund.succeeded'"), 2);

  auto listed = db::test::run_on_io(refunds_->refunds_of(number));
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->refunds.size(), 2u);
  EXPECT_EQ(listed->refunded, 2000);
  EXPECT_EQ(listed->refundable, 0);
  EXPECT_FALSE(db::test::run_on_io(refunds_->refunds_of("CMP-00000000")));
}

TEST_F(Refunds, ConcurrentRefundsNeverGiveBackMoreThanWasPaid) {
  auto number = paid_order(1);                     // 10,00 $
  stripe_.delay = std::chrono::milliseconds{100};  // each is pending while the others ask
  net::io_context io;
  std::vector<std::expected<Refund, RefundFailure>> results;
  for (int i = 0; i < 6; ++i)
    net::co_spawn(io, refunds_->refund(ask(number, 300)),
                  [&](std::exception_ptr error, std::expected<Refund, RefundFailure> result) {
                    if (error) std::rethrow_exception(error);
                    results.push_back(std::move(result));
                  });
  io.run();
  ASSERT_EQ(results.size(), 6u);
  auto succeeded = std::ranges::count_if(results, [](const auto& r) { return r.has_value(); });
  auto refused = std::ranges::count_if(results, [](const auto& r) {
    return !r && r.error().error == RefundError::exceeds_refundable;
  });
  EXPECT_EQ(succeeded, 3);
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(stripe_.calls(), 3u);
  EXPECT_EQ(order_state(number), "partially_refunded|900");
  EXPECT_EQ(count("SELECT count(*) FROM refunds WHERE state = 'succeeded'"), 3);
}

TEST_F(Refunds, StripeUnreachableLeavesItPendingAndTheRetrySendsTheSameRequest) {
  auto number = paid_order(3);
  stripe_.script = {ScriptedStripe::unavailable()};
  auto first = refund(number, 1200);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().error, RefundError::stripe_unavailable);
  ASSERT_TRUE(first.error().refund);
  EXPECT_EQ(first.error().refund->state, RefundState::pending);
  EXPECT_EQ(first.error().refund->error, "Connection refused");
  EXPECT_EQ(order_state(number), "paid|0");
  // Pending, it counts: the rest only may be refunded meanwhile.
  auto meanwhile = db::test::run_on_io(refunds_->refunds_of(number));
  EXPECT_EQ(meanwhile->pending, 1200);
  EXPECT_EQ(meanwhile->refundable, 1800);
  EXPECT_EQ(refund(number, 1801).error().error, RefundError::exceeds_refundable);

  EXPECT_EQ(refunds_->retry_due(), 0) << "its next attempt is a second away at least";
  due_now();
  EXPECT_EQ(refunds_->retry_due(), 1);
  ASSERT_EQ(stripe_.calls(), 2u);
  EXPECT_EQ(form_encode(stripe_.requests[1]), form_encode(stripe_.requests[0]));
  EXPECT_EQ(stripe_.requests[1].idempotency_key, stripe_.requests[0].idempotency_key);
  EXPECT_EQ(order_state(number), "partially_refunded|1200");
  EXPECT_EQ(text("SELECT state || '|' || attempts || '|' || coalesce(error, '') FROM refunds"),
            "succeeded|2|");
  due_now();
  EXPECT_EQ(refunds_->retry_due(), 0) << "settled: not sent again";
  EXPECT_EQ(stripe_.calls(), 2u);
  EXPECT_EQ(refund_mails(), 1);
}

TEST_F(Refunds, ARetryWaitsForItsTimeAndGivesUpWhenStripeHasForgottenTheKey) {
  auto number = paid_order(1);
  stripe_.script = {ScriptedStripe::unavailable(), ScriptedStripe::unavailable()};
  ASSERT_FALSE(refund(number, 100));
  sql("UPDATE refunds SET next_attempt_at = now() + interval '1 hour'");
  EXPECT_EQ(refunds_->retry_due(), 0) << "not due yet";
  EXPECT_EQ(stripe_.calls(), 1u);
  due_now();
  EXPECT_EQ(refunds_->retry_due(), 0) << "still unreachable, and sent once per run";
  EXPECT_EQ(stripe_.calls(), 2u);
  sql("UPDATE refunds SET next_attempt_at = now(), created_at = now() - interval '24 hours'");
  EXPECT_EQ(refunds_->retry_due(), 1);
  EXPECT_EQ(stripe_.calls(), 2u) << "a key Stripe may have forgotten is never sent again";
  EXPECT_EQ(text("SELECT state FROM refunds"), "failed");
  EXPECT_NE(text("SELECT error FROM refunds").find("dashboard"), std::string::npos);
  EXPECT_EQ(order_state(number), "paid|0");
}

TEST_F(Refunds, AStripeRefusalFailsTheRefundAndLeavesTheOrder) {
  auto number = paid_order(1);
  stripe_.script = {std::unexpected(StripeFailure{
      .kind = StripeFailure::Kind::rejected, .message = "Your card has expired.", .status = 402})};
  auto refused = refund(number, 400);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().error, RefundError::stripe_rejected);
  ASSERT_TRUE(refused.error().refund);
  EXPECT_EQ(refused.error().refund->state, RefundState::failed);
  EXPECT_EQ(refused.error().refund->error, "Your card has expired.");
  EXPECT_EQ(order_state(number), "paid|0");
  EXPECT_EQ(refund_mails(), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'refund.failed'"), 1);
  EXPECT_EQ(refunds_->retry_due(), 0) << "a refusal is final";
  EXPECT_EQ(db::test::run_on_io(refunds_->refunds_of(number))->refundable, 1000);
}

TEST_F(Refunds, AnOrderPaidOfflineIsRefundedAtOnceWithoutStripe) {
  auto number = paid_order(2, PaymentProvider::manual);
  auto done = refund(number, 2000);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, RefundState::succeeded);
  EXPECT_EQ(done->provider, PaymentProvider::manual);
  EXPECT_EQ(done->stripe_refund_id, "");
  EXPECT_EQ(stripe_.calls(), 0u);
  EXPECT_EQ(order_state(number), "refunded|2000");
  EXPECT_EQ(refund_mails(), 1);
  EXPECT_EQ(count("SELECT count(*) FROM refunds WHERE provider = 'manual' AND attempts = 0 AND "
                  "settled_at IS NOT NULL"),
            1);
}

TEST_F(Refunds, TheChargeRefundedWebhookDoesNotCountOurRefundTwice) {
  observe::Metrics metrics;
  StripeEvents events(database(), *orders_, metrics);
  auto number = paid_order(2);
  auto intent = "pi_" + number.substr(4);
  auto charge = [&](std::int64_t refunded) {
    return R"({"id": "ch_1", "object": "charge", "currency": "cad", "payment_intent": ")" + intent +
           R"(", "amount_refunded": )" + std::to_string(refunded) + "}";
  };
  // Recorded first, then Stripe's event: older news.
  ASSERT_TRUE(refund(number, 500));
  store_event("evt_after", "charge.refunded", charge(500));
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_after"), "unchanged");
  EXPECT_EQ(order_state(number), "partially_refunded|500");

  // Stripe's event first, while the refund waits for Stripe's answer to be recorded: it waits.
  stripe_.script = {ScriptedStripe::unavailable()};
  ASSERT_FALSE(refund(number, 700));
  store_event("evt_before", "charge.refunded", charge(1200));
  EXPECT_EQ(events.apply_due(), 0);
  EXPECT_EQ(event_outcome("evt_before"), "waiting");
  EXPECT_EQ(order_state(number), "partially_refunded|500");
  due_now();
  EXPECT_EQ(refunds_->retry_due(), 1);
  EXPECT_EQ(order_state(number), "partially_refunded|1200");
  sql("UPDATE stripe_events SET next_attempt_at = now() WHERE id = 'evt_before'");
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_before"), "unchanged");
  EXPECT_EQ(order_state(number), "partially_refunded|1200");
  EXPECT_EQ(refund_mails(), 2);

  // A refund made in Stripe's dashboard still moves the order: only it is counted.
  store_event("evt_dashboard", "charge.refunded", charge(1500));
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_dashboard"), "applied");
  EXPECT_EQ(order_state(number), "partially_refunded|1500");
  EXPECT_EQ(db::test::run_on_io(refunds_->refunds_of(number))->refundable, 500);
}

TEST_F(Refunds, APendingStripeRefundIsSettledByItsRefundEvents) {
  observe::Metrics metrics;
  StripeEvents events(database(), *orders_, metrics);
  auto number = paid_order(2);
  auto intent = "pi_" + number.substr(4);
  auto refund_object = [&](const Refund& refund, std::string_view status,
                           std::string_view stripe_id) {
    return R"({"id": ")" + std::string(stripe_id) + R"(", "object": "refund", "amount": )" +
           std::to_string(refund.amount) + R"(, "currency": "cad", "payment_intent": ")" + intent +
           R"(", "status": ")" + std::string(status) +
           R"(", "failure_reason": "expired_or_canceled_card", "metadata": {"order_id": ")" +
           number + R"(", "refund_id": ")" + std::to_string(refund.id) + R"("}})";
  };
  // Stripe took the first one but settles it later.
  stripe_.script = {ScriptedStripe::succeeded({.amount = 600, .refund_id = 1}, "pending")};
  auto taken = refund(number, 600);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->state, RefundState::pending);
  EXPECT_EQ(taken->stripe_status, "pending");
  EXPECT_EQ(order_state(number), "paid|0");
  EXPECT_EQ(refunds_->retry_due(), 0) << "Stripe has it: not sent again";
  store_event("evt_done", "refund.updated", refund_object(*taken, "succeeded", "re_1"));
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_done"), "applied");
  EXPECT_EQ(order_state(number), "partially_refunded|600");
  store_event("evt_again", "charge.refund.updated", refund_object(*taken, "succeeded", "re_1"));
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_again"), "unchanged");
  EXPECT_EQ(order_state(number), "partially_refunded|600");

  // The second one's answer was lost; its event names it by the metadata the shop sent.
  stripe_.script = {ScriptedStripe::unavailable()};
  auto lost = refund(number, 300);
  ASSERT_FALSE(lost);
  store_event("evt_failed", "refund.updated",
              refund_object(*lost.error().refund, "failed", "re_lost"));
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_failed"), "applied");
  EXPECT_EQ(
      text("SELECT state || '|' || stripe_refund_id || '|' || error FROM refunds WHERE id = " +
           std::to_string(lost.error().refund->id)),
      "failed|re_lost|Stripe: expired_or_canceled_card");
  due_now();
  EXPECT_EQ(refunds_->retry_due(), 0) << "settled by its event";
  EXPECT_EQ(order_state(number), "partially_refunded|600");
  EXPECT_EQ(refund_mails(), 1);
  // Stripe's total from before that failure still counts it: it is not counted.
  store_event("evt_stale", "charge.refunded",
              R"({"id": "ch_1", "currency": "cad", "amount_refunded": 900, "payment_intent": ")" +
                  intent + R"("})");
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_stale"), "unchanged");
  EXPECT_EQ(order_state(number), "partially_refunded|600");

  // An event about a refund of another payment is not ours to act on.
  auto other = refund_object(*taken, "failed", "re_1");
  other.replace(other.find(intent), intent.size(), "pi_someone_else");
  store_event("evt_other", "refund.updated", other);
  EXPECT_EQ(events.apply_due(), 1);
  EXPECT_EQ(event_outcome("evt_other"), "unchanged");
  EXPECT_EQ(text("SELECT state FROM refunds WHERE stripe_refund_id = 're_1'"), "succeeded");
}

}  // namespace
}  // namespace comptoir::checkout

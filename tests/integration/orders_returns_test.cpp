#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <stdexcept>
#include <thread>

#include "catalog/inventory.hpp"
#include "checkout/refund_service.hpp"
#include "orders/order_repository.hpp"
#include "orders/return_service.hpp"
#include "orders_test_support.hpp"

namespace comptoir::orders {
namespace {

using db::test::run_on_io;
using enum ReturnState;

// Returns against PostgreSQL: who may ask and until when, units and money across an order's
// returns, restocking through the catalog, the state machine applied with history and mail.
class Returns : public test::OrdersTest {
 protected:
  Returns() : OrdersTest(4) {}

  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    sql(R"(
      INSERT INTO products (status) VALUES ('active');
      INSERT INTO variants (product_id, sku, price_cents, stock_on_hand) VALUES
        (1, 'TEA-1', 1000, 20), (1, 'POT-1', 2500, 20);
      INSERT INTO users (email, role_id) SELECT email, (SELECT id FROM roles WHERE name = 'customer')
        FROM (VALUES ('marie@example.ca'), ('paul@example.ca')) AS u(email);
    )");
    returns_ = std::make_unique<ReturnService>(database(), mail());
  }

  void TearDown() override {
    returns_.reset();
    OrdersTest::TearDown();
  }

  // A paid order of Marie's (user 1): `tea` × TEA-1 at 10,00 $ and `pots` × POT-1 at 25,00 $,
  // with 15 % of tax on each line (prices before tax), no shipping. Returns its number.
  std::string paid_order(int tea, int pots = 0, std::int64_t user = 1) {
    auto conn = connect();
    OrderRepository orders(conn);
    std::vector<OrderLine> lines;
    if (tea > 0)
      lines.push_back(
          {.variant_id = 1, .sku = "TEA-1", .name = "Thé", .unit_price = 1000, .quantity = tea});
    if (pots > 0)
      lines.push_back({.variant_id = 2,
                       .sku = "POT-1",
                       .name = "Théière",
                       .unit_price = 2500,
                       .quantity = pots});
    cart::Totals totals;
    for (auto& line : lines) {
      EXPECT_EQ(catalog::Inventory::reserve(conn, *line.variant_id, line.quantity).outcome,
                catalog::Reservation::Outcome::reserved);
      line.amount = line.unit_price * line.quantity;
      line.tax = line.amount * 15 / 100;
      totals.subtotal += line.amount;
      totals.tax += line.tax;
    }
    totals.total = totals.subtotal + totals.tax;
    auto id = orders.next_id();
    auto number = new_order_number();
    orders.insert({.id = id,
                   .number = number,
                   .user_id = user,
                   .email = "marie@example.ca",
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = "v1.k1.AAAA",
                   .totals = totals,
                   .provider = PaymentProvider::stripe});
    for (std::size_t i = 0; i < lines.size(); ++i)
      orders.insert_line(id, static_cast<int>(i), lines[i], true);
    EXPECT_TRUE(service_->change(conn, id, {.to = OrderStatus::paid}));
    return number;
  }

  std::expected<Return, ReturnFailure> ask(const std::string& order,
                                           std::vector<ReturnedUnits> lines, std::int64_t user = 1,
                                           core::Locale locale = core::Locale::fr) {
    return run_on_io(returns_->request({.order_number = order,
                                        .user_id = user,
                                        .locale = locale,
                                        .lines = std::move(lines),
                                        .reason = ReturnReason::damaged,
                                        .comment = "Arrivé cassé"}));
  }

  // Moves the order's dates `days` back, as if it had been paid (and shipped) that long ago.
  void age(const std::string& order, int paid_days, std::optional<int> shipped_days = {}) {
    sql("UPDATE orders SET paid_at = now() - interval '" + std::to_string(paid_days) +
        " days' WHERE number = '" + order + "'");
    if (shipped_days)
      sql("INSERT INTO order_history (order_id, actor_kind, from_status, to_status, occurred_at) "
          "SELECT id, 'system', 'paid', 'fulfilled', now() - interval '" +
          std::to_string(*shipped_days) + " days' FROM orders WHERE number = '" + order + "'");
  }

  std::int64_t stock(int variant) {
    return count("SELECT stock_on_hand FROM variants WHERE id = " + std::to_string(variant));
  }
  std::int64_t mails(std::string_view template_name) {
    return count("SELECT count(*) FROM email_outbox WHERE template = '" +
                 std::string(template_name) + "'");
  }

  std::unique_ptr<ReturnService> returns_;
};

const Actor kStaff{.kind = "user", .id = "7"};

TEST_F(Returns, ACustomerAsksBackUnitsOfTheirPaidOrderAndIsMailed) {
  auto order = paid_order(3);
  auto made = ask(order, {{.position = 0, .quantity = 2}});
  ASSERT_TRUE(made) << static_cast<int>(made.error().error);
  EXPECT_TRUE(is_return_number(made->number));
  EXPECT_EQ(made->state, requested);
  EXPECT_EQ(made->order_number, order);
  EXPECT_EQ(made->reason, ReturnReason::damaged);
  EXPECT_EQ(made->comment, "Arrivé cassé");
  EXPECT_EQ(made->refund_amount, 2 * 1150) << "two units at 10,00 $ and their 1,50 $ of tax";
  ASSERT_EQ(made->lines.size(), 1u);
  EXPECT_EQ(made->lines[0].quantity, 2);
  EXPECT_EQ(made->lines[0].sku, "TEA-1");
  EXPECT_FALSE(made->lines[0].restock) << "decided on receipt";
  ASSERT_EQ(made->history.size(), 1u);
  EXPECT_EQ(made->history[0].actor_kind, "customer");
  EXPECT_EQ(made->history[0].actor_id, "1");
  EXPECT_EQ(made->history[0].to_state, "requested");
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'returns.requested' AND "
                  "locale = 'fr' AND to_address = 'marie@example.ca' AND payload->>'rma' = '" +
                  made->number + "' AND payload->>'number' = '" + order +
                  "' AND payload->>'state' = 'requested'"),
            1);
}

TEST_F(Returns, OnlyTheOrdersOwnCustomerMayAsk) {
  auto order = paid_order(1);
  EXPECT_EQ(ask(order, {{.position = 0, .quantity = 1}}, 2).error().error,
            ReturnError::unknown_order);
  EXPECT_EQ(ask("CMP-00000000", {{.position = 0, .quantity = 1}}).error().error,
            ReturnError::unknown_order);
  EXPECT_EQ(count("SELECT count(*) FROM returns"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template LIKE 'returns.%'"), 0);
}

TEST_F(Returns, AnUnpaidOrderCannotBeReturned) {
  auto order = paid_order(1);
  sql("UPDATE orders SET status = 'pending' WHERE number = '" + order + "'");
  EXPECT_EQ(ask(order, {{.position = 0, .quantity = 1}}).error().error,
            ReturnError::not_returnable);
}

TEST_F(Returns, TheWindowCountsThirtyDaysFromShippingElsePayment) {
  auto late = paid_order(1);
  age(late, 31);
  EXPECT_EQ(ask(late, {{.position = 0, .quantity = 1}}).error().error, ReturnError::outside_window);
  auto in_time = paid_order(1);
  age(in_time, 29);
  EXPECT_TRUE(ask(in_time, {{.position = 0, .quantity = 1}}));
  auto shipped_late = paid_order(1);
  age(shipped_late, 40, 10);
  EXPECT_TRUE(ask(shipped_late, {{.position = 0, .quantity = 1}}))
      << "paid 40 days ago but shipped 10 days ago";
  auto shipped_long_ago = paid_order(1);
  age(shipped_long_ago, 45, 31);
  EXPECT_EQ(ask(shipped_long_ago, {{.position = 0, .quantity = 1}}).error().error,
            ReturnError::outside_window);

  auto page = run_on_io(service_->find(late));
  ASSERT_TRUE(page);
  auto shown = run_on_io(returns_->for_order(*page));
  EXPECT_TRUE(shown.accepted);
  EXPECT_FALSE(shown.window_open);
  ASSERT_TRUE(shown.window_ends);
}

TEST_F(Returns, TheWindowIsTheOneStaffSetAtTheTimeOfAsking) {
  sql("INSERT INTO settings (key, value) VALUES ('returns.window_days', '10')");
  auto late = paid_order(1);
  age(late, 15);
  EXPECT_EQ(ask(late, {{.position = 0, .quantity = 1}}).error().error, ReturnError::outside_window);
  auto in_time = paid_order(1);
  age(in_time, 5);
  EXPECT_TRUE(ask(in_time, {{.position = 0, .quantity = 1}}));

  sql("UPDATE settings SET value = '0' WHERE key = 'returns.window_days'");
  auto closed = paid_order(1);
  EXPECT_EQ(ask(closed, {{.position = 0, .quantity = 1}}).error().error,
            ReturnError::outside_window)
      << "0 days: returns are closed";
}

TEST_F(Returns, UnitsAreNeverAskedBackTwiceButARefusalFreesThem) {
  auto order = paid_order(3);
  auto first = ask(order, {{.position = 0, .quantity = 2}});
  ASSERT_TRUE(first);
  auto again = ask(order, {{.position = 0, .quantity = 2}});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().error, ReturnError::too_many_units);
  EXPECT_EQ(again.error().units_left, 1);
  ASSERT_TRUE(ask(order, {{.position = 0, .quantity = 1}}));
  EXPECT_EQ(ask(order, {{.position = 0, .quantity = 1}}).error().error,
            ReturnError::too_many_units);
  ASSERT_TRUE(run_on_io(returns_->refuse(first->number, kStaff, "Pas de casse visible")));
  auto after_refusal = ask(order, {{.position = 0, .quantity = 2}});
  EXPECT_TRUE(after_refusal) << "the refused return's units can be asked again";
  EXPECT_EQ(count("SELECT count(*) FROM returns WHERE state = 'requested'"), 2);
}

TEST_F(Returns, TheReturnsOfAnOrderNeverClaimMoreThanItHasLeftToRefund) {
  auto order = paid_order(2, 1);  // 2 × 11,50 $ + 28,75 $ = 51,75 $ with tax
  auto conn = connect();
  auto id = *OrderRepository(conn).id_by_number(order);
  // 40,00 $ already refunded on the order, outside any return (a goodwill gesture).
  ASSERT_TRUE(
      service_->change(conn, id, {.to = OrderStatus::partially_refunded, .refunded_amount = 4000}));
  auto pot = ask(order, {{.position = 1, .quantity = 1}});
  ASSERT_TRUE(pot);
  EXPECT_EQ(pot->refund_amount, 5175 - 4000) << "the pot is worth 28,75 $, only 11,75 $ are left";
  auto tea = ask(order, {{.position = 0, .quantity = 2}});
  ASSERT_TRUE(tea);
  EXPECT_EQ(tea->refund_amount, 0) << "the pot's return has claimed what was left";
  EXPECT_EQ(count("SELECT sum(refund_amount) FROM returns") + 4000, 5175);
}

TEST_F(Returns, MoneyAcrossReturnsAndTheirRefunds) {
  auto order = paid_order(3);  // 34,50 $
  auto first = ask(order, {{.position = 0, .quantity = 1}});
  auto second = ask(order, {{.position = 0, .quantity = 2}});
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->refund_amount + second->refund_amount, 3450) << "exactly the line, no cent more";
  for (const auto& number : {first->number, second->number}) {
    ASSERT_TRUE(run_on_io(returns_->approve(number, kStaff)));
    ASSERT_TRUE(run_on_io(returns_->receive(number, kStaff, {})));
  }
  EXPECT_EQ(*run_on_io(returns_->refundable_amount(first->number)), first->refund_amount);
  // The refund service records the first refund in its transaction: the return and the order.
  database().transact_sync([&](db::Connection& conn) {
    auto refunded = returns_->mark_refunded(conn, first->number, first->refund_amount, "re_1",
                                            {.kind = "user", .id = "7"});
    ASSERT_TRUE(refunded);
    EXPECT_EQ(refunded->state, ReturnState::refunded);
    auto id = *OrderRepository(conn).id_by_number(order);
    ASSERT_TRUE(service_->change(
        conn, id,
        {.to = OrderStatus::partially_refunded, .refunded_amount = first->refund_amount}));
  });
  EXPECT_EQ(*run_on_io(returns_->refundable_amount(second->number)), second->refund_amount);
  EXPECT_EQ(*run_on_io(returns_->refundable_amount(first->number)), 0) << "refunded already";
  auto stored = run_on_io(returns_->find(first->number));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->refunded_amount, first->refund_amount);
  EXPECT_EQ(stored->refund_reference, "re_1");
  EXPECT_FALSE(stored->refunded_at.empty());
  EXPECT_EQ(stored->history.back().actor_kind, "user");
  EXPECT_EQ(mails("returns.refunded"), 1);
}

TEST_F(Returns, ARefundIsRecordedOnlyWithTheCallersTransaction) {
  auto order = paid_order(1);
  auto made = ask(order, {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(made);
  ASSERT_TRUE(run_on_io(returns_->approve(made->number, kStaff)));
  ASSERT_TRUE(run_on_io(returns_->receive(made->number, kStaff, {})));
  EXPECT_THROW(database().transact_sync([&](db::Connection& conn) {
    ASSERT_TRUE(returns_->mark_refunded(conn, made->number, 500, "re_2"));
    throw std::runtime_error("Stripe's answer could not be recorded");
  }),
               std::runtime_error);
  EXPECT_EQ(run_on_io(returns_->find(made->number))->state, received);
  EXPECT_EQ(mails("returns.refunded"), 0);
  auto conn = connect();
  EXPECT_EQ(
      returns_->mark_refunded(conn, made->number, made->refund_amount + 1, "re_3").error().error,
      ReturnError::bad_amount);
  EXPECT_EQ(returns_->mark_refunded(conn, made->number, 0, "re_3").error().error,
            ReturnError::bad_amount);
  EXPECT_EQ(returns_->mark_refunded(conn, "RMA-00000000", 1, "re_3").error().error,
            ReturnError::unknown_return);
}

// A refund that names a return goes through checkout's RefundService: only a received return of
// that order, at most what it covers, once; the money back moves the return to refunded and the
// order by the same amount, and the customer gets the return's mail, not a second one.
TEST_F(Returns, ARefundOfAReturnPaysItBackOnceWithOneMail) {
  auto order = paid_order(3);  // 34,50 $ through Stripe
  {
    auto conn = connect();
    OrderRepository orders(conn);
    orders.set_payment_intent(*orders.id_by_number(order), "pi_returned");
  }
  auto made = ask(order, {{.position = 0, .quantity = 1}});
  auto elsewhere = ask(paid_order(1), {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(made && elsewhere);
  std::vector<checkout::StripeRefundRequest> sent;
  checkout::RefundService refunds(
      database(), *service_,
      [&sent](const checkout::StripeRefundRequest& request)
          -> std::expected<checkout::StripeRefund, checkout::StripeFailure> {
        sent.push_back(request);
        return checkout::StripeRefund{
            .id = "re_returned", .status = "succeeded", .amount = request.amount};
      },
      {.returns = returns_.get()});
  auto refund = [&](std::int64_t amount, std::int64_t return_id) {
    return run_on_io(refunds.refund({.order_number = order,
                                     .amount = amount,
                                     .reason = checkout::RefundReason::returned,
                                     .actor = kStaff,
                                     .return_id = return_id}));
  };
  using checkout::RefundError;
  EXPECT_EQ(refund(made->refund_amount, made->id).error().error, RefundError::return_not_refundable)
      << "not received yet";
  ASSERT_TRUE(run_on_io(returns_->approve(made->number, kStaff)));
  ASSERT_TRUE(run_on_io(returns_->receive(made->number, kStaff, {})));
  auto over = refund(made->refund_amount + 1, made->id);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().error, RefundError::exceeds_return);
  EXPECT_EQ(over.error().refundable, made->refund_amount);
  EXPECT_EQ(refund(100, elsewhere->id).error().error, RefundError::unknown_return);
  EXPECT_TRUE(sent.empty()) << "a refused refund reached Stripe";

  auto done = refund(made->refund_amount, made->id);
  ASSERT_TRUE(done) << static_cast<int>(done.error().error);
  EXPECT_EQ(done->state, checkout::RefundState::succeeded);
  ASSERT_EQ(sent.size(), 1U);
  auto stored = run_on_io(returns_->find(made->number));
  EXPECT_EQ(stored->state, refunded);
  EXPECT_EQ(stored->refunded_amount, made->refund_amount);
  EXPECT_EQ(stored->refund_reference, "re_returned");
  EXPECT_EQ(count("SELECT refunded_amount FROM orders WHERE number = '" + order + "'"),
            made->refund_amount);
  EXPECT_EQ(mails("returns.refunded"), 1);
  EXPECT_EQ(mails("orders.refund"), 0) << "the customer was mailed twice";
  EXPECT_EQ(refund(1, made->id).error().error, RefundError::return_not_refundable)
      << "refunded twice";
}

TEST_F(Returns, ReceivingPutsBackOnlyTheLinesStaffRestock) {
  auto order = paid_order(3, 2);
  EXPECT_EQ(stock(1), 17);
  EXPECT_EQ(stock(2), 18);
  auto made = ask(order, {{.position = 0, .quantity = 2}, {.position = 1, .quantity = 1}});
  ASSERT_TRUE(made);
  ASSERT_TRUE(run_on_io(returns_->approve(made->number, kStaff, "OK, étiquette envoyée")));
  auto received = run_on_io(returns_->receive(
      made->number, kStaff, {{.position = 0, .restock = true}, {.position = 1, .restock = false}},
      "la théière est ébréchée"));
  ASSERT_TRUE(received);
  EXPECT_EQ(received->state, ReturnState::received);
  EXPECT_FALSE(received->received_at.empty());
  EXPECT_EQ(stock(1), 19) << "two teas back on sale";
  EXPECT_EQ(stock(2), 18) << "the chipped pot is not";
  ASSERT_EQ(received->lines.size(), 2u);
  EXPECT_EQ(received->lines[0].restock, true);
  EXPECT_EQ(received->lines[1].restock, false);
  EXPECT_EQ(received->history.back().note, "la théière est ébréchée");
  EXPECT_EQ(received->history.back().from_state, "approved");
  EXPECT_EQ(mails("returns.approved"), 1);
  EXPECT_EQ(mails("returns.received"), 1);
}

TEST_F(Returns, AVariantThatNoLongerTracksStockIsNotCounted) {
  auto order = paid_order(1);
  auto made = ask(order, {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(made);
  sql("UPDATE variants SET track_inventory = false WHERE id = 1");
  ASSERT_TRUE(run_on_io(returns_->approve(made->number, kStaff)));
  ASSERT_TRUE(
      run_on_io(returns_->receive(made->number, kStaff, {{.position = 0, .restock = true}})));
  EXPECT_EQ(stock(1), 19);
}

TEST_F(Returns, AChangeTheStateMachineForbidsWritesNothing) {
  auto order = paid_order(2);
  auto made = ask(order, {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(made);
  auto history = count("SELECT count(*) FROM return_history");
  auto outbox = count("SELECT count(*) FROM email_outbox");
  EXPECT_EQ(run_on_io(returns_->receive(made->number, kStaff, {{.position = 0, .restock = true}}))
                .error()
                .error,
            ReturnError::not_allowed);
  EXPECT_EQ(run_on_io(returns_->close(made->number, kStaff)).error().error,
            ReturnError::not_allowed);
  EXPECT_EQ(run_on_io(returns_->refuse(made->number, kStaff, "  ")).error().error,
            ReturnError::note_required);
  ASSERT_TRUE(run_on_io(returns_->approve(made->number, kStaff)));
  EXPECT_EQ(run_on_io(returns_->receive(made->number, kStaff, {{.position = 4, .restock = true}}))
                .error()
                .error,
            ReturnError::unknown_line);
  EXPECT_EQ(run_on_io(returns_->approve(made->number, kStaff)).error().error,
            ReturnError::not_allowed);
  EXPECT_EQ(run_on_io(returns_->approve("RMA-00000000", kStaff)).error().error,
            ReturnError::unknown_return);
  EXPECT_EQ(stock(1), 18);
  EXPECT_EQ(count("SELECT count(*) FROM return_history"), history + 1) << "only the approval";
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), outbox + 1);
  ASSERT_TRUE(run_on_io(returns_->close(made->number, kStaff, "colis jamais reçu")));
  EXPECT_EQ(run_on_io(returns_->find(made->number))->state, closed);
}

TEST_F(Returns, EachMailIsInTheLanguageTheReturnWasAskedIn) {
  auto order = paid_order(2);
  auto made = ask(order, {{.position = 0, .quantity = 1}}, 1, core::Locale::en);
  ASSERT_TRUE(made);
  ASSERT_TRUE(run_on_io(returns_->refuse(made->number, kStaff, "Opened and used")));
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template LIKE 'returns.%' AND "
                  "locale = 'en'"),
            2);
  EXPECT_EQ(count("SELECT count(*) FROM email_outbox WHERE template = 'returns.refused' AND "
                  "payload->>'note' = 'Opened and used'"),
            1);
}

TEST_F(Returns, TheBackOfficeListFiltersAndPages) {
  auto first_order = paid_order(3);
  auto second_order = paid_order(1);
  auto a = ask(first_order, {{.position = 0, .quantity = 1}});
  auto b = ask(first_order, {{.position = 0, .quantity = 1}});
  auto c = ask(second_order, {{.position = 0, .quantity = 1}});
  ASSERT_TRUE(a && b && c);
  ASSERT_TRUE(run_on_io(returns_->approve(b->number, kStaff)));

  auto all = run_on_io(returns_->list({}));
  ASSERT_EQ(all.items.size(), 3u);
  EXPECT_EQ(all.items[0].number, c->number) << "newest first";
  EXPECT_FALSE(all.next_before);

  auto approved = run_on_io(returns_->list({.state = ReturnState::approved}));
  ASSERT_EQ(approved.items.size(), 1u);
  EXPECT_EQ(approved.items[0].number, b->number);

  auto lower = a->number;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto by_rma = run_on_io(returns_->list({.search = lower}));
  ASSERT_EQ(by_rma.items.size(), 1u);
  EXPECT_EQ(by_rma.items[0].number, a->number);
  EXPECT_EQ(by_rma.items[0].order_number, first_order);
  EXPECT_EQ(run_on_io(returns_->list({.search = first_order})).items.size(), 2u);

  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  EXPECT_EQ(run_on_io(returns_->list({.created_from = today, .created_until = today})).items.size(),
            3u);
  EXPECT_EQ(run_on_io(returns_->list({.created_until = today - std::chrono::days{1}})).items.size(),
            0u);

  auto page_one = run_on_io(returns_->list({.limit = 2}));
  ASSERT_EQ(page_one.items.size(), 2u);
  ASSERT_TRUE(page_one.next_before);
  auto page_two = run_on_io(returns_->list({.before_id = page_one.next_before, .limit = 2}));
  ASSERT_EQ(page_two.items.size(), 1u);
  EXPECT_EQ(page_two.items[0].number, a->number);
  EXPECT_FALSE(page_two.next_before);
}

TEST_F(Returns, TheBackOfficeListsTheReturnsOfOneCustomersOrders) {
  auto maries = paid_order(2);
  auto pauls = paid_order(1, 0, 2);
  auto a = ask(maries, {{.position = 0, .quantity = 1}});
  auto b = ask(pauls, {{.position = 0, .quantity = 1}}, 2);
  ASSERT_TRUE(a && b);
  auto marie = run_on_io(returns_->list({.user_id = 1}));
  ASSERT_EQ(marie.items.size(), 1u);
  EXPECT_EQ(marie.items[0].number, a->number);
  auto paul = run_on_io(returns_->list({.user_id = 2}));
  ASSERT_EQ(paul.items.size(), 1u);
  EXPECT_EQ(paul.items[0].order_number, pauls);
  EXPECT_TRUE(run_on_io(returns_->list({.user_id = 3})).items.empty());
}

TEST_F(Returns, TwoRequestsAtOnceNeverCoverMoreUnitsThanOrdered) {
  auto order = paid_order(2);
  std::atomic<int> made{0};
  {
    std::vector<std::jthread> customers;
    for (int i = 0; i < 4; ++i)
      customers.emplace_back([&] {
        if (ask(order, {{.position = 0, .quantity = 1}})) ++made;
      });
  }
  EXPECT_EQ(made.load(), 2);
  EXPECT_EQ(count("SELECT sum(quantity) FROM return_lines"), 2);
}

}  // namespace
}  // namespace comptoir::orders

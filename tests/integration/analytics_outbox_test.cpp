#include <gtest/gtest.h>

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <boost/json/parse.hpp>

#include <atomic>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "analytics/event_outbox.hpp"
#include "analytics/order_tracker.hpp"
#include "analytics/outbox_sender.hpp"
#include "observe/metrics.hpp"
#include "orders/order_repository.hpp"
#include "orders_test_support.hpp"

namespace comptoir::analytics {
namespace {

namespace net = boost::asio;
using orders::OrderStatus;

// A local HTTP endpoint standing in for GA4's /mp/collect and Plausible's /api/event: records
// each request (its target and body) and answers the next scripted status (204 when none is left).
class FakeCollector {
 public:
  struct Received {
    std::string target;
    std::string body;
  };

  FakeCollector() : acceptor_(io_, {net::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeCollector() {
    stopping_ = true;
    try {
      net::io_context wake;
      net::ip::tcp::socket socket(wake);
      socket.connect(acceptor_.local_endpoint());  // unblocks accept()
    } catch (const std::exception&) {
      // already stopped
    }
    thread_.join();
  }
  FakeCollector(const FakeCollector&) = delete;
  FakeCollector& operator=(const FakeCollector&) = delete;

  std::string origin() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }
  void answer_next(int status) {
    std::scoped_lock lock(mutex_);
    script_.push_back(status);
  }
  std::vector<Received> received() {
    std::scoped_lock lock(mutex_);
    return received_;
  }

 private:
  void serve() {
    while (!stopping_) {
      net::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      net::streambuf buffer;
      auto header_end = net::read_until(socket, buffer, "\r\n\r\n", ec);
      if (ec) continue;
      std::string data(net::buffers_begin(buffer.data()), net::buffers_end(buffer.data()));
      auto head = data.substr(0, header_end);
      std::size_t length = 0;
      for (std::string key : {"Content-Length: ", "content-length: "})
        if (auto at = head.find(key); at != std::string::npos)
          length = std::stoul(head.substr(at + key.size()));
      auto body = data.substr(header_end);
      if (body.size() < length) {
        std::string rest(length - body.size(), '\0');
        net::read(socket, net::buffer(rest), ec);
        body += rest;
      }
      int status = 204;
      {
        std::scoped_lock lock(mutex_);
        auto line_end = head.find("\r\n");
        auto first_space = head.find(' ');
        received_.push_back(
            {head.substr(first_space + 1, head.rfind(' ', line_end) - first_space - 1), body});
        if (!script_.empty()) {
          status = script_.front();
          script_.pop_front();
        }
      }
      auto reply = "HTTP/1.1 " + std::to_string(status) +
                   " X\r\nContent-Length: 0\r\nConnection: " + "close\r\n\r\n";
      net::write(socket, net::buffer(reply), ec);
    }
  }

  net::io_context io_;
  net::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::deque<int> script_;
  std::vector<Received> received_;
  std::thread thread_;
};

// The outbox against PostgreSQL: rows written in the transaction that pays or refunds an order,
// only for orders whose visitor allowed measurement, once per key; then sent once, retried on a
// 5xx, given up on a 4xx.
class AnalyticsOutbox : public orders::test::OrdersTest {
 protected:
  AnalyticsOutbox() : OrdersTest(4) {}

  void SetUp() override {
    OrdersTest::SetUp();
    if (HasFatalFailure()) return;
    tracker_ = std::make_unique<OrderTracker>(
        *service_, TrackerOptions{.base_url = "https://shop.example",
                                  .page = {"/fr/commande", "/en/checkout"}});
    service_->observe(*tracker_);
  }

  // A pending order of 2 × 12,99 $ + 5,00 $ shipping, placed by a visitor who did or did not
  // allow measurement.
  std::int64_t pending_order(bool consent, const std::string& client_id = "111.222") {
    auto conn = connect();
    orders::OrderRepository orders(conn);
    auto id = orders.next_id();
    orders.insert({.id = id,
                   .number = orders::new_order_number(),
                   .email = "marie@example.ca",
                   .currency = "CAD",
                   .region_code = "CA-QC",
                   .sealed_address = "v1.k1.AAAA",
                   .totals = {.subtotal = 2598, .shipping = 500, .tax = 465, .total = 3563},
                   .provider = orders::PaymentProvider::stripe});
    orders.insert_line(id, 0,
                       {.variant_id = std::nullopt,
                        .sku = "TASSE-1",
                        .name = "Tasse",
                        .unit_price = 1299,
                        .quantity = 2,
                        .amount = 2598},
                       false);
    if (consent) orders.set_analytics(id, true, client_id);
    return id;
  }

  void change(std::int64_t id, OrderStatus to, std::optional<std::int64_t> refunded = {}) {
    auto result = database().transact_sync([&](db::Connection& conn) {
      return service_->change(conn, id,
                              {.to = to, .actor = {.kind = "stripe"}, .refunded_amount = refunded});
    });
    ASSERT_TRUE(result.has_value());
  }

  std::vector<OutboxRow> rows(std::int64_t id) {
    auto conn = connect();
    return EventOutbox(conn).of_order(id);
  }

  OutboxSender sender(FakeCollector& collector, core::AnalyticsProvider provider) {
    core::AnalyticsSettings settings;
    settings.provider = provider;
    settings.site = provider == core::AnalyticsProvider::ga4 ? "G-TEST1234" : "shop.example";
    settings.origin = collector.origin();
    return OutboxSender(database(), EventSender(settings, "mp-secret"), metrics_,
                        {.max_attempts = 3, .retry_base = std::chrono::milliseconds{60'000}});
  }

  void make_due(std::int64_t id) {
    sql("UPDATE analytics_events SET next_attempt_at = now() WHERE order_id = " +
        std::to_string(id) + " AND sent_at IS NULL AND next_attempt_at <> 'infinity'");
  }

  observe::Metrics metrics_;
  std::unique_ptr<OrderTracker> tracker_;
};

TEST_F(AnalyticsOutbox, PayingWritesOnePurchaseWithTheOrder) {
  auto id = pending_order(true, "987.654");
  EXPECT_TRUE(rows(id).empty());
  change(id, OrderStatus::paid);
  auto written = rows(id);
  ASSERT_EQ(written.size(), 1U);
  EXPECT_EQ(written[0].kind, EventKind::purchase);
  EXPECT_FALSE(written[0].sent);
  auto event = event_from_json(written[0].event);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->value, 3563);
  EXPECT_EQ(event->shipping, 500);
  EXPECT_EQ(event->tax, 465);
  EXPECT_EQ(event->client_id, "987.654");
  EXPECT_EQ(event->url, "https://shop.example/fr/commande");
  ASSERT_EQ(event->items.size(), 1U);
  EXPECT_EQ(event->items[0].id, "TASSE-1");
}

TEST_F(AnalyticsOutbox, APaymentRolledBackLeavesNoRow) {
  auto id = pending_order(true);
  EXPECT_THROW(database().transact_sync([&](db::Connection& conn) {
    ASSERT_TRUE(service_->change(conn, id, {.to = OrderStatus::paid}));
    throw std::runtime_error("the payment's transaction fails after the change");
  }),
               std::runtime_error);
  EXPECT_TRUE(rows(id).empty());
}

TEST_F(AnalyticsOutbox, WithoutConsentNothingIsWrittenNotEvenForARefund) {
  auto id = pending_order(false);
  change(id, OrderStatus::paid);
  change(id, OrderStatus::partially_refunded, 1000);
  change(id, OrderStatus::refunded, 3563);
  EXPECT_TRUE(rows(id).empty());
}

TEST_F(AnalyticsOutbox, EachRefundOnceWhateverTheRedeliveries) {
  auto id = pending_order(true);
  change(id, OrderStatus::paid);
  change(id, OrderStatus::partially_refunded, 1000);
  change(id, OrderStatus::refunded, 3563);
  auto written = rows(id);
  ASSERT_EQ(written.size(), 3U);
  EXPECT_EQ(written[1].kind, EventKind::refund);
  EXPECT_EQ(event_from_json(written[1].event)->value, 1000);
  EXPECT_EQ(event_from_json(written[2].event)->value, 2563);
  // What a second delivery of the same change would write: refused by the key.
  auto conn = connect();
  auto again = event_from_json(written[1].event);
  EXPECT_FALSE(EventOutbox(conn).enqueue(id, EventKind::refund, "1000", *again));
  EXPECT_FALSE(EventOutbox(conn).enqueue(id, EventKind::purchase, "", *again));
  EXPECT_EQ(rows(id).size(), 3U);
}

TEST_F(AnalyticsOutbox, TheJobSendsOnceAndRetriesA5xx) {
  FakeCollector collector;
  auto outbox = sender(collector, core::AnalyticsProvider::ga4);
  auto id = pending_order(true, "987.654");
  change(id, OrderStatus::paid);

  collector.answer_next(503);
  EXPECT_EQ(outbox.drain(), 1);
  auto failed = rows(id);
  ASSERT_EQ(failed.size(), 1U);
  EXPECT_FALSE(failed[0].sent);
  EXPECT_FALSE(failed[0].gave_up);
  EXPECT_EQ(failed[0].attempts, 1);
  EXPECT_NE(failed[0].last_error.find("503"), std::string::npos) << failed[0].last_error;
  EXPECT_EQ(outbox.drain(), 0) << "not due before its backoff";

  make_due(id);
  EXPECT_EQ(outbox.drain(), 1);
  auto sent = rows(id);
  EXPECT_TRUE(sent[0].sent);
  EXPECT_EQ(sent[0].attempts, 2);
  EXPECT_TRUE(sent[0].last_error.empty());
  make_due(id);
  EXPECT_EQ(outbox.drain(), 0) << "a sent row is never sent again";

  auto requests = collector.received();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[1].target, "/mp/collect?measurement_id=G-TEST1234&api_secret=mp-secret");
  auto body = boost::json::parse(requests[1].body);
  EXPECT_EQ(body.at("client_id").as_string(), "987.654");
  EXPECT_EQ(body.at("events").at(0).at("params").at("transaction_id").as_string(),
            rows(id).empty() ? "" : event_from_json(rows(id)[0].event)->transaction_id);
  EXPECT_NE(requests[1].body.find("\"value\":35.63"), std::string::npos) << requests[1].body;
}

TEST_F(AnalyticsOutbox, ARefusalGivesUpAtOnceAndTheOthersGoOn) {
  FakeCollector collector;
  auto outbox = sender(collector, core::AnalyticsProvider::plausible);
  auto refused = pending_order(true);
  auto accepted = pending_order(true);
  change(refused, OrderStatus::paid);
  change(accepted, OrderStatus::paid);
  collector.answer_next(400);
  EXPECT_EQ(outbox.drain(), 2);
  EXPECT_TRUE(rows(refused)[0].gave_up);
  EXPECT_FALSE(rows(refused)[0].sent);
  EXPECT_TRUE(rows(accepted)[0].sent);
  auto requests = collector.received();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0].target, "/api/event");
  EXPECT_EQ(boost::json::parse(requests[1].body).at("name").as_string(), "Purchase");
}

TEST_F(AnalyticsOutbox, AnUnreachableServiceIsRetriedUntilTheLastAttempt) {
  core::AnalyticsSettings settings;
  settings.provider = core::AnalyticsProvider::plausible;
  settings.site = "shop.example";
  settings.origin = "http://127.0.0.1:1";  // nothing listens there
  OutboxSender outbox(database(), EventSender(settings, ""), metrics_,
                      {.max_attempts = 2, .retry_base = std::chrono::milliseconds{60'000}});
  auto id = pending_order(true);
  change(id, OrderStatus::paid);
  EXPECT_EQ(outbox.drain(), 1);
  EXPECT_FALSE(rows(id)[0].gave_up);
  make_due(id);
  EXPECT_EQ(outbox.drain(), 1);
  EXPECT_TRUE(rows(id)[0].gave_up);
  EXPECT_EQ(rows(id)[0].attempts, 2);
}

}  // namespace
}  // namespace comptoir::analytics

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "cache_fixture.hpp"
#include "http/router.hpp"
#include "observe/metrics.hpp"
#include "pagecache/page_cache.hpp"

// Requests that miss a page while another request renders it wait for that rendering.
namespace comptoir::pagecache {
namespace {

using http::Field;
using http::Method;
using http::Request;
using http::Response;
using http::Status;
namespace net = http::net;

std::string html_page(int marker) {
  std::string html = "<!doctype html><html lang=\"fr-CA\"><body><main>";
  for (int i = 0; i < 200; ++i)
    html += "<article><h2>Théière " + std::to_string(marker) + "</h2></article>";
  return html + "</main></body></html>";
}

// One request through `handler`, as the server would make it.
net::awaitable<Response> ask(const http::Handler& handler, std::string target,
                             std::string accept_encoding) {
  Request req{Method::get, target, 11};
  if (!accept_encoding.empty()) req.set(Field::accept_encoding, accept_encoding);
  auto executor = co_await net::this_coro::executor;
  auto ctx = test_support::context_of(req, executor);
  co_return co_await handler(ctx);
}

// A route behind the cache (doorkeeper as app sets it: a page is kept from its second miss)
// whose rendering takes 30 ms of a timer, so that requests sent together all miss while it runs.
class CoalescedMisses : public ::testing::Test {
 protected:
  std::future<Response> send(std::string target, std::string accept_encoding = {}) {
    return net::co_spawn(ioc_, ask(chained_, std::move(target), std::move(accept_encoding)),
                         net::use_future);
  }

  double metric(std::string_view name) const { return test_support::metric(metrics_, name); }

  net::io_context ioc_;
  std::atomic<std::uint64_t> generation_{7};
  int runs_ = 0;
  bool cookie_ = false;   // the answer sets a cookie: it may not be kept
  int throw_at_run_ = 0;  // the run (from 1) that fails
  observe::Metrics metrics_;
  PageCache cache_{test_support::options(generation_, kDoorkeeperSlots), metrics_};
  const std::vector<http::Middleware> middleware_{cache_.middleware()};
  const http::Handler chained_ =
      http::chain(middleware_, [this](http::Context& ctx) -> net::awaitable<Response> {
        int run = ++runs_;
        net::steady_timer rendering(ctx.executor, std::chrono::milliseconds(30));
        co_await rendering.async_wait(net::use_awaitable);
        if (run == throw_at_run_) throw std::runtime_error("the database went away");
        auto res = http::html(Status::ok, html_page(run));
        if (cookie_) res.set(Field::set_cookie, "visit=1");
        co_return res;
      });
};

TEST_F(CoalescedMisses, TheyWaitForTheRenderingAndGetWhatItKept) {
  std::vector<std::future<Response>> answers;
  for (int i = 0; i < 5; ++i) answers.push_back(send("/fr/produit/theiere", i % 2 ? "br" : ""));
  ioc_.run();
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(answers[0].get()["Cache-Status"], "comptoir; fwd=miss; stored")
      << "asked again while it rendered: kept at its first miss, as at a second";
  for (std::size_t i = 1; i < answers.size(); ++i) {
    auto res = answers[i].get();
    EXPECT_EQ(res.result(), Status::ok);
    EXPECT_EQ(res["Cache-Status"], "comptoir; fwd=miss; collapsed");
    if (i % 2 != 0) {
      EXPECT_EQ(res[Field::content_encoding], "br") << "each gets its own encoding";
    } else {
      EXPECT_EQ(res.body(), html_page(1));
    }
  }
  EXPECT_EQ(metric("page_cache_misses_total"), 1);
  EXPECT_EQ(metric("page_cache_coalesced_total"), 4);
  EXPECT_EQ(metric("page_cache_first_misses_total"), 0);

  ioc_.restart();
  auto later = send("/fr/produit/theiere");
  ioc_.run();
  EXPECT_EQ(later.get()["Cache-Status"], "comptoir; hit");
  EXPECT_EQ(runs_, 1);
}

TEST_F(CoalescedMisses, OtherPagesDoNotWait) {
  auto first = send("/fr/produit/theiere");
  auto other = send("/fr/produit/bol");
  auto query = send("/fr/produits?q=the");
  ioc_.run();
  EXPECT_EQ(runs_, 3);
  EXPECT_EQ(first.get().body(), html_page(1));
  EXPECT_EQ(other.get().body(), html_page(2));
  EXPECT_EQ(query.get().body(), html_page(3));
  EXPECT_EQ(metric("page_cache_coalesced_total"), 0);
}

TEST_F(CoalescedMisses, AnAnswerThatMayNotBeKeptIsRenderedForEachOfThem) {
  cookie_ = true;
  std::vector<std::future<Response>> answers;
  for (int i = 0; i < 3; ++i) answers.push_back(send("/fr/"));
  ioc_.run();
  EXPECT_EQ(runs_, 3) << "the leader's answer set a cookie: not theirs to share";
  for (auto& answer : answers) EXPECT_EQ(answer.get()["Cache-Status"], "comptoir; fwd=miss");
  EXPECT_EQ(metric("page_cache_coalesced_total"), 0);
}

TEST_F(CoalescedMisses, WhenTheRenderingFailsTheyRenderThePageThemselves) {
  throw_at_run_ = 1;
  std::vector<std::future<Response>> answers;
  for (int i = 0; i < 3; ++i) answers.push_back(send("/fr/"));
  ioc_.run();
  EXPECT_THROW(answers[0].get(), std::runtime_error);
  EXPECT_EQ(runs_, 3);
  EXPECT_EQ(answers[1].get().result(), Status::ok);
  EXPECT_EQ(answers[2].get().result(), Status::ok);
  EXPECT_EQ(metric("page_cache_coalesced_total"), 0);
}

TEST_F(CoalescedMisses, ARequestOfANewGenerationDoesNotTakeTheOldRendering) {
  auto before = send("/fr/");
  ioc_.poll();  // the first rendering is under way, waiting for its timer
  ASSERT_EQ(runs_, 1);
  generation_ = 8;  // the catalog changed meanwhile
  auto after = send("/fr/");
  ioc_.run();
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(before.get().body(), html_page(1));
  EXPECT_EQ(after.get().body(), html_page(2));
}

}  // namespace
}  // namespace comptoir::pagecache

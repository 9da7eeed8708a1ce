#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <atomic>
#include <map>
#include <string>

#include "../staticfiles/gunzip.hpp"
#include "cache_fixture.hpp"
#include "http/router.hpp"
#include "observe/metrics.hpp"
#include "pagecache/page_cache.hpp"

namespace comptoir::pagecache {
namespace {

using http::Field;
using http::Method;
using http::Request;
using http::Response;
using http::Status;
namespace net = http::net;

// A page large and repetitive enough for both encodings to pay off, as HTML pages do.
std::string html_page(std::string_view marker) {
  std::string html = "<!doctype html><html lang=\"fr-CA\"><body><main>";
  html += marker;
  for (int i = 0; i < 300; ++i)
    html += "<article class=\"product-card\"><h2>Théière " + std::to_string(i) + "</h2></article>";
  return html + "</main></body></html>";
}

using staticfiles::test_support::gunzip;

net::awaitable<Response> ready(Response res) {
  co_return res;
}

// A route behind the cache's middleware that counts how often it really runs; the cache has a
// doorkeeper of `Slots` slots (0: it keeps a page at its first miss).
template <std::size_t Slots>
class RouteBehindCache : public ::testing::Test {
 protected:
  Response get(std::string target, std::string_view accept_encoding = {},
               std::string_view if_none_match = {}, Method method = Method::get) {
    Request req{method, target, 11};
    if (!accept_encoding.empty()) req.set(Field::accept_encoding, accept_encoding);
    if (!if_none_match.empty()) req.set(Field::if_none_match, if_none_match);
    net::io_context ioc;
    auto ctx = test_support::context_of(req, ioc.get_executor());
    auto future = net::co_spawn(ioc, chained_(ctx), net::use_future);
    ioc.run();
    return future.get();
  }

  double metric(std::string_view name) const { return test_support::metric(metrics_, name); }

  std::atomic<std::uint64_t> generation_{7};
  int runs_ = 0;
  Response answer_ = http::html(Status::ok, html_page("first"));
  observe::Metrics metrics_;
  PageCache cache_{test_support::options(generation_, Slots), metrics_};
  const std::vector<http::Middleware> middleware_{cache_.middleware()};
  std::map<std::string, std::string, std::less<>> tags_;  // path → what its page shows
  const http::Handler chained_ = http::chain(middleware_, [this](http::Context& ctx) {
    ++runs_;
    auto res = answer_;
    if (auto tags = tags_.find(ctx.path); tags != tags_.end()) res.set(kTagsField, tags->second);
    return ready(std::move(res));
  });
};

using CachedRoute = RouteBehindCache<0>;
// As app sets it up: a page is rendered twice before it is kept.
using DoorkeptRoute = RouteBehindCache<kDoorkeeperSlots>;

TEST_F(DoorkeptRoute, APageIsKeptAtItsSecondMissAndOnlyThenCompressed) {
  auto first = get("/fr/produit/theiere", "br");
  EXPECT_EQ(first["Cache-Status"], "comptoir; fwd=miss");
  EXPECT_EQ(first.find(Field::content_encoding), first.end()) << "not compressed: not kept";
  EXPECT_EQ(first.body(), html_page("first"));
  EXPECT_EQ(metric("page_cache_first_misses_total"), 1);
  EXPECT_EQ(metric("page_cache_pages"), 0);

  auto second = get("/fr/produit/theiere", "br");
  EXPECT_EQ(second["Cache-Status"], "comptoir; fwd=miss; stored");
  EXPECT_EQ(second[Field::content_encoding], "br");
  auto third = get("/fr/produit/theiere");
  EXPECT_EQ(third["Cache-Status"], "comptoir; hit");
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(metric("page_cache_first_misses_total"), 1);
  EXPECT_EQ(metric("page_cache_misses_total"), 2);
}

TEST_F(DoorkeptRoute, APageKeptOnceIsKeptAgainAtItsFirstMissAfterAChange) {
  get("/fr/");
  get("/fr/");
  EXPECT_EQ(get("/fr/")["Cache-Status"], "comptoir; hit");
  generation_ = 8;
  EXPECT_EQ(get("/fr/")["Cache-Status"], "comptoir; fwd=miss; stored");
  EXPECT_EQ(get("/fr/")["Cache-Status"], "comptoir; hit");
}

TEST_F(CachedRoute, TheSecondRequestIsAnsweredFromTheCacheWithTheSameBody) {
  auto first = get("/fr/produits?q=the");
  auto second = get("/fr/produits?q=the");
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(first.result(), Status::ok);
  EXPECT_EQ(second.body(), first.body());
  EXPECT_EQ(second.body(), html_page("first"));
  EXPECT_EQ(first["Cache-Status"], "comptoir; fwd=miss; stored");
  EXPECT_EQ(second["Cache-Status"], "comptoir; hit");
  EXPECT_EQ(second[Field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(metric("page_cache_hits_total"), 1);
  EXPECT_EQ(metric("page_cache_misses_total"), 1);
  EXPECT_GT(metric("page_cache_bytes"), static_cast<double>(html_page("first").size()));
  EXPECT_EQ(metric("page_cache_pages"), 1);
}

TEST_F(CachedRoute, TheQueryOrderDoesNotMatterButItsValuesDo) {
  get("/fr/produits?q=the&sort=price");
  get("/fr/produits?sort=price&q=the");
  EXPECT_EQ(runs_, 1);
  get("/fr/produits?q=cafe&sort=price");
  EXPECT_EQ(runs_, 2);
}

TEST_F(CachedRoute, BrotliAndGzipAreChosenFromAcceptEncodingEachWithItsOwnETag) {
  auto identity = get("/fr/");
  auto br = get("/fr/", "gzip, deflate, br");
  auto gzip = get("/fr/", "gzip");
  EXPECT_EQ(runs_, 1) << "rendered once, each variant made from what was kept";

  EXPECT_EQ(identity.find(Field::content_encoding), identity.end());
  EXPECT_EQ(br[Field::content_encoding], "br");
  EXPECT_EQ(gzip[Field::content_encoding], "gzip");
  EXPECT_LT(br.body().size(), identity.body().size());
  EXPECT_EQ(gunzip(gzip.body()), identity.body());
  for (const auto* res : {&identity, &br, &gzip}) EXPECT_EQ((*res)[Field::vary], "Accept-Encoding");
  EXPECT_NE(identity[Field::etag], br[Field::etag]);
  EXPECT_NE(br[Field::etag], gzip[Field::etag]);
  EXPECT_TRUE(std::string(br[Field::etag]).ends_with("-br\""));
}

TEST_F(CachedRoute, EachVariantIsMadeOnceForTheFirstClientThatPrefersItAndNoneForOthers) {
  auto plain = get("/fr/");
  get("/fr/");
  EXPECT_EQ(plain[Field::vary], "Accept-Encoding") << "the page varies before its variants exist";
  const auto identity_only = metric("page_cache_bytes");

  auto br = get("/fr/", "gzip, deflate, br");  // as browsers ask
  ASSERT_EQ(br[Field::content_encoding], "br");
  EXPECT_EQ(metric("page_cache_bytes"), identity_only + static_cast<double>(br.body().size()))
      << "a browser's page holds brotli, not gzip";
  auto gzip = get("/fr/", "gzip");
  ASSERT_EQ(gzip[Field::content_encoding], "gzip");
  const auto both = identity_only + static_cast<double>(br.body().size() + gzip.body().size());
  EXPECT_EQ(metric("page_cache_bytes"), both);

  EXPECT_EQ(get("/fr/", "br").body(), br.body());
  EXPECT_EQ(get("/fr/", "gzip").body(), gzip.body());
  EXPECT_EQ(metric("page_cache_bytes"), both) << "each variant made once";
  EXPECT_EQ(metric("page_cache_pages"), 1);
  EXPECT_EQ(runs_, 1);
}

TEST(CachedPageVariants, AVariantThatIsNotSmallerIsTriedOnceAndNotKept) {
  auto page = CachedPage::of(http::html(Status::ok, "x"));
  EXPECT_TRUE(page.lacks("gzip, br"));
  EXPECT_FALSE(page.lacks("identity"));
  page.make_for("gzip, br", {});
  EXPECT_TRUE(page.tried_br);
  EXPECT_TRUE(page.tried_gzip);
  EXPECT_FALSE(page.body.br.has_value());
  EXPECT_FALSE(page.body.gzip.has_value());
  EXPECT_FALSE(page.lacks("gzip, br"));
  EXPECT_EQ(page.preferred("gzip, br"), staticfiles::ContentEncoding::identity);
}

TEST_F(CachedRoute, IfNoneMatchWithThePagesETagIs304WithoutABody) {
  auto first = get("/en/", "br");
  auto etag = std::string(first[Field::etag]);
  auto again = get("/en/", "br", etag);
  EXPECT_EQ(again.result(), Status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[Field::etag], etag);
  EXPECT_EQ(again["Cache-Status"], "comptoir; hit");
  // The gzip representation has its own tag: the brotli one does not validate it.
  EXPECT_EQ(get("/en/", "gzip", etag).result(), Status::ok);
  EXPECT_EQ(runs_, 1);
}

TEST_F(CachedRoute, HeadIsAnsweredWithTheSameFields) {
  auto got = get("/fr/", "br");
  auto head = get("/fr/", "br", {}, Method::head);
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(head[Field::etag], got[Field::etag]);
  EXPECT_EQ(head[Field::content_encoding], "br");
  EXPECT_EQ(head[Field::content_type], got[Field::content_type]);
}

TEST_F(CachedRoute, AGenerationThatMovesMakesTheRouteRenderAgain) {
  get("/fr/");
  answer_ = http::html(Status::ok, html_page("after the change"));
  ++generation_;
  auto res = get("/fr/");
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(res.body(), html_page("after the change"));
}

TEST_F(CachedRoute, TagsNeverLeaveAndADropOfOneRendersOnlyThePagesCarryingIt) {
  tags_["/fr/produit/theiere"] = "product:1";
  tags_["/fr/produit/moulin"] = "product:2";
  tags_["/fr/categorie/the"] = "listing category:10 product:1";
  for (const auto* path : {"/fr/produit/theiere", "/fr/produit/moulin", "/fr/categorie/the"}) {
    auto res = get(path);
    EXPECT_EQ(res.find(kTagsField), res.end()) << path;
    auto again = get(path);
    EXPECT_EQ(again["Cache-Status"], "comptoir; hit") << path;
    EXPECT_EQ(again.find(kTagsField), again.end()) << path << ", from the cache";
  }
  EXPECT_EQ(runs_, 3);

  cache_.drop_tags({"product:1"});
  EXPECT_EQ(get("/fr/produit/moulin")["Cache-Status"], "comptoir; hit");
  EXPECT_EQ(get("/fr/produit/theiere")["Cache-Status"], "comptoir; fwd=miss; stored");
  EXPECT_EQ(get("/fr/categorie/the")["Cache-Status"], "comptoir; fwd=miss; stored");
  EXPECT_EQ(runs_, 5);
  EXPECT_EQ(metric(R"(page_cache_invalidated_total{by="tags"})"), 2);
  EXPECT_EQ(metric("page_cache_pages"), 3);

  ++generation_;  // everything changed
  get("/fr/produit/moulin");
  EXPECT_EQ(metric(R"(page_cache_invalidated_total{by="generation"})"), 3);
}

TEST_F(CachedRoute, NothingIsKeptWhileTheGenerationIsUnknown) {
  generation_ = 0;
  get("/fr/");
  auto res = get("/fr/");
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(res["Cache-Status"], "comptoir; fwd=bypass");
  EXPECT_EQ(res.find(Field::etag), res.end());
}

TEST_F(CachedRoute, AnAnswerThatSetsACookieIsNeverKept) {
  answer_.set(Field::set_cookie, "comptoir_session=abc; HttpOnly");
  auto first = get("/fr/");
  auto second = get("/fr/");
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(second[Field::set_cookie], "comptoir_session=abc; HttpOnly");
  EXPECT_EQ(second["Cache-Status"], "comptoir; fwd=miss");
  EXPECT_EQ(metric("page_cache_hits_total"), 0);
}

TEST_F(CachedRoute, OnlyOkAnswersAreKept) {
  answer_ = http::redirect(Status::moved_permanently, "/fr/produit/nouveau");
  get("/fr/produit/ancien");
  get("/fr/produit/ancien");
  EXPECT_EQ(runs_, 2);
}

TEST(Storable, OkWithoutCookiesEncodingOrPrivateCacheControl) {
  EXPECT_TRUE(storable(http::html(Status::ok, "<p>x</p>")));
  EXPECT_FALSE(storable(http::html(Status::not_found, "<p>x</p>")));
  auto cookie = http::html(Status::ok, "x");
  cookie.set(Field::set_cookie, "a=b");
  EXPECT_FALSE(storable(cookie));
  for (const char* value : {"private", "no-store", "No-Store, max-age=0"}) {
    auto res = http::html(Status::ok, "x");
    res.set(Field::cache_control, value);
    EXPECT_FALSE(storable(res)) << value;
  }
  auto encoded = http::html(Status::ok, "x");
  encoded.set(Field::content_encoding, "gzip");
  EXPECT_FALSE(storable(encoded));
  auto public_page = http::html(Status::ok, "x");
  public_page.set(Field::cache_control, "public, max-age=60");
  EXPECT_TRUE(storable(public_page));
}

TEST(CachedPageOf, KeepsTheHandlersFieldsButNotItsLength) {
  auto res = http::html(Status::ok, html_page("x"));
  res.set("Content-Security-Policy", "default-src 'self'");
  res.prepare_payload();
  auto page = CachedPage::of(res);
  Request req{Method::get, "/fr/", 11};
  auto out = answer(page, req, "", "comptoir; hit");
  EXPECT_EQ(out["Content-Security-Policy"], "default-src 'self'");
  EXPECT_EQ(out.count(Field::content_length), 0U) << "the server sets it for the body it sends";
  EXPECT_EQ(out.body(), html_page("x"));
}

}  // namespace
}  // namespace comptoir::pagecache

#include "observe/web_vitals.hpp"

#include <gtest/gtest.h>
#include <prometheus/text_serializer.h>

#include <string>

namespace comptoir::observe {
namespace {

std::string scrape(prometheus::Registry& registry) {
  return prometheus::TextSerializer().Serialize(registry.Collect());
}

TEST(WebVitals, ReadsAReportOfTheThreeMetrics) {
  auto report = parse_vitals(
      R"({"page":"product","metrics":[{"name":"LCP","value":1834.2},{"name":"CLS","value":0.031},)"
      R"({"name":"INP","value":96}]})");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->page, "product");
  ASSERT_EQ(report->values.size(), 3U);
  EXPECT_EQ(report->values[0].vital, Vital::lcp);
  EXPECT_DOUBLE_EQ(report->values[0].value, 1834.2);
  EXPECT_EQ(report->values[1].vital, Vital::cls);
  EXPECT_EQ(report->values[2].vital, Vital::inp);
}

TEST(WebVitals, AnUnknownKindOfPageCountsAsOther) {
  auto report =
      parse_vitals(R"({"page":"/fr/produit/secret","metrics":[{"name":"CLS","value":0}]})");
  ASSERT_TRUE(report);
  EXPECT_EQ(report->page, "other");
  EXPECT_EQ(parse_vitals(R"({"metrics":[{"name":"CLS","value":0}]})")->page, "other");
}

TEST(WebVitals, RefusesWhatIsNotAReport) {
  for (const auto* body : {
           "",
           "not json",
           "[]",
           R"({"page":"home"})",
           R"({"page":"home","metrics":[]})",
           R"({"page":7,"metrics":[{"name":"LCP","value":1}]})",
           R"({"page":"home","metrics":[{"name":"FID","value":1}]})",
           R"({"page":"home","metrics":[{"name":"LCP","value":"1"}]})",
           R"({"page":"home","metrics":[{"name":"LCP","value":-1}]})",
           R"({"page":"home","metrics":[{"name":"LCP","value":120001}]})",
           R"({"page":"home","metrics":[{"name":"CLS","value":101}]})",
           R"({"page":"home","metrics":[{"name":"LCP","value":1},{"name":"LCP","value":2}]})",
           R"({"page":"home","metrics":[{"name":"LCP","value":1},{"name":"CLS","value":0},)"
           R"({"name":"INP","value":1},{"name":"INP","value":1}]})",
       })
    EXPECT_FALSE(parse_vitals(body)) << body;
  std::string big = R"({"page":"home","metrics":[{"name":"LCP","value":1}],"pad":")";
  big.append(1024, 'x');
  big.append("\"}");
  EXPECT_FALSE(parse_vitals(big));
}

TEST(WebVitals, RecordsSecondsPerKindOfPage) {
  prometheus::Registry registry;
  WebVitals vitals(registry);
  vitals.record(*parse_vitals(R"({"page":"product","metrics":[{"name":"LCP","value":1800},)"
                              R"({"name":"INP","value":250},{"name":"CLS","value":0.2}]})"));
  auto text = scrape(registry);
  // 1.8 s falls in the 2 s bucket, not the 1.5 s one; 250 ms in the 0.3 s bucket; 0.2 in 0.25.
  EXPECT_NE(text.find(R"(comptoir_web_vitals_lcp_seconds_bucket{page="product",le="1.5"} 0)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(comptoir_web_vitals_lcp_seconds_bucket{page="product",le="2"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(comptoir_web_vitals_inp_seconds_bucket{page="product",le="0.2"} 0)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(comptoir_web_vitals_inp_seconds_bucket{page="product",le="0.3"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(comptoir_web_vitals_cls_bucket{page="product",le="0.25"} 1)"),
            std::string::npos);
  // Every kind of page has its series from the start, at zero.
  EXPECT_NE(text.find(R"(comptoir_web_vitals_lcp_seconds_count{page="checkout"} 0)"),
            std::string::npos);
}

}  // namespace
}  // namespace comptoir::observe

#include "observe/access_log.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace comptoir::observe {
namespace {

constexpr std::string_view kTs = "2026-12-04T16:21:08.042Z";

// The line as log() writes it through a JSON object: what the access log wrote before it had its
// own formatter, and what it must still write, byte for byte.
std::string through_log(const RequestLine& r) {
  return format_line(Level::info, "request",
                     {{"method", r.method},
                      {"route", r.route},
                      {"path", r.path},
                      {"status", r.status},
                      {"bytes", r.bytes},
                      {"latency_ms", r.latency_ms},
                      {"client", r.client},
                      {"request_id", r.request_id}},
                     kTs);
}

std::string through_access_log(const RequestLine& r) {
  std::string out = "left over from the last line";
  format_request_line(r, kTs, out);
  return out;
}

TEST(AccessLog, WritesTheLineLogWrites) {
  const RequestLine line{.method = "GET",
                         .route = "/fr/produit/{slug}",
                         .path = "/fr/produit/sirop-d-erable",
                         .status = 200,
                         .bytes = 48213,
                         .latency_ms = 0.1834,
                         .client = "127.0.0.1",
                         .request_id = "0123456789abcdef01234567"};
  EXPECT_EQ(through_access_log(line),
            R"({"ts":"2026-12-04T16:21:08.042Z","level":"info","msg":"request","method":"GET",)"
            R"("route":"/fr/produit/{slug}","path":"/fr/produit/sirop-d-erable","status":200,)"
            R"("bytes":48213,"latency_ms":1.834E-1,"client":"127.0.0.1",)"
            R"("request_id":"0123456789abcdef01234567"})");
  EXPECT_EQ(through_access_log(line), through_log(line));
}

TEST(AccessLog, EscapesAndNumbersAreLogs) {
  const std::vector<std::string> paths = {
      "/fr/produits",
      "/a\"quote\\back/slash",
      "/ctl\x01\x1f\n\r\t\b\f",
      "/th\xc3\xa9i\xc3\xa8re",
      "/bad\xff\xfeutf8\x7f",
      std::string("/nul\0byte", 9),
      "",
  };
  const std::vector<double> latencies = {0.0, 1.0, 1.5, 12.345678, 1e-7, 123456.789, 0.1 + 0.2};
  for (const auto& path : paths) {
    for (double latency : latencies) {
      const RequestLine line{.method = "POST",
                             .route = "(unmatched)",
                             .path = path,
                             .status = 404,
                             .bytes = 0,
                             .latency_ms = latency,
                             .client = "",
                             .request_id = "client:supplied.id-1_2"};
      EXPECT_EQ(through_access_log(line), through_log(line)) << path << " " << latency;
    }
  }
  const RequestLine extremes{.method = "DELETE",
                             .route = "/api/v1/orders/{id}",
                             .path = "/api/v1/orders/1",
                             .status = 999,
                             .bytes = static_cast<std::size_t>(-1),
                             .latency_ms = 1e300,
                             .client = "2001:db8::1",
                             .request_id = ""};
  EXPECT_EQ(through_access_log(extremes), through_log(extremes));
}

}  // namespace
}  // namespace comptoir::observe

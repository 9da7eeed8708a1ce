#include "http/wire.hpp"

#include <gtest/gtest.h>
#include <boost/beast/core/buffers_to_string.hpp>

namespace comptoir::http {
namespace {

// What Beast's own serializer puts on the wire before the body: the reference.
std::string beast_head(Response& response) {
  bhttp::response_serializer<bhttp::string_body> serializer(response);
  serializer.split(true);
  std::string out;
  beast::error_code ec;
  while (!serializer.is_header_done()) {
    serializer.next(ec, [&](beast::error_code&, const auto& buffers) {
      out += beast::buffers_to_string(buffers);
      serializer.consume(beast::buffer_bytes(buffers));
    });
    EXPECT_FALSE(ec) << ec.message();
  }
  return out;
}

std::string head_of(const Response& response) {
  std::string out;
  append_head(response, out);
  return out;
}

TEST(Wire, AnAnswerWithFieldsIsWhatBeastWrites) {
  auto res = text(Status::ok, "Hello, World!");
  res.set("X-Request-Id", "0123456789abcdef01234567");
  res.set(Field::etag, "\"abc\"");
  res.insert("Set-Cookie", "a=1");
  res.insert("Set-Cookie", "b=2; Path=/");
  res.keep_alive(true);
  res.prepare_payload();
  EXPECT_EQ(head_of(res),
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "X-Request-Id: 0123456789abcdef01234567\r\n"
            "ETag: \"abc\"\r\n"
            "Set-Cookie: a=1\r\n"
            "Set-Cookie: b=2; Path=/\r\n"
            "Content-Length: 13\r\n"
            "\r\n");
  EXPECT_EQ(head_of(res), beast_head(res));
}

TEST(Wire, StatusesReasonsAndVersionsAreWhatBeastWrites) {
  for (auto status :
       {Status::not_modified, Status::no_content, Status::see_other, Status::not_found,
        Status::too_many_requests, Status::internal_server_error, Status::service_unavailable}) {
    Response res{status, 11};
    if (status == Status::see_other) res.set(Field::location, "/fr/");
    res.keep_alive(false);
    res.prepare_payload();
    EXPECT_EQ(head_of(res), beast_head(res)) << static_cast<unsigned>(status);
  }
  Response old{Status::ok, 10};  // HTTP/1.0, keep-alive asked for
  old.body() = "x";
  old.keep_alive(true);
  old.prepare_payload();
  EXPECT_TRUE(head_of(old).starts_with("HTTP/1.0 200 OK\r\n"));
  EXPECT_EQ(head_of(old), beast_head(old));

  Response custom{Status::ok, 11};
  custom.reason("Fine");
  EXPECT_EQ(head_of(custom), "HTTP/1.1 200 Fine\r\n\r\n");
  Response unknown{static_cast<Status>(299), 11};
  EXPECT_EQ(head_of(unknown), beast_head(unknown));
}

TEST(Wire, ItAppendsToWhatTheBufferHolds) {
  std::string out = "kept";
  append_head(Response{Status::ok, 11}, out);
  EXPECT_EQ(out, "keptHTTP/1.1 200 OK\r\n\r\n");
}

}  // namespace
}  // namespace comptoir::http

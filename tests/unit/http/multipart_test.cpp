#include <gtest/gtest.h>

#include <string>

#include "http/multipart.hpp"

namespace comptoir::http {
namespace {

using namespace std::string_literals;

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

// A body as browsers write it: each part's header lines, a blank line, its bytes.
std::string body_of(std::initializer_list<std::pair<std::string, std::string>> parts,
                    std::string_view boundary = "XyZ") {
  std::string out;
  for (const auto& [headers, data] : parts)
    out += "--" + std::string(boundary) + "\r\n" + headers + "\r\n\r\n" + data + "\r\n";
  return out + "--" + std::string(boundary) + "--\r\n";
}

std::string field(std::string_view name) {
  return "Content-Disposition: form-data; name=\"" + std::string(name) + "\"";
}

MultipartError error_of(std::string_view body, std::string_view type = kType,
                        const MultipartLimits& limits = {}) {
  auto parsed = parse_multipart(type, body, limits);
  EXPECT_FALSE(parsed.has_value()) << body;
  return parsed ? MultipartError::malformed : parsed.error();
}

TEST(MultipartBoundary, ComesFromTheContentTypeInAnyCaseTokenOrQuoted) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWx"),
            "----WebKitFormBoundary7MA4YWx");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data;BOUNDARY=abc"), "abc");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b:c/d?\""),
            "a b:c/d?");
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'x')),
            std::string(70, 'x'));
}

TEST(MultipartBoundary, AnyOtherTypeOrAMissingRepeatedOrInvalidBoundaryIsRefused) {
  for (const std::string& type : std::vector<std::string>{
           "multipart/form-data",
           "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
           "multipart/mixed; boundary=abc", "application/x-www-form-urlencoded; boundary=abc",
           "multipart/form-data; boundary=a; boundary=b", "multipart/form-data; boundary=\"ab \"",
           "multipart/form-data; boundary=\"a\\b\"", "multipart/form-data; boundary=a\xc3\xa9",
           "multipart/form-data; boundary=\"a\"b", "multipart/form-data; boundary=abc;",
           "multipart/form-data; boundary=" + std::string(71, 'x'), "", "multipart/"})
    EXPECT_FALSE(multipart_boundary(type)) << type;
  EXPECT_TRUE(is_multipart_form(" Multipart/Form-Data ; boundary=x"));
  EXPECT_FALSE(is_multipart_form("multipart/mixed"));
  EXPECT_FALSE(is_multipart_form("application/json"));
}

TEST(Multipart, ReadsFieldsAndAFileAsBrowsersSendThem) {
  // Near-boundaries, CRLFs and NUL in a file are its bytes.
  auto jpeg = "\xff\xd8\xff\xe0 binary \r\n--Xy not a boundary \0\r\n--XYZ\r\n"s;
  auto body = body_of({{field("alt_fr"), "Théière en fonte"},
                       {"Content-Disposition: form-data; name=\"file\"; filename=\"thé.jpg\"\r\n"
                        "Content-Type: Image/JPEG",
                        jpeg},
                       {field("alt_en"), ""}});
  auto form = parse_multipart(kType, body);
  ASSERT_TRUE(form) << name(form.error());
  ASSERT_EQ(form->parts().size(), 3u);
  EXPECT_EQ(form->find("alt_fr")->data, "Théière en fonte");
  EXPECT_EQ(form->find("alt_fr")->content_type, "text/plain");
  EXPECT_FALSE(form->find("alt_fr")->filename);
  const auto* file = form->find("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "thé.jpg");
  EXPECT_EQ(file->content_type, "image/jpeg");
  EXPECT_EQ(file->data, jpeg);
  EXPECT_EQ(form->find("alt_en")->data, "");
  EXPECT_EQ(form->find("missing"), nullptr);
  EXPECT_EQ(form->count("file"), 1u);
}

TEST(Multipart, AcceptsTheCommonSpellings) {
  // curl: no final CRLF; header names in any case; unknown headers and parameters ignored; an
  // empty filename (a file input left empty); a token name; an identity transfer encoding.
  std::string body =
      "--XyZ\r\ncontent-disposition: FORM-DATA;name=a;x-other=\"1\"\r\nX-Whatever: yes\r\n"
      "Content-Transfer-Encoding: binary\r\n\r\none\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--";
  auto form = parse_multipart(kType, body);
  ASSERT_TRUE(form) << name(form.error());
  EXPECT_EQ(form->find("a")->data, "one");
  EXPECT_EQ(form->find("file")->filename, "");
  EXPECT_EQ(form->find("file")->data, "");
  EXPECT_EQ(form->count("a"), 1u);
}

TEST(Multipart, KeepsRepeatedNamesInOrder) {
  auto form = parse_multipart(kType, body_of({{field("a"), "1"}, {field("a"), "2"}}));
  ASSERT_TRUE(form);
  EXPECT_EQ(form->count("a"), 2u);
  EXPECT_EQ(form->find("a")->data, "1");
}

TEST(Multipart, ABadContentTypeIsItsOwnError) {
  auto body = body_of({{field("a"), "1"}});
  EXPECT_EQ(error_of(body, "application/json"), MultipartError::content_type);
  EXPECT_EQ(error_of(body, "multipart/form-data"), MultipartError::content_type);
  EXPECT_EQ(error_of(body, "multipart/form-data; boundary=other"), MultipartError::malformed);
}

TEST(Multipart, EveryMalformedShapeIsRefused) {
  const std::string a = field("a");
  for (const std::string& body : std::vector<std::string>{
           std::string{},                                              // empty
           "--XyZ--\r\n",                                              // no part at all
           "preamble\r\n--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZ--",       // a preamble
           "--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZ--\r\nepilogue",       // an epilogue
           "--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZ--\r\n\r\n",           // more than one CRLF
           "--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZ",                     // no close delimiter
           "--XyZ\r\n" + a + "\r\n\r\n1",                              // cut in a value
           "--XyZ\r\n" + a + "\r\n",                                   // cut in the headers
           "--XyZ\r\n" + a,                                            //
           "--XyZ \r\n" + a + "\r\n\r\n1\r\n--XyZ--",                  // padding (RFC 2046)
           "--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZ \r\n--XyZ--",         //
           "--XyZ\r\n" + a + "\r\n\r\n1\r\n--XyZabc\r\n\r\n--XyZ--",   // boundary + more
           "--XyZ\n" + a + "\n\n1\n--XyZ--",                           // bare LF
           "--XyZ\r\n" + a + "\n\r\n1\r\n--XyZ--",                     //
           "--XyZ\r\n\r\n1\r\n--XyZ--",                                // no headers
           "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",    // no disposition
           "--XyZ\r\n" + a + "\r\n" + a + "\r\n\r\n1\r\n--XyZ--",      // disposition twice
           "--XyZ\r\n" + a + "\r\n continued\r\n\r\n1\r\n--XyZ--",     // folded line
           "--XyZ\r\n" + a + "\r\nBroken header\r\n\r\n1\r\n--XyZ--",  // no colon
           "--XyZ\r\n" + a + "\r\nBad Name: x\r\n\r\n1\r\n--XyZ--",    //
           "--XyZ\r\n: x\r\n" + a + "\r\n\r\n1\r\n--XyZ--",            //
           "--XyZ\r\n" + a + "\r\nX: a\x01z\r\n\r\n1\r\n--XyZ--",      // control byte
           "--XyZ\r\n" + a + "\r\nX: a\rz\r\n\r\n1\r\n--XyZ--",        // bare CR
           "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",  // no name
           "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data; name=a; filename=x; filename=y\r\n\r\n1\r\n"
           "--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data; name=a; filename*=UTF-8''x\r\n\r\n1\r\n"
           "--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",  // open quote
           "--XyZ\r\nContent-Disposition: form-data; name=\"a\"x\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data; name=a;\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\nContent-Disposition: form-data name=a\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\n" + a + "\r\nContent-Type: text\r\n\r\n1\r\n--XyZ--",  // bad media type
           "--XyZ\r\n" + a + "\r\nContent-Type: a/b\r\nContent-Type: a/b\r\n\r\n1\r\n--XyZ--",
           "--XyZ\r\n" + a + "\r\nContent-Transfer-Encoding: base64\r\n\r\nMQ==\r\n--XyZ--",
       })
    EXPECT_EQ(error_of(body), MultipartError::malformed) << body;
}

TEST(Multipart, NamesFilenamesAndTextValuesMustBeCleanText) {
  for (const std::string& body : {
           body_of({{field("a"), std::string("x\0y", 3)}}),
           body_of({{field("a"), "caf\xc3"}}),
           body_of({{field("caf\xc3"), "1"}}),
           body_of({{"Content-Disposition: form-data; name=\"f\"; filename=\"\xff.jpg\"", "1"}}),
       })
    EXPECT_EQ(error_of(body), MultipartError::unclean_text) << body;
  // A file's bytes are anything.
  EXPECT_TRUE(parse_multipart(
      kType, body_of({{"Content-Disposition: form-data; name=f; filename=x", "\xff\x00\xc3"}})));
}

TEST(Multipart, LimitsAreItsOwnErrorsAnd413) {
  MultipartLimits limits{
      .max_body_bytes = 400, .max_parts = 2, .max_part_header_bytes = 80, .max_field_bytes = 5};
  EXPECT_EQ(
      error_of(body_of({{field("a"), "1"}, {field("b"), "2"}, {field("c"), "3"}}), kType, limits),
      MultipartError::too_many_parts);
  EXPECT_EQ(
      error_of(body_of({{field("a") + "\r\nX-Long: " + std::string(60, 'x'), "1"}}), kType, limits),
      MultipartError::header_too_large);
  EXPECT_EQ(error_of(body_of({{field("a"), "123456"}}), kType, limits),
            MultipartError::field_too_large);
  EXPECT_EQ(
      error_of(
          body_of({{"Content-Disposition: form-data; name=f; filename=x", std::string(500, 'x')}}),
          kType, limits),
      MultipartError::body_too_large);
  // Exactly at each limit passes; a file is not a field.
  auto at_limits =
      body_of({{field("a"), "12345"},
               {"Content-Disposition: form-data; name=f; filename=x", std::string(100, 'x')}});
  EXPECT_TRUE(parse_multipart(kType, at_limits, limits));
  EXPECT_EQ(status_of(MultipartError::too_many_parts), Status::payload_too_large);
  EXPECT_EQ(status_of(MultipartError::malformed), Status::bad_request);
}

TEST(Multipart, ARefusalIsAProblemWithItsCode) {
  auto refusal = multipart_refusal(MultipartError::field_too_large, "Trop long.");
  EXPECT_EQ(refusal.status(), Status::payload_too_large);
  EXPECT_EQ(refusal.detail(), "Trop long.");
  EXPECT_EQ(refusal.extra().at("code"), "multipart.field_too_large");
}

TEST(Multipart, AFileFullOfNearBoundariesIsReadWhole) {
  std::string near;
  for (int i = 0; i < 200'000; ++i) near += "\r\n--Xy_";
  auto form = parse_multipart(
      kType, body_of({{"Content-Disposition: form-data; name=f; filename=x", near}}),
      {.max_body_bytes = 4 << 20});
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("f")->data.size(), near.size());
}

}  // namespace
}  // namespace comptoir::http

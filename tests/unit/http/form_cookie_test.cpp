#include <gtest/gtest.h>

#include "http/cookie.hpp"
#include "http/form.hpp"
#include "http/pages.hpp"

namespace comptoir::http {
namespace {

TEST(Form, DecodesPlusAndPercentEscapesAndKeepsOrder) {
  auto form = Form::parse("email=marie%40example.ca&name=Marie+Tremblay&note=caf%C3%A9&x");
  EXPECT_EQ(form.get("email"), "marie@example.ca");
  EXPECT_EQ(form.get("name"), "Marie Tremblay");
  EXPECT_EQ(form.get("note"), "café");
  EXPECT_TRUE(form.find("x"));
  EXPECT_EQ(form.get("x"), "");
  EXPECT_FALSE(form.find("missing"));
  EXPECT_EQ(form.fields().size(), 4u);
}

TEST(Form, TheFirstOfRepeatedNamesWinsAndBadEscapesStayAsTyped) {
  auto form = Form::parse("a=1&a=2&&b=%zz%4&c=100%");
  EXPECT_EQ(form.get("a"), "1");
  EXPECT_EQ(form.get("b"), "%zz%4");
  EXPECT_EQ(form.get("c"), "100%");
}

TEST(Form, EncodeIsTheInverseOfParse) {
  std::string value = "/fr/compte?x=1&y=é ü+";
  auto encoded = form_encode(value);
  EXPECT_EQ(encoded.find_first_of("?&=/ é"), std::string::npos);
  EXPECT_EQ(Form::parse("v=" + encoded).get("v"), value);
}

TEST(Utf8, WellFormedTextPassesAndBrokenSequencesDoNot) {
  EXPECT_TRUE(is_valid_utf8("Montréal, Québec — 𝄞"));
  EXPECT_TRUE(is_valid_utf8(""));
  for (std::string bad : {"\xff", "caf\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                          "\xf4\x90\x80\x80", "\xc3\x28"})
    EXPECT_FALSE(is_valid_utf8(bad)) << bad;
  // Forms: clean_text_test.cpp.
}

TEST(Pages, WithNoticeAddsToTheQuery) {
  EXPECT_EQ(with_notice("/fr/compte", "saved"), "/fr/compte?notice=saved");
  EXPECT_EQ(with_notice("/fr/compte?a=1", "saved"), "/fr/compte?a=1&notice=saved");
}

TEST(Cookie, FindsANamedCookieAmongOthers) {
  auto header = "theme=dark; __Host-comptoir_session=abc123 ;other=\"quoted\"";
  EXPECT_EQ(find_cookie(header, "__Host-comptoir_session"), "abc123");
  EXPECT_EQ(find_cookie(header, "other"), "quoted");
  EXPECT_FALSE(find_cookie(header, "comptoir_session"));
  EXPECT_FALSE(find_cookie("", "theme"));
  EXPECT_EQ(find_cookie("a=1; a=2", "a"), "1");
}

TEST(Cookie, SetCookieCarriesTheSecurityAttributes) {
  EXPECT_EQ(set_cookie("__Host-s", "v", {.max_age = std::chrono::seconds{60}}),
            "__Host-s=v; Path=/; Max-Age=60; Secure; HttpOnly; SameSite=Lax");
  EXPECT_EQ(set_cookie("s", "", {.secure = false, .max_age = std::chrono::seconds{0}}),
            "s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

}  // namespace
}  // namespace comptoir::http

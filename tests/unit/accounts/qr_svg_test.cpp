#include <fmt/format.h>
#include <gtest/gtest.h>
#include <qrencode.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "accounts/qr_svg.hpp"

namespace comptoir::accounts {
namespace {

const std::string kUri =
    "otpauth://totp/Comptoir:marie%40exemple.ca?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=Comptoir&algorithm=SHA1&digits=6&period=30";

using Modules = std::vector<std::vector<bool>>;

// What libqrencode itself produces for `text`, placed inside a four-module quiet zone.
Modules expected_modules(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (!code) throw std::runtime_error("libqrencode failed in the test");
  auto width = static_cast<std::size_t>(code->width);
  Modules modules(width + 8, std::vector<bool>(width + 8, false));
  for (std::size_t y = 0; y < width; ++y) {
    for (std::size_t x = 0; x < width; ++x) modules[y + 4][x + 4] = (code->data[y * width + x] & 1);
  }
  return modules;
}

std::string attribute(const std::string& svg, const std::string& name) {
  std::smatch match;
  if (!std::regex_search(svg, match, std::regex(" " + name + "=\"([^\"]*)\""))) return "";
  return match[1];
}

// The modules the path paints, assuming the `M{x} {y}h{n}v1h-{n}z` runs it promises; empty when
// the path holds anything else.
Modules drawn_modules(const std::string& path, std::size_t size) {
  Modules modules(size, std::vector<bool>(size, false));
  const std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  std::size_t covered = 0;
  for (std::sregex_iterator it(path.begin(), path.end(), run), end; it != end; ++it) {
    const auto& match = *it;
    if (match.position() != static_cast<std::ptrdiff_t>(covered)) return {};
    if (match[3] != match[4]) return {};
    covered += static_cast<std::size_t>(match.length());
    auto x = std::stoul(match[1]);
    auto y = std::stoul(match[2]);
    auto length = std::stoul(match[3]);
    if (y >= size || x + length > size) return {};
    for (auto i = x; i < x + length; ++i) modules[y][i] = true;
  }
  if (covered != path.size()) return {};
  return modules;
}

TEST(QrSvg, IsAnInlineSvgImage) {
  auto svg = qr_svg(kUri, "Code QR");
  EXPECT_TRUE(svg.starts_with(R"(<svg xmlns="http://www.w3.org/2000/svg")")) << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_EQ(attribute(svg, "role"), "img");
  EXPECT_EQ(attribute(svg, "shape-rendering"), "crispEdges");
  EXPECT_EQ(attribute(svg, "aria-label"), "Code QR");
  auto first_path = svg.find("<path");
  ASSERT_NE(first_path, std::string::npos);
  EXPECT_EQ(svg.find("<path", first_path + 1), std::string::npos);
}

TEST(QrSvg, ViewBoxIsTheSymbolPlusAFourModuleQuietZone) {
  // Version 1 is 21 modules wide.
  EXPECT_EQ(attribute(qr_svg("HELLO", "QR"), "viewBox"), "0 0 29 29");
  auto size = expected_modules(kUri).size();
  EXPECT_EQ(attribute(qr_svg(kUri, "QR"), "viewBox"), fmt::format("0 0 {0} {0}", size));
}

TEST(QrSvg, PathPaintsExactlyTheDarkModules) {
  for (const std::string& text : {std::string("HELLO"), kUri}) {
    auto expected = expected_modules(text);
    auto drawn = drawn_modules(attribute(qr_svg(text, "QR"), "d"), expected.size());
    EXPECT_EQ(drawn, expected) << text;
  }
}

TEST(QrSvg, MergesHorizontalRuns) {
  // Every symbol starts with a finder pattern: a row of seven dark modules.
  auto path = attribute(qr_svg("HELLO", "QR"), "d");
  EXPECT_TRUE(path.starts_with("M4 4h7v1h-7z")) << path;
}

TEST(QrSvg, EscapesTheAriaLabel) {
  auto svg = qr_svg("HELLO", R"(Scan "A&B" <now> l'app)");
  EXPECT_NE(svg.find(R"(aria-label="Scan &quot;A&amp;B&quot; &lt;now&gt; l&apos;app")"),
            std::string::npos)
      << svg;
  EXPECT_EQ(svg.find("<now>"), std::string::npos);
}

TEST(QrSvg, ThrowsWhenTheTextCannotBeEncoded) {
  EXPECT_THROW(qr_svg(std::string(5000, 'x'), "QR"), std::runtime_error);
  EXPECT_THROW(qr_svg("", "QR"), std::runtime_error);
  EXPECT_THROW(qr_svg(std::string("a\0b", 3), "QR"), std::invalid_argument);
}

}  // namespace
}  // namespace comptoir::accounts

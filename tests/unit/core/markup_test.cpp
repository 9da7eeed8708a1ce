#include <gtest/gtest.h>

#include "core/markup.hpp"

namespace comptoir::core {
namespace {

TEST(XmlEscaped, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(xml_escaped(R"(<a href="x">Tom & Jerry's</a>)"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
}

TEST(XmlEscaped, LeavesOtherTextAndUtf8Alone) {
  EXPECT_EQ(xml_escaped("Théière en fonte – 1,2 L"), "Théière en fonte – 1,2 L");
  EXPECT_EQ(xml_escaped(""), "");
}

TEST(XmlEscaped, AppendsAfterWhatIsThere) {
  std::string out = "<loc>";
  append_xml_escaped(out, "https://shop.example/?a=1&b=2");
  EXPECT_EQ(out, "<loc>https://shop.example/?a=1&amp;b=2");
}

}  // namespace
}  // namespace comptoir::core

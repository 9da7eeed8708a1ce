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

TEST(HtmlEscaped, WritesTheApostropheAsANumericReference) {
  std::string out = "<mark>";
  append_html_escaped(out, R"(l'"été" & <b>)");
  EXPECT_EQ(out, "<mark>l&#39;&quot;été&quot; &amp; &lt;b&gt;");
}

}  // namespace
}  // namespace comptoir::core

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "views/layout_skeleton.hpp"

namespace comptoir::views {
namespace {

std::string with_placeholders(std::string_view format) {
  // "{title}" and the like become the slot's placeholder.
  std::string text(format);
  for (auto [name, slot] : {std::pair{"{title}", Slot::title},
                            {"{description}", Slot::description},
                            {"{head}", Slot::head_tags},
                            {"{type}", Slot::page_type},
                            {"{url}", Slot::alternate_url},
                            {"{body}", Slot::body}})
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name))
      text.replace(at, std::string_view(name).size(), LayoutSkeleton::placeholders()[slot]);
  return text;
}

SlotValues values(std::string_view title, std::string_view url, std::string_view body) {
  return {.title = title,
          .description = "d",
          .head_tags = "<meta x>",
          .page_type = "t",
          .alternate_url = url,
          .body = body};
}

TEST(LayoutSkeleton, APageIsTheConstantTextWithEachSlotEscapedInItsPlace) {
  LayoutSkeleton skeleton(with_placeholders(
      "<title>{title}</title><m c=\"{description}\">{head}<b d=\"{type}\"><a href=\"{url}\">"
      "<main>{body}</main>"));
  EXPECT_EQ(skeleton.page(values("A & <b>", "/en/x?a=1&b=\"2\"", "<p>é &amp;</p>")),
            "<title>A &amp; &lt;b&gt;</title><m c=\"d\"><meta x><b d=\"t\">"
            "<a href=\"/en/x?a=1&amp;b=&quot;2&quot;\"><main><p>é &amp;</p></main>");
  // A link the URL check refuses becomes "#", as ctemplate writes it.
  EXPECT_NE(skeleton.page(values("", "javascript:alert(1)", "")).find("<a href=\"#\">"),
            std::string::npos);
}

TEST(LayoutSkeleton, SlotsMayComeInAnyOrderAndTheTextAroundThemStays) {
  LayoutSkeleton skeleton(
      with_placeholders("start {body}|{url}|{type}|{head}|{description}|{title} end"));
  EXPECT_EQ(skeleton.page(values("T", "/u", "B")), "start B|/u|t|<meta x>|d|T end");
}

TEST(LayoutSkeleton, EachPlaceholderMustBeThereOnce) {
  EXPECT_THROW(LayoutSkeleton(with_placeholders("{title}{description}{head}{type}{url}")),
               std::logic_error);
  EXPECT_THROW(
      LayoutSkeleton(with_placeholders("{title}{description}{head}{type}{url}{body}{title}")),
      std::logic_error);
  EXPECT_NO_THROW(LayoutSkeleton(with_placeholders("{title}{description}{head}{type}{url}{body}")));
}

}  // namespace
}  // namespace comptoir::views

#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// templates/layout.tpl expanded once, with a placeholder where each page puts its own value: every
// page then is the skeleton's constant pieces (the head's assets, the header, the footer, the
// consent banner, in one locale with one shop name) and the page's values between them. Expanding
// the whole layout through ctemplate for every page cost about a quarter of a product page's
// rendering, most of it for what is the same on every page.
namespace comptoir::views {

// A page's own parts of the layout, in no particular order.
enum class Slot : std::size_t { title, description, head_tags, page_type, alternate_url, body };
inline constexpr std::array kSlots{Slot::title,     Slot::description,   Slot::head_tags,
                                   Slot::page_type, Slot::alternate_url, Slot::body};

// Each slot's value: text the skeleton escapes as ctemplate's auto-escaping escapes it in its place
// (title, description and page type as HTML; the alternate URL as a link's href), or HTML
// placed as it is (the head's tags and the body, expanded from auto-escaped templates).
struct SlotValues {
  std::string_view title{};
  std::string_view description{};
  std::string_view head_tags{};
  std::string_view page_type{};
  std::string_view alternate_url{};
  std::string_view body{};

  constexpr std::string_view operator[](Slot slot) const {
    switch (slot) {
      case Slot::title:
        return title;
      case Slot::description:
        return description;
      case Slot::head_tags:
        return head_tags;
      case Slot::page_type:
        return page_type;
      case Slot::alternate_url:
        return alternate_url;
      case Slot::body:
        return body;
    }
    return {};
  }
};

class LayoutSkeleton {
 public:
  // What each slot holds while the skeleton is expanded: letters only, which no escaping changes.
  static const SlotValues& placeholders();
  // `expanded` is the layout expanded with the placeholders in the slots. Throws
  // std::logic_error unless every placeholder occurs exactly once.
  explicit LayoutSkeleton(std::string expanded);

  std::string page(const SlotValues& values) const;

 private:
  struct Piece {
    std::size_t begin = 0;  // the constant text before the slot, in text_
    std::size_t size = 0;
    Slot slot{};
  };
  std::string text_;
  std::vector<Piece> pieces_;  // in the layout's order
  std::size_t tail_ = 0;       // text_[tail_, end): after the last slot
};

}  // namespace comptoir::views

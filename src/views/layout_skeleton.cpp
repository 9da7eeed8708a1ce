#include "views/layout_skeleton.hpp"

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_modifiers.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace comptoir::views {
namespace {

constexpr SlotValues kPlaceholders{.title = "ComptoirSlotTitleQ7x",
                                   .description = "ComptoirSlotDescriptionQ7x",
                                   .head_tags = "ComptoirSlotHeadTagsQ7x",
                                   .page_type = "ComptoirSlotPageTypeQ7x",
                                   .alternate_url = "ComptoirSlotAlternateUrlQ7x",
                                   .body = "ComptoirSlotBodyQ7x"};

void append_escaped(std::string& out, Slot slot, std::string_view value) {
  ctemplate::StringEmitter emitter(&out);
  static const std::string kNoArgument;
  switch (slot) {
    case Slot::head_tags:
    case Slot::body:
      out.append(value);
      return;
    case Slot::alternate_url:
      ctemplate::validate_url_and_html_escape.Modify(value.data(), value.size(), nullptr, &emitter,
                                                     kNoArgument);
      return;
    case Slot::title:
    case Slot::description:
    case Slot::page_type:
      ctemplate::html_escape.Modify(value.data(), value.size(), nullptr, &emitter, kNoArgument);
      return;
  }
}

}  // namespace

const SlotValues& LayoutSkeleton::placeholders() {
  return kPlaceholders;
}

LayoutSkeleton::LayoutSkeleton(std::string expanded) : text_(std::move(expanded)) {
  struct Found {
    std::size_t at;
    Slot slot;
  };
  std::vector<Found> found;
  for (auto slot : kSlots) {
    auto at = text_.find(kPlaceholders[slot]);
    if (at == std::string::npos || text_.find(kPlaceholders[slot], at + 1) != std::string::npos)
      throw std::logic_error(
          fmt::format("templates/layout.tpl: the placeholder {} is not there exactly once",
                      kPlaceholders[slot]));
    found.push_back({at, slot});
  }
  std::ranges::sort(found, {}, &Found::at);
  std::size_t begin = 0;
  for (const auto& [at, slot] : found) {
    pieces_.push_back({.begin = begin, .size = at - begin, .slot = slot});
    begin = at + kPlaceholders[slot].size();
  }
  tail_ = begin;
}

std::string LayoutSkeleton::page(const SlotValues& values) const {
  std::size_t size = text_.size();
  for (auto slot : kSlots) size += values[slot].size() + values[slot].size() / 8;
  std::string out;
  out.reserve(size);
  for (const auto& piece : pieces_) {
    out.append(text_, piece.begin, piece.size);
    append_escaped(out, piece.slot, values[piece.slot]);
  }
  out.append(text_, tail_);
  return out;
}

}  // namespace comptoir::views

#include "views/layout_skeleton.hpp"

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_modifiers.h>

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace comptoir::views {
namespace {

constexpr std::array<std::string_view, kSlotCount> kPlaceholders{
    "ComptoirSlotTitleQ7x",    "ComptoirSlotDescriptionQ7x",  "ComptoirSlotHeadTagsQ7x",
    "ComptoirSlotPageTypeQ7x", "ComptoirSlotAlternateUrlQ7x", "ComptoirSlotBodyQ7x"};

constexpr auto index(Slot slot) {
  return static_cast<std::size_t>(slot);
}

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

std::string_view LayoutSkeleton::placeholder(Slot slot) {
  return kPlaceholders[index(slot)];
}

LayoutSkeleton::LayoutSkeleton(std::string expanded) : text_(std::move(expanded)) {
  struct Found {
    std::size_t at;
    Slot slot;
  };
  std::vector<Found> found;
  for (std::size_t i = 0; i < kSlotCount; ++i) {
    auto slot = static_cast<Slot>(i);
    auto at = text_.find(kPlaceholders[i]);
    if (at == std::string::npos || text_.find(kPlaceholders[i], at + 1) != std::string::npos)
      throw std::logic_error(fmt::format(
          "templates/layout.tpl: the placeholder {} is not there exactly once", kPlaceholders[i]));
    found.push_back({at, slot});
  }
  std::ranges::sort(found, {}, &Found::at);
  std::size_t begin = 0;
  for (const auto& [at, slot] : found) {
    pieces_.push_back({.begin = begin, .size = at - begin, .slot = slot});
    begin = at + kPlaceholders[index(slot)].size();
  }
  tail_ = begin;
}

std::string LayoutSkeleton::page(const SlotValues& values) const {
  std::size_t size = text_.size();
  for (auto value : values) size += value.size() + value.size() / 8;
  std::string out;
  out.reserve(size);
  for (const auto& piece : pieces_) {
    out.append(text_, piece.begin, piece.size);
    append_escaped(out, piece.slot, values[index(piece.slot)]);
  }
  out.append(text_, tail_);
  return out;
}

}  // namespace comptoir::views

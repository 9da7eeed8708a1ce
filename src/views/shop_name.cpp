#include "views/shop_name.hpp"

#include "i18n/catalog.hpp"

namespace comptoir::views {

std::string ShopName::operator()(core::Locale locale) const {
  if (auto names = names_.load()) {
    const auto& name = locale == core::Locale::fr ? names->fr : names->en;
    if (!name.empty()) return name;
  }
  return std::string(messages_.t(locale, "layout.shop_name"));
}

std::string ShopName::in(std::string_view text, core::Locale locale) const {
  constexpr std::string_view kPlaceholder = "{shop}";
  std::string out(text);
  auto at = out.find(kPlaceholder);
  if (at == std::string::npos) return out;
  const auto name = (*this)(locale);
  for (; at != std::string::npos; at = out.find(kPlaceholder, at + name.size()))
    out.replace(at, kPlaceholder.size(), name);
  return out;
}

void ShopName::set(std::string fr, std::string en) {
  auto current = names_.load();
  if (current && current->fr == fr && current->en == en) return;
  names_.store(std::make_shared<const Names>(Names{std::move(fr), std::move(en)}));
  generation_.fetch_add(1);
}

}  // namespace comptoir::views

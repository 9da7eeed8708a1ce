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

void ShopName::set(std::string fr, std::string en) {
  names_.store(std::make_shared<const Names>(Names{std::move(fr), std::move(en)}));
}

}  // namespace comptoir::views

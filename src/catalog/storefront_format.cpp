#include "catalog/storefront_format.hpp"

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_modifiers.h>
#include <unicode/plurrule.h>

#include <memory>

#include <fmt/format.h>

#include "core/analytics_settings.hpp"

namespace comptoir::catalog::storefront {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

// ICU's plural category ("one", "other", …) of `count` for the locale's language.
std::string plural_category(Locale locale, std::int64_t count) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(icu::Locale(core::code(locale).data()), status));
  if (U_FAILURE(status) || !rules) return count == 1 ? "one" : "other";
  std::string out;
  rules->select(static_cast<double>(count)).toUTF8String(out);
  return out;
}

}  // namespace

PriceView price_view(const Money& price, std::optional<std::int64_t> compare_at_cents,
                     Locale locale, const i18n::Formatter& formatter) {
  PriceView view{.current = formatter.money(price.cents, price.currency, locale)};
  if (compare_at_cents && *compare_at_cents > price.cents)
    view.compare_at = formatter.money(*compare_at_cents, price.currency, locale);
  return view;
}

AnalyticsItem analytics_item(std::string_view sku, std::string_view fallback_id,
                             const Money& price) {
  return {.id = std::string(sku.empty() ? fallback_id : sku),
          .price = core::major_units(price.cents, price.currency),
          .currency = price.currency};
}

std::string highlight_html(std::string_view marked_text) {
  std::string out;
  out.reserve(marked_text.size() + 32);
  bool open = false;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) out += ctemplate::html_escape(marked_text.data() + start, end - start);
  };
  for (std::size_t i = 0; i < marked_text.size(); ++i) {
    auto c = static_cast<unsigned char>(marked_text[i]);
    if (c >= 0x20 || c == '\t' || c == '\n') continue;
    flush(i);
    start = i + 1;
    if (marked_text[i] == kHighlightStart && !open) {
      out += "<mark>";
      open = true;
    } else if (marked_text[i] == kHighlightEnd && open) {
      out += "</mark>";
      open = false;
    }
  }
  flush(marked_text.size());
  if (open) out += "</mark>";
  return out;
}

std::vector<std::string> paragraphs(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto end = text.find("\n\n");
    auto crlf = text.find("\r\n\r\n");
    std::size_t skip = 2;
    if (crlf != std::string_view::npos && crlf < end) {
      end = crlf;
      skip = 4;
    }
    auto paragraph = trim(text.substr(0, end));
    if (!paragraph.empty()) out.emplace_back(paragraph);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + skip);
  }
  return out;
}

std::string fill(std::string_view text, std::string_view name, std::string_view value) {
  auto placeholder = fmt::format("{{{}}}", name);
  std::string out;
  for (;;) {
    auto at = text.find(placeholder);
    out += text.substr(0, at);
    if (at == std::string_view::npos) break;
    out += value;
    text.remove_prefix(at + placeholder.size());
  }
  return out;
}

std::string count_text(const i18n::Catalog& catalog, const i18n::Formatter& formatter,
                       Locale locale, std::string_view key_base, std::int64_t count) {
  auto key =
      fmt::format("{}.{}", key_base, plural_category(locale, count) == "one" ? "one" : "other");
  return fill(catalog.t(locale, key), "count", formatter.number(count, locale));
}

}  // namespace comptoir::catalog::storefront

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "i18n/catalog.hpp"
#include "i18n/formatter.hpp"

// Text the storefront shows, formatted for the visitor's locale before it reaches a template.
namespace comptoir::catalog::storefront {

struct PriceView {
  std::string current{};     // "12,99 $" (fr-CA, U+00A0 before "$") or "$12.99" (en-CA)
  std::string compare_at{};  // the struck "was" price; empty when none
};

PriceView price_view(const Money& price, std::optional<std::int64_t> compare_at_cents,
                     Locale locale, const i18n::Formatter& formatter);

// What the analytics script reads from the page (data-item-*, docs/analytics.md): an item's id —
// its SKU, else `fallback_id` — and its price in exact major units ("12.34").
struct AnalyticsItem {
  std::string id{};
  std::string price{};
  std::string currency{};
};
AnalyticsItem analytics_item(std::string_view sku, std::string_view fallback_id,
                             const Money& price);

// Search highlights: the text HTML-escaped, then its kHighlightStart/kHighlightEnd markers turned
// into <mark>…</mark> (balanced: a stray end is dropped, an open mark is closed at the end). Other
// control characters are removed. The result is safe to place unescaped.
std::string highlight_html(std::string_view marked_text);

// A plain-text description cut into paragraphs at blank lines, each trimmed; empty ones dropped.
std::vector<std::string> paragraphs(std::string_view text);

// `key_base`.one or `key_base`.other by the locale's plural rules, with "{count}" replaced by the
// locale's formatting of `count`: "1 produit", "1 234 produits", "24 products".
std::string count_text(const i18n::Catalog& catalog, const i18n::Formatter& formatter,
                       Locale locale, std::string_view key_base, std::int64_t count);

// `text` with every "{name}" replaced by `value`.
std::string fill(std::string_view text, std::string_view name, std::string_view value);

}  // namespace comptoir::catalog::storefront

#include "catalog/catalog_export.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <string>

#include "db/connection.hpp"

namespace comptoir::catalog {
namespace json = boost::json;
namespace {

constexpr db::Query kRows{
    "catalog_export_rows",
    "WITH RECURSIVE sub AS ("
    "  SELECT id FROM categories WHERE id = $3::bigint"
    "  UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) "
    "SELECT p.id, p.status, p.fulfillment_type, "
    "coalesce(fr.slug, ''), coalesce(en.slug, ''), coalesce(fr.name, ''), coalesce(en.name, ''), "
    "coalesce(fr.short_description, ''), coalesce(en.short_description, ''), "
    "coalesce(fr.description, ''), coalesce(en.description, ''), "
    "coalesce(fr.meta_title, ''), coalesce(en.meta_title, ''), "
    "coalesce(fr.meta_description, ''), coalesce(en.meta_description, ''), p.brand, "
    "coalesce((SELECT slug FROM category_translations WHERE category_id = p.primary_category_id "
    "AND locale = 'fr'), ''), "
    "coalesce((SELECT string_agg(ct.slug, ' ' ORDER BY ct.slug) FROM product_categories pc "
    "JOIN category_translations ct ON ct.category_id = pc.category_id AND ct.locale = 'fr' "
    "WHERE pc.product_id = p.id), ''), "
    "p.featured, p.weight_grams, v.id, v.sku, p.options::text, v.option_values::text, "
    "v.price_cents, v.compare_at_cents, v.currency, v.stock_on_hand, v.track_inventory, "
    "v.gtin FROM variants v JOIN products p ON p.id = v.product_id "
    "LEFT JOIN product_translations fr ON fr.product_id = p.id AND fr.locale = 'fr' "
    "LEFT JOIN product_translations en ON en.product_id = p.id AND en.locale = 'en' "
    "WHERE (v.product_id, v.id) > ($1, $2) AND ($4::text IS NULL OR p.status = $4) "
    "AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM product_categories x "
    "WHERE x.product_id = p.id AND x.category_id IN (SELECT id FROM sub))) "
    "ORDER BY v.product_id, v.id LIMIT $5"};

// "Grand / Bleu": the variant's values in the order of its product's option axes.
PerLocale<std::string> label_of(std::string_view axes_json, std::string_view values_json) {
  PerLocale<std::string> out;
  json::value axes;
  json::value values;
  try {
    axes = json::parse(axes_json);
    values = json::parse(values_json);
  } catch (const std::exception&) {
    return out;  // jsonb always parses; nothing else reaches these columns
  }
  const auto* list = axes.if_array();
  const auto* by_code = values.if_object();
  if (!list || !by_code) return out;
  for (const auto& axis : *list) {
    const auto* object = axis.if_object();
    const auto* code = object ? object->if_contains("code") : nullptr;
    if (!code || !code->is_string()) continue;
    const auto* value = by_code->if_contains(code->get_string());
    const auto* texts = value ? value->if_object() : nullptr;
    if (!texts) continue;
    for (auto locale : core::kLocales) {
      const auto* text = texts->if_contains(core::code(locale));
      if (!text || !text->is_string()) continue;
      auto& label = out[locale];
      if (!label.empty()) label += " / ";
      label += text->get_string();
    }
  }
  return out;
}

}  // namespace

std::vector<ExportRow> export_rows(db::Connection& conn, const ExportFilter& filter) {
  std::optional<std::string> status;
  if (filter.status) status = std::string(to_string(*filter.status));
  auto rows = conn.exec(kRows, filter.after_product_id, filter.after_variant_id, filter.category_id,
                        status, std::clamp(filter.limit, 1, 10'000));
  std::vector<ExportRow> out;
  out.reserve(rows.size());
  using core::Locale;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ExportRow row;
    row.product_id = rows.get<std::int64_t>(i, 0);
    row.status = rows.get<std::string>(i, 1);
    row.fulfillment = rows.get<std::string>(i, 2);
    std::size_t column = 3;
    for (auto* field : {&row.slug, &row.name, &row.short_description, &row.description,
                        &row.meta_title, &row.meta_description}) {
      (*field)[Locale::fr] = rows.get<std::string>(i, column++);
      (*field)[Locale::en] = rows.get<std::string>(i, column++);
    }
    row.brand = rows.get<std::string>(i, 15);
    row.primary_category = rows.get<std::string>(i, 16);
    row.categories = rows.get<std::string>(i, 17);
    row.featured = rows.get<bool>(i, 18);
    row.weight_grams = rows.get<std::int32_t>(i, 19);
    row.variant_id = rows.get<std::int64_t>(i, 20);
    row.sku = rows.get<std::string>(i, 21);
    row.variant_label =
        label_of(rows.get<std::string_view>(i, 22), rows.get<std::string_view>(i, 23));
    row.price_cents = rows.get<std::int64_t>(i, 24);
    row.compare_at_cents = rows.get<std::optional<std::int64_t>>(i, 25);
    row.currency = rows.get<std::string>(i, 26);
    row.stock = rows.get<std::int32_t>(i, 27);
    row.track_inventory = rows.get<bool>(i, 28);
    row.gtin = rows.get<std::string>(i, 29);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace comptoir::catalog

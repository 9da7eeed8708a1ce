#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"

namespace comptoir::catalog {

// What a write asks for. Every member is optional: on create, an absent member takes its default
// (or is reported missing when required); on update, an absent member is left as it is.
// A doubly optional member distinguishes "not given" from "given as null" (clear it).

struct ProductTextInput {
  std::optional<std::string> name{};
  std::optional<std::string> slug{};  // generated from the name when absent on create
  std::optional<std::string> short_description{};
  std::optional<std::string> description{};
  std::optional<std::string> meta_title{};
  std::optional<std::string> meta_description{};
};

struct CategoryTextInput {
  std::optional<std::string> name{};
  std::optional<std::string> slug{};
  std::optional<std::string> description{};
  std::optional<std::string> meta_title{};
  std::optional<std::string> meta_description{};
};

using OptionValues = std::map<std::string, PerLocale<std::string>>;

struct VariantInput {
  std::optional<std::string> sku{};
  std::optional<std::string> gtin{};  // "" removes it
  std::optional<OptionValues> option_values{};
  std::optional<std::int64_t> price_cents{};
  std::optional<std::string> currency{};  // CAD when absent on create
  std::optional<std::optional<std::int64_t>> compare_at_cents{};
  std::optional<std::int64_t> stock_on_hand{};
  std::optional<bool> track_inventory{};
  std::optional<std::int64_t> position{};
};

struct ImageInput {
  std::optional<std::string> path{};
  std::optional<std::int64_t> width{};
  std::optional<std::int64_t> height{};
  PerLocale<std::optional<std::string>> alt{};
  std::optional<std::int64_t> position{};
};

// A picture sent as a file, to be stored by the media pipeline (the API's multipart form and the
// back office's). `bytes` are the file as received, in any format the pipeline takes: they must
// stay alive until the call returns (a request body does).
struct ImageUpload {
  bool has_file = false;  // false: the form had no file part (refused: `file` is required)
  std::string_view bytes{};
  PerLocale<std::string> alt{};
};

struct ProductInput {
  std::optional<ProductStatus> status{};
  std::optional<FulfillmentType> fulfillment{};
  std::optional<std::string> brand{};
  std::optional<std::string> tax_class{};
  std::optional<std::int64_t> weight_grams{};
  std::optional<std::optional<std::int64_t>> primary_category_id{};
  std::optional<std::vector<std::int64_t>> category_ids{};
  std::optional<bool> featured{};
  std::optional<std::int64_t> popularity{};
  std::optional<std::vector<OptionAxis>> options{};
  // Create only (updates go through the translation, variant and image writes):
  PerLocale<std::optional<ProductTextInput>> text{};  // both locales required
  std::vector<VariantInput> variants{};               // at least one
  std::vector<ImageInput> images{};
};

struct CategoryInput {
  std::optional<std::optional<std::int64_t>> parent_id{};
  std::optional<std::int64_t> position{};
  std::optional<bool> active{};
  std::optional<bool> featured{};
  std::optional<std::string> image_path{};
  PerLocale<std::optional<CategoryTextInput>> text{};  // create: both locales required
};

}  // namespace comptoir::catalog

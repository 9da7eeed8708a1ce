#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace comptoir::catalog::seed {

// seeds/bulk.json: the word lists `seed --bulk` composes product names and copy from. One family
// per demo category: French names are "{noun} {qualifier} {collection}" (the qualifier agrees
// with the noun's gender and number), English ones "{collection} {qualifier} {noun}".
struct BulkFamily {
  std::string category;  // demo category key the products are filed under
  std::vector<std::string> nouns_fr, nouns_gender, nouns_en;  // gender: m, f, mp, fp
  std::vector<std::string> quals_m, quals_f, quals_mp, quals_fp, quals_en;
  std::vector<std::string> brands;
  std::vector<std::string> sentences_fr, sentences_en;
  std::string option_code, option_fr, option_en;  // the variant axis
  std::vector<std::string> values_fr, values_en;  // at least 3: a product has up to 3 variants
  long long price_min = 0, price_max = 0;         // cents
  int weight_min = 0, weight_max = 0;             // grams
};

struct BulkWords {
  std::vector<BulkFamily> families;
  std::vector<std::string> collections;
  std::vector<std::string> sentences_fr, sentences_en;
};

// Throws DemoDataError (seed/demo_data.hpp) naming the file and entry when something is off.
BulkWords load_bulk_words(const std::filesystem::path& file);

// A PostgreSQL array literal for a text[] parameter: {"a","b \"c\""}.
std::string pg_text_array(const std::vector<std::string>& values);

}  // namespace comptoir::catalog::seed

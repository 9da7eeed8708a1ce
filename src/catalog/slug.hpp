#pragma once

#include <string>
#include <string_view>

namespace comptoir::catalog {

inline constexpr std::size_t kMaxSlugLength = 120;

// The URL slug of a name: transliterated to Latin, accents folded to ASCII, lower case, every run
// of other characters turned into one hyphen, no hyphen at either end, at most kMaxSlugLength
// characters (cut at a hyphen when one is near). « Théière en fonte » → "theiere-en-fonte",
// "Crème brûlée & Œufs" → "creme-brulee-oeufs". Empty when the name has no letter or digit.
std::string slugify(std::string_view name);

// Lower-case ASCII letters and digits in hyphen-separated words, at most kMaxSlugLength long.
bool is_valid_slug(std::string_view slug);

// The n-th candidate for a taken slug: n = 1 is the slug itself, then "slug-2", "slug-3"…, the
// base shortened so the result still fits kMaxSlugLength.
std::string slug_candidate(std::string_view slug, int n);

}  // namespace comptoir::catalog

#pragma once

#include <string>
#include <string_view>

#include "catalog/model.hpp"

namespace comptoir::catalog::storefront {

// Everything an <img> needs: explicit size (no layout shift), the WebP variants as srcset (media
// contract: media::srcset), `sizes`, a translated alt text, and eager or lazy loading.
struct ImageView {
  std::string src{};     // the original, for browsers that ignore srcset
  std::string srcset{};  // empty when the original is narrower than every variant
  std::string sizes{};
  std::string alt{};
  int width = 0;
  int height = 0;
  bool eager = false;  // above the fold: loading="eager" (and fetchpriority="high" for a hero)
};

// `fallback_alt` (e.g. the product name) when the image has no alt text in `locale`.
ImageView image_view(const Image& image, Locale locale, std::string_view sizes, bool eager,
                     std::string_view fallback_alt);

}  // namespace comptoir::catalog::storefront

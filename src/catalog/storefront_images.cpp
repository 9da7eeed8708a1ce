#include "catalog/storefront_images.hpp"

#include "media/media_paths.hpp"

namespace comptoir::catalog::storefront {

ImageView image_view(const Image& image, Locale locale, std::string_view sizes, bool eager,
                     std::string_view fallback_alt) {
  const auto& alt = image.alt[locale];
  ImageView view{.src = media::url(image.path),
                 .srcset = media::srcset(image.path, image.width),
                 .sizes = {},
                 .alt = alt.empty() ? std::string(fallback_alt) : alt,
                 .width = image.width,
                 .height = image.height,
                 .eager = eager};
  if (!view.srcset.empty()) view.sizes = std::string(sizes);
  return view;
}

}  // namespace comptoir::catalog::storefront

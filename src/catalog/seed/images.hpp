#pragma once

#include <optional>
#include <string_view>

namespace vips {
class VImage;
}

namespace comptoir::catalog::seed {

// An sRGB colour, each channel 0–255.
struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};
std::optional<Rgb> parse_hex_colour(std::string_view text);  // "#c8a27a"

// The colours of a category's demo pictures: a diagonal gradient and the colour of the shape.
struct Palette {
  Rgb from{};
  Rgb to{};
  Rgb accent{};
};

enum class Shape { circle, ring, arch, stripes, diamond, dots };
std::optional<Shape> parse_shape(std::string_view name);

// A product picture drawn from nothing but arithmetic (no files, no fonts): a soft gradient, a
// shape with a blurred shadow and a little grain. `variation` shifts the composition so two
// pictures of a category differ; the same arguments always give the same picture.
vips::VImage demo_image(const Palette& palette, Shape shape, int variation, int width, int height);

}  // namespace comptoir::catalog::seed

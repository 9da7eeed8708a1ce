#include "catalog/seed/images.hpp"

#include <vips/vips8>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "media/image_pipeline.hpp"

namespace comptoir::catalog::seed {
namespace {

using vips::VImage;

std::vector<double> channels(const Rgb& c) {
  return {c.r, c.g, c.b};
}

VImage square(const VImage& v) {
  return v * v;
}

// 1.0 inside the shape, 0.0 outside, as a float image of the canvas size.
VImage shape_mask(Shape shape, const VImage& x, const VImage& y, double cx, double cy,
                  double size) {
  auto inside = [&]() -> VImage {
    const VImage dx = x - cx;
    const VImage dy = y - cy;
    switch (shape) {
      case Shape::circle:
        return (square(dx) + square(dy)) < size * size;
      case Shape::ring: {
        const VImage d2 = square(dx) + square(dy);
        return (d2 < size * size) & (d2 > 0.55 * size * size);
      }
      case Shape::arch: {
        const double half = 0.62 * size;
        const VImage body = (dx.abs() < half) & (dy > 0.0) & (dy < 1.1 * size);
        return body | ((square(dx) + square(dy)) < half * half);
      }
      case Shape::stripes: {
        const VImage band = ((x + y) % (size * 0.5)) < size * 0.22;
        return band & ((square(dx) + square(dy)) < 1.3 * size * size);
      }
      case Shape::diamond:
        return (dx.abs() + dy.abs()) < 1.25 * size;
      case Shape::dots: {
        // libvips takes the remainder of whole numbers: keep the period an even integer.
        const double period = 2 * std::max(1.0, std::round(size * 0.21));
        // Offsets from the nearest grid point, the grid centred on the shape (shifted by whole
        // periods first so the remainder never sees a negative number).
        const double shift = period * 100 + period / 2;
        const VImage px = ((dx + shift).round(VIPS_OPERATION_ROUND_RINT) % period) - period / 2;
        const VImage py = ((dy + shift).round(VIPS_OPERATION_ROUND_RINT) % period) - period / 2;
        const VImage dot = (square(px) + square(py)) < (period * 0.28) * (period * 0.28);
        // Whole dots only: keep a dot when its cell's centre is inside the disc.
        return dot & ((square(dx - px) + square(dy - py)) < 1.2 * size * size);
      }
    }
    return (square(dx) + square(dy)) < size * size;
  }();
  return inside.cast(VIPS_FORMAT_FLOAT) / 255.0;
}

}  // namespace

std::optional<Rgb> parse_hex_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  double values[3];
  for (int i = 0; i < 3; ++i) {
    unsigned value = 0;
    const char* begin = text.data() + 1 + 2 * i;
    auto [end, error] = std::from_chars(begin, begin + 2, value, 16);
    if (error != std::errc{} || end != begin + 2) return std::nullopt;
    values[i] = value;
  }
  return Rgb{.r = values[0], .g = values[1], .b = values[2]};
}

std::optional<Shape> parse_shape(std::string_view name) {
  if (name == "circle") return Shape::circle;
  if (name == "ring") return Shape::ring;
  if (name == "arch") return Shape::arch;
  if (name == "stripes") return Shape::stripes;
  if (name == "diamond") return Shape::diamond;
  if (name == "dots") return Shape::dots;
  return std::nullopt;
}

VImage demo_image(const Palette& palette, Shape shape, int variation, int width, int height) {
  media::init_vips();
  // Drawn at half the size and enlarged: a quarter of the arithmetic, edges still crisp.
  constexpr int kScale = 2;
  const int small_width = std::max(1, width / kScale);
  const int small_height = std::max(1, height / kScale);
  const VImage xy = VImage::xyz(small_width, small_height).cast(VIPS_FORMAT_FLOAT);
  const VImage x = xy[0];
  const VImage y = xy[1];
  const double w = small_width;
  const double h = small_height;

  // Background: a diagonal gradient whose angle turns with the variation.
  const double angle = 0.35 + 0.4 * (variation % 4);
  const VImage t =
      (x * std::cos(angle) + y * std::sin(angle)) / (w * std::cos(angle) + h * std::sin(angle));
  std::vector<double> delta{palette.to.r - palette.from.r, palette.to.g - palette.from.g,
                            palette.to.b - palette.from.b};
  VImage canvas = t * delta + channels(palette.from);

  // The shape sits off-centre by a variation-dependent amount, with a soft shadow below-right.
  const double size = std::min(w, h) * (0.26 + 0.03 * (variation % 3));
  const double cx = w * (0.5 + 0.06 * ((variation % 5) - 2));
  const double cy = h * (0.48 + 0.04 * ((variation % 3) - 1));
  // The shadow is all blur: drawn at a quarter of this size again, then enlarged.
  constexpr double kShadowScale = 4;
  const VImage shadow_xy = VImage::xyz(std::max(1, small_width / 4), std::max(1, small_height / 4))
                               .cast(VIPS_FORMAT_FLOAT);
  VImage shadow = shape_mask(shape, shadow_xy[0], shadow_xy[1], (cx + size * 0.12) / kShadowScale,
                             (cy + size * 0.16) / kShadowScale, size / kShadowScale)
                      .gaussblur(std::min(w, h) / 40.0 / kShadowScale + 0.5);
  shadow = shadow.resize(w / shadow.width(), VImage::option()->set("vscale", h / shadow.height()))
               .embed(0, 0, small_width, small_height,
                      VImage::option()->set("extend", VIPS_EXTEND_COPY));
  canvas = canvas * (1.0 - shadow * 0.28);
  // A pixel's worth of blur on the shape itself: anti-aliased edges.
  const VImage mask = shape_mask(shape, x, y, cx, cy, size).gaussblur(0.8);
  canvas = canvas * (1.0 - mask) + mask * channels(palette.accent);
  canvas = canvas.resize(static_cast<double>(width) / small_width,
                         VImage::option()
                             ->set("vscale", static_cast<double>(height) / small_height)
                             ->set("kernel", VIPS_KERNEL_CUBIC));

  // Rounding may leave the enlargement a pixel short or long: pin it to the asked size.
  canvas = canvas.embed(0, 0, width, height, VImage::option()->set("extend", VIPS_EXTEND_COPY));
  return canvas.cast(VIPS_FORMAT_UCHAR)
      .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

}  // namespace comptoir::catalog::seed

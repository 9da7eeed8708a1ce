#include "accounts/qr_svg.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <cerrno>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "core/markup.hpp"

namespace comptoir::accounts {
namespace {

constexpr int kQuietZone = 4;

struct QrcodeFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

bool is_dark(const QRcode& code, int x, int y) {
  // libqrencode keeps one byte per module; bit 0 is the colour, the others say what it is part of.
  return (code.data[y * code.width + x] & 1) != 0;
}

// Each horizontal run of dark modules becomes one rectangle, `M{x} {y}h{n}v1h-{n}z`: the SVG of a
// typical otpauth URI (a 49-module symbol) stays under 10 KB.
std::string dark_modules_path(const QRcode& code) {
  std::string path;
  auto out = std::back_inserter(path);
  for (int y = 0; y < code.width; ++y) {
    for (int x = 0; x < code.width;) {
      if (!is_dark(code, x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.width && is_dark(code, x + run, y)) ++run;
      fmt::format_to(out, "M{} {}h{}v1h-{}z", x + kQuietZone, y + kQuietZone, run, run);
      x += run;
    }
  }
  return path;
}

}  // namespace

std::string qr_svg(std::string_view text, std::string_view aria_label) {
  if (text.find('\0') != std::string_view::npos) {
    throw std::invalid_argument("QR text holds a NUL byte");
  }
  std::string terminated(text);  // libqrencode reads a C string
  errno = 0;
  std::unique_ptr<QRcode, QrcodeFree> code(
      QRcode_encodeString(terminated.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    int error = errno;
    throw std::runtime_error(fmt::format("QR encoding of {} bytes failed: {}", text.size(),
                                         std::generic_category().message(error)));
  }
  int size = code->width + 2 * kQuietZone;
  // The white background makes the quiet zone light on any page, dark themes included: scanners
  // need dark modules on a light field.
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" )"
      R"(shape-rendering="crispEdges" role="img" aria-label="{1}">)"
      R"(<rect width="{0}" height="{0}" fill="#fff"/><path fill="#000" d="{2}"/></svg>)",
      size, core::xml_escaped(aria_label), dark_modules_path(*code));
}

}  // namespace comptoir::accounts

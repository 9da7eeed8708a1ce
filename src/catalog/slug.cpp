#include "catalog/slug.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace comptoir::catalog {
namespace {

// ICU transliterators are not safe to share between threads; each thread builds its own once.
const icu::Transliterator& ascii_folder() {
  thread_local std::unique_ptr<icu::Transliterator> folder = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !created)
      throw std::runtime_error(std::string("ICU transliterator unavailable: ") +
                               u_errorName(status));
    return created;
  }();
  return *folder;
}

bool is_slug_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Cuts `slug` to at most `limit` characters, at the last hyphen when that keeps most of it.
std::string shorten(std::string slug, std::size_t limit) {
  if (slug.size() <= limit) return slug;
  slug.resize(limit);
  auto hyphen = slug.rfind('-');
  if (hyphen != std::string::npos && hyphen >= limit * 2 / 3) slug.resize(hyphen);
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

}  // namespace

std::string slugify(std::string_view name) {
  auto text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<std::int32_t>(name.size())));
  ascii_folder().transliterate(text);
  std::string folded;
  text.toUTF8String(folded);

  std::string slug;
  slug.reserve(folded.size());
  bool pending_hyphen = false;
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (is_slug_char(c)) {
      if (pending_hyphen && !slug.empty()) slug += '-';
      pending_hyphen = false;
      slug += c;
    } else {
      pending_hyphen = true;
    }
  }
  return shorten(std::move(slug), kMaxSlugLength);
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > kMaxSlugLength) return false;
  if (slug.front() == '-' || slug.back() == '-') return false;
  for (std::size_t i = 0; i < slug.size(); ++i) {
    char c = slug[i];
    if (c == '-') {
      if (slug[i - 1] == '-') return false;
    } else if (!is_slug_char(c)) {
      return false;
    }
  }
  return true;
}

std::string slug_candidate(std::string_view slug, int n) {
  if (n <= 1) return std::string(slug);
  auto suffix = "-" + std::to_string(n);
  return shorten(std::string(slug), kMaxSlugLength - suffix.size()) + suffix;
}

}  // namespace comptoir::catalog

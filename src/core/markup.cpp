#include "core/markup.hpp"

namespace comptoir::core {

namespace {

void append_escaped(std::string& out, std::string_view text, std::string_view apostrophe) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
  append_escaped(out, text, "&apos;");
}

void append_html_escaped(std::string& out, std::string_view text) {
  append_escaped(out, text, "&#39;");
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_xml_escaped(out, text);
  return out;
}

}  // namespace comptoir::core

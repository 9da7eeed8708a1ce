#pragma once

#include <string>
#include <string_view>

namespace comptoir::core {

// Escapes the five characters XML (and HTML attribute values and text) give meaning to:
// & < > " ' become &amp; &lt; &gt; &quot; &apos;. For markup built by hand (sitemaps, SVG);
// HTML pages go through the auto-escaping templates instead.
void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escaped(std::string_view text);

// The same for HTML fragments built by hand (the API's search highlights), with &#39; for ' as
// HTML 4 readers and ctemplate's html_escape write it.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace comptoir::core

#pragma once

#include <string>

#include "http/types.hpp"

namespace comptoir::http {

// Appends to `out` the bytes of `response`'s status line and header fields as HTTP/1.1 puts them
// on the wire, the blank line included: "HTTP/1.1 200 OK\r\nName: value\r\n…\r\n", byte for byte
// what Beast's serializer writes. The server keeps one such buffer per connection and writes it
// with the body in one gathered write, instead of running Beast's serializer for every response.
void append_head(const Response& response, std::string& out);

}  // namespace comptoir::http

#pragma once

#include <string>
#include <string_view>

#include "http/form.hpp"
#include "http/types.hpp"

// What the HTML form pages of every module share: Post/Redirect/Get and the fields of a request.
namespace comptoir::http {

// 303 See Other to `location`: where a page sends the browser after a successful POST.
Response see_other(std::string_view location);

// `path` with ?notice=`name` (or &notice= when it has a query): the page shown after the redirect
// looks the notice up in its own messages.
std::string with_notice(std::string_view path, std::string_view name);

// The request's urlencoded body, or its query; HttpError 400 when either is not clean text
// (well-formed UTF-8 without NUL, form.hpp). Every page reads its forms through these.
Form form_of(const Context& ctx);
Form query_of(const Context& ctx);

}  // namespace comptoir::http

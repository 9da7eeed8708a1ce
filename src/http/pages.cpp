#include "http/pages.hpp"

#include <fmt/format.h>

namespace comptoir::http {
namespace {

Form checked(Form form) {
  if (!form.clean()) throw HttpError(Status::bad_request);
  return form;
}

}  // namespace

Response see_other(std::string_view location) {
  return redirect(Status::see_other, location);
}

std::string with_notice(std::string_view path, std::string_view name) {
  return fmt::format("{}{}notice={}", path, path.find('?') == std::string_view::npos ? '?' : '&',
                     name);
}

Form form_of(const Context& ctx) {
  return checked(Form::parse(ctx.request.body()));
}

Form query_of(const Context& ctx) {
  return checked(Form::parse(ctx.query));
}

}  // namespace comptoir::http

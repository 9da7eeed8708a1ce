#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Query strings of the storefront's links (the paths themselves are in catalog_urls.hpp).
namespace comptoir::catalog::storefront {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// `path` followed by the parameters percent-encoded as a query string, in order; parameters with
// an empty value are left out, and so is the '?' when none remains.
std::string with_query(std::string path, const QueryParams& params);

// The parameters of a raw query string ("a=1&b=%C3%A9"), percent-decoded, '+' read as a space.
QueryParams query_params(std::string_view query);

}  // namespace comptoir::catalog::storefront

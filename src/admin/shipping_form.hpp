#pragma once

#include <boost/json/object.hpp>

#include <expected>
#include <string>
#include <vector>

#include "cart/shipping_rates.hpp"
#include "views/dictionary.hpp"

namespace comptoir::http {
class Form;
}

namespace comptoir::admin {

class Kit;
struct Staff;

// The settings page's shipping form: one row per active destination (its name, flat fee,
// free-shipping threshold, taxed or not), each input labelled by its row and column, with the
// values the page showed in hidden fields so a save can tell a stale page (cart::ShippingUpdate).
// `typed`: a refused form, shown again as it was typed.
void fill_shipping_form(const Kit& kit, views::Dict& body, const Staff& staff,
                        const std::vector<cart::RegionShipping>& rates, const http::Form* typed);

// The updates a posted form asks for, one per destination of `rates` it names; the message key
// of the first amount that does not read otherwise. Amounts as typed in either language ("9,95",
// "9.95"); an empty threshold means never free.
std::expected<std::vector<cart::ShippingUpdate>, std::string> read_shipping_form(
    const http::Form& form, const std::vector<cart::RegionShipping>& rates);

// {"CA-QC.flat_fee": {"before": 995, "after": 1095}, …} for the audit log.
boost::json::object shipping_changes(const std::vector<cart::ShippingChange>& changes);

}  // namespace comptoir::admin

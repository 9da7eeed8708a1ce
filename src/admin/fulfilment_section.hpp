#pragma once

#include <vector>

#include "core/locale.hpp"
#include "views/dictionary.hpp"

namespace comptoir::suppliers {
struct FulfilmentView;
}

namespace comptoir::admin {

class Kit;

// The order page's "Suppliers" section (orders:read): each supplier order of a dropshipped or
// printed-on-demand order — supplier, state, the supplier's number, carrier and tracking, the
// attempts and last error of its dispatch, its items under the supplier's references. Unsent ones
// show as waiting whether or not `comptoir suppliers run` is running. Nothing when there is none.
void fill_fulfilment(const Kit& kit, views::Dict& body, core::Locale locale,
                     const std::vector<suppliers::FulfilmentView>& fulfilment);

}  // namespace comptoir::admin

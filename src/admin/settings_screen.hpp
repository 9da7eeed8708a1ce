#pragma once

#include <string>
#include <vector>

#include "cart/shipping_rates.hpp"
#include "http/types.hpp"
#include "settings/settings_store.hpp"

namespace comptoir::http {
class Form;
}

namespace comptoir::admin {

class Kit;
struct Staff;

// The shop's settings (settings:manage), one form: the shop's names and contact address, the
// legal entity that invoices and the legal notice name (with its GST/QST or VAT numbers, NEQ,
// SIREN/SIRET and RCS), the people and companies the legal pages name (privacy officer, director
// of publication, host, consumer mediator), the handling fee every order
// pays (taxed or not), the dashboard's low-stock threshold and the return window. A save names
// the revision its page showed: if another save came first, nothing is written and the page
// (409) lists each field as it is now beside what was typed. A save is audited
// (settings.updated, each changed field before and after) in its transaction, and applies at
// once in every process: the rules read the settings at each use (settings/settings_store.hpp).
class SettingsScreen {
 public:
  explicit SettingsScreen(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> show(http::Context& ctx) const;
  http::net::awaitable<http::Response> save(http::Context& ctx) const;
  // POST settings/shipping: each destination's flat fee, free-shipping threshold and whether
  // shipping is taxed (cart::set_shipping_rates), audited as shipping.updated.
  http::net::awaitable<http::Response> save_shipping(http::Context& ctx) const;

  // Why a save was refused, for the page that shows it again.
  struct Refusal {
    std::string message{};
    std::vector<settings::FieldError> fields{};
    std::vector<std::string> differences{};
  };

 private:
  // What the page shows: the settings and the shipping rates as stored.
  struct Stored {
    settings::Snapshot settings{};
    std::vector<cart::RegionShipping> rates{};
  };
  http::net::awaitable<Stored> load() const;

  // The forms over `stored` (or over what was typed in one of them), with `refusal`'s errors
  // when there is one.
  http::Response render(const http::Context& ctx, const Staff& staff, http::Status status,
                        const Stored& stored, const http::Form* typed, const Refusal* refusal,
                        const http::Form* typed_shipping = nullptr) const;

  const Kit& kit_;
};

}  // namespace comptoir::admin

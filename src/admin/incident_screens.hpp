#pragma once

#include <string>
#include <vector>

#include "http/types.hpp"
#include "privacy/incident.hpp"

namespace comptoir::http {
class Form;
}

namespace comptoir::admin {

class Kit;
struct Staff;

// The register of confidentiality incidents (privacy::IncidentRegister; Law 25, GDPR art. 33(5)):
// the list and each entry for those who read the activity log (audit:read); recording an incident
// and changing an entry for those who manage the shop's settings (settings:manage). A change names
// the version its page showed: when someone saved in between, nothing is written and the page
// (409) lists what differs, keeping what was typed. Each write is audited (incident.recorded,
// incident.updated with each changed field) in its transaction. There is no deletion: entries are
// kept at least five years (the table refuses earlier deletes).
class IncidentScreens {
 public:
  explicit IncidentScreens(const Kit& kit) : kit_(kit) {}

  http::net::awaitable<http::Response> list(http::Context& ctx) const;
  http::net::awaitable<http::Response> blank(http::Context& ctx) const;
  http::net::awaitable<http::Response> create(http::Context& ctx) const;
  http::net::awaitable<http::Response> show(http::Context& ctx) const;
  http::net::awaitable<http::Response> save(http::Context& ctx) const;

  // What a refused form shows above it.
  struct Refusal {
    std::string message{};
    std::vector<privacy::IncidentProblem> fields{};
    std::vector<std::string> differences{};
  };

 private:
  // The entry's page (its facts, and the form for those who may change it), or the blank form
  // when `stored` is null; `typed` and `refusal` after a refused save.
  http::Response render(const http::Context& ctx, const Staff& staff, http::Status status,
                        const privacy::Incident* stored, const std::string& recorded_by,
                        const privacy::IncidentDraft* typed, const Refusal* refusal) const;

  const Kit& kit_;
};

}  // namespace comptoir::admin

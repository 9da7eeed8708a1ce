#pragma once

#include <memory>

#include "core/config.hpp"
#include "http/waf.hpp"
#include "observe/metrics.hpp"

namespace comptoir::app {

// Parses COMPTOIR_WAF_FILE when it is set: a file that is not valid rules becomes a fatal problem
// of that variable, naming the place in the file, so check-config shows it and serve refuses
// to start.
void check_waf_file(core::ConfigReport& report);

// The WAF COMPTOIR_WAF asks for, with COMPTOIR_WAF_FILE's rules or the built-in ones; null when
// it is off. Throws when the file no longer parses.
std::unique_ptr<http::Waf> make_waf(const core::Config& config, observe::Metrics& metrics);

}  // namespace comptoir::app

#include "app/waf_setup.hpp"

#include <algorithm>
#include <stdexcept>

#include "observe/log.hpp"

namespace comptoir::app {

void check_waf_file(core::ConfigReport& report) {
  if (report.config.waf_file.empty()) return;
  auto rules = http::load_waf_rules(report.config.waf_file);
  if (rules) return;
  auto variable =
      std::ranges::find(report.variables, "COMPTOIR_WAF_FILE", &core::VariableReport::name);
  if (variable == report.variables.end()) return;  // load_config always reports it
  variable->problem = rules.error();
  variable->fatal = true;
}

std::unique_ptr<http::Waf> make_waf(const core::Config& config, observe::Metrics& metrics) {
  auto mode = http::parse_waf_mode(config.waf).value_or(http::WafMode::on);
  if (mode == http::WafMode::off) {
    observe::warn("the WAF is off (COMPTOIR_WAF=off)");
    return nullptr;
  }
  auto rules =
      config.waf_file.empty() ? http::default_waf_rules() : http::load_waf_rules(config.waf_file);
  if (!rules) throw std::runtime_error("COMPTOIR_WAF_FILE: " + rules.error());
  observe::info("waf", {{"mode", http::name(mode)},
                        {"rules", config.waf_file.empty() ? "built-in" : config.waf_file.string()},
                        {"classes", rules->classes.size()},
                        {"deny", rules->deny.size()}});
  return std::make_unique<http::Waf>(mode, std::move(*rules), metrics, config.trusted_proxies);
}

}  // namespace comptoir::app

#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// The back office's paths. One set for both languages: the staff member's locale (their account's,
// switched from any screen) chooses the language, so a link pasted to a colleague opens in theirs.
namespace comptoir::admin::urls {

inline constexpr std::string_view kDashboard = "/admin/";
inline constexpr std::string_view kDashboardBare = "/admin";
inline constexpr std::string_view kLocale = "/admin/locale";
inline constexpr std::string_view kOrders = "/admin/orders";
inline constexpr std::string_view kOrder = "/admin/orders/{number}";
inline constexpr std::string_view kOrderStatus = "/admin/orders/{number}/status";
inline constexpr std::string_view kOrderRefund = "/admin/orders/{number}/refund";
inline constexpr std::string_view kOrderInvoice = "/admin/orders/{number}/invoice";
inline constexpr std::string_view kOrderPackingSlip = "/admin/orders/{number}/packing-slip";
inline constexpr std::string_view kCustomers = "/admin/customers";
inline constexpr std::string_view kCustomer = "/admin/customers/{id}";
inline constexpr std::string_view kCustomerStatus = "/admin/customers/{id}/status";
inline constexpr std::string_view kCustomerVerification = "/admin/customers/{id}/verification";
inline constexpr std::string_view kCustomerInvite = "/admin/customers/invite";
inline constexpr std::string_view kCustomerRole = "/admin/customers/{id}/role";
inline constexpr std::string_view kCustomerSessions = "/admin/customers/{id}/sessions";
inline constexpr std::string_view kCustomerInvitation = "/admin/customers/{id}/invitation";
inline constexpr std::string_view kActivity = "/admin/activity";
inline constexpr std::string_view kActivityCsv = "/admin/activity.csv";
inline constexpr std::string_view kSettings = "/admin/settings";
// The register of confidentiality incidents (Law 25): the list, a new entry's form, one entry.
inline constexpr std::string_view kIncidents = "/admin/incidents";
inline constexpr std::string_view kIncidentNew = "/admin/incidents/new";
inline constexpr std::string_view kIncident = "/admin/incidents/{id}";
inline constexpr std::string_view kSettingsShipping = "/admin/settings/shipping";

inline constexpr std::string_view kProducts = "/admin/products";
inline constexpr std::string_view kProductNew = "/admin/products/new";
inline constexpr std::string_view kProductsCsv = "/admin/products.csv";
inline constexpr std::string_view kProduct = "/admin/products/{id}";
inline constexpr std::string_view kProductVariants = "/admin/products/{id}/variants";
inline constexpr std::string_view kProductVariant = "/admin/products/{id}/variants/{variant}";
inline constexpr std::string_view kProductImages = "/admin/products/{id}/images";
inline constexpr std::string_view kProductImage = "/admin/products/{id}/images/{image}";
inline constexpr std::string_view kProductDelete = "/admin/products/{id}/delete";
inline constexpr std::string_view kProductsImport = "/admin/products/import";
inline constexpr std::string_view kProductImport = "/admin/products/import/{id}";
inline constexpr std::string_view kProductImportProgress = "/admin/products/import/{id}/progress";
inline constexpr std::string_view kProductImportApply = "/admin/products/import/{id}/apply";

// "/admin/products/import/3"
inline std::string product_import(std::int64_t id) {
  return std::string(kProductsImport) + '/' + std::to_string(id);
}

// "/admin/products/12", "/admin/products/12/variants"…
inline std::string product(std::int64_t id, std::string_view tail = {}) {
  std::string out(kProducts);
  out += '/';
  out += std::to_string(id);
  out += tail;
  return out;
}

inline constexpr std::string_view kCategories = "/admin/categories";
inline constexpr std::string_view kCategory = "/admin/categories/{id}";
inline constexpr std::string_view kCategoryMove = "/admin/categories/{id}/move";
inline constexpr std::string_view kCategoryOrder = "/admin/categories/{id}/order";
inline constexpr std::string_view kCategoryDelete = "/admin/categories/{id}/delete";

// "/admin/categories/4", "/admin/categories/4/move"…
inline std::string category(std::int64_t id, std::string_view tail = {}) {
  std::string out(kCategories);
  out += '/';
  out += std::to_string(id);
  out += tail;
  return out;
}

inline constexpr std::string_view kReturns = "/admin/returns";
inline constexpr std::string_view kReturn = "/admin/returns/{number}";
inline constexpr std::string_view kReturnStatus = "/admin/returns/{number}/status";
inline constexpr std::string_view kReturnRefund = "/admin/returns/{number}/refund";

// "/admin/returns/RMA-…", "/admin/returns/RMA-…/status"
inline std::string return_page(std::string_view number, std::string_view tail = {}) {
  std::string out(kReturns);
  out += '/';
  out += number;
  out += tail;
  return out;
}

// "/admin/orders/CMP-…"
inline std::string order(std::string_view number) {
  std::string out(kOrders);
  out += '/';
  out += number;
  return out;
}

// "/admin/customers/42"
inline std::string customer(std::int64_t id) {
  std::string out(kCustomers);
  out += '/';
  out += std::to_string(id);
  return out;
}

}  // namespace comptoir::admin::urls

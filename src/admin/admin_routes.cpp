#include "admin/admin_routes.hpp"

#include "accounts/auth_service.hpp"
#include "accounts/session.hpp"
#include "admin/activity_screen.hpp"
#include "admin/admin_urls.hpp"
#include "admin/category_screens.hpp"
#include "admin/customer_screens.hpp"
#include "admin/dashboard.hpp"
#include "admin/import_screens.hpp"
#include "admin/incident_screens.hpp"
#include "admin/order_documents.hpp"
#include "admin/order_screens.hpp"
#include "admin/product_screens.hpp"
#include "admin/return_screens.hpp"
#include "admin/settings_screen.hpp"
#include "admin/staff_screens.hpp"
#include "http/member_routes.hpp"
#include "http/pages.hpp"

namespace comptoir::admin {
namespace {

using http::Context;
using http::Response;
namespace net = boost::asio;

// The screens, sharing one kit; the router keeps them for the life of the server.
class BackOffice {
 public:
  explicit BackOffice(AdminDeps deps)
      : kit_(std::move(deps)),
        dashboard_(kit_),
        orders_(kit_),
        documents_(kit_),
        returns_(kit_),
        products_(kit_),
        imports_(kit_),
        customers_(kit_),
        staff_(kit_, customers_),
        activity_(kit_),
        settings_(kit_),
        categories_(kit_),
        incidents_(kit_) {}

  net::awaitable<Response> dashboard(Context& ctx) const { return dashboard_.show(ctx); }
  net::awaitable<Response> orders(Context& ctx) const { return orders_.list(ctx); }
  net::awaitable<Response> order(Context& ctx) const { return orders_.show(ctx); }
  net::awaitable<Response> order_status(Context& ctx) const { return orders_.change(ctx); }
  net::awaitable<Response> order_refund(Context& ctx) const { return orders_.refund(ctx); }
  net::awaitable<Response> invoice(Context& ctx) const { return documents_.invoice(ctx); }
  net::awaitable<Response> packing_slip(Context& ctx) const { return documents_.packing_slip(ctx); }
  net::awaitable<Response> returns(Context& ctx) const { return returns_.list(ctx); }
  net::awaitable<Response> return_page(Context& ctx) const { return returns_.show(ctx); }
  net::awaitable<Response> return_change(Context& ctx) const { return returns_.change(ctx); }
  net::awaitable<Response> return_refund(Context& ctx) const { return returns_.refund(ctx); }
  net::awaitable<Response> products(Context& ctx) const { return products_.list(ctx); }
  net::awaitable<Response> product_blank(Context& ctx) const { return products_.blank(ctx); }
  net::awaitable<Response> products_csv(Context& ctx) const { return products_.export_csv(ctx); }
  net::awaitable<Response> imports(Context& ctx) const { return imports_.index(ctx); }
  net::awaitable<Response> import_submit(Context& ctx) const { return imports_.submit(ctx); }
  net::awaitable<Response> import_page(Context& ctx) const { return imports_.show(ctx); }
  net::awaitable<Response> import_progress(Context& ctx) const { return imports_.progress(ctx); }
  net::awaitable<Response> import_apply(Context& ctx) const { return imports_.apply(ctx); }
  net::awaitable<Response> product_create(Context& ctx) const { return products_.create(ctx); }
  net::awaitable<Response> product(Context& ctx) const { return products_.show(ctx); }
  net::awaitable<Response> product_save(Context& ctx) const { return products_.save(ctx); }
  net::awaitable<Response> variant_add(Context& ctx) const { return products_.add_variant(ctx); }
  net::awaitable<Response> variant_save(Context& ctx) const { return products_.save_variant(ctx); }
  net::awaitable<Response> image_upload(Context& ctx) const { return products_.upload(ctx); }
  net::awaitable<Response> image_change(Context& ctx) const { return products_.change_image(ctx); }
  net::awaitable<Response> product_remove(Context& ctx) const { return products_.remove(ctx); }
  net::awaitable<Response> customers(Context& ctx) const { return customers_.list(ctx); }
  net::awaitable<Response> customer(Context& ctx) const { return customers_.show(ctx); }
  net::awaitable<Response> customer_status(Context& ctx) const {
    return customers_.change_status(ctx);
  }
  net::awaitable<Response> customer_verification(Context& ctx) const {
    return customers_.resend_verification(ctx);
  }
  net::awaitable<Response> invite_form(Context& ctx) const { return staff_.invite_form(ctx); }
  net::awaitable<Response> invite(Context& ctx) const { return staff_.invite(ctx); }
  net::awaitable<Response> invite_again(Context& ctx) const { return staff_.invite_again(ctx); }
  net::awaitable<Response> customer_role(Context& ctx) const { return staff_.change_role(ctx); }
  net::awaitable<Response> customer_sessions(Context& ctx) const { return staff_.sign_out(ctx); }
  net::awaitable<Response> activity(Context& ctx) const { return activity_.list(ctx); }
  net::awaitable<Response> activity_csv(Context& ctx) const { return activity_.export_csv(ctx); }
  net::awaitable<Response> settings(Context& ctx) const { return settings_.show(ctx); }
  net::awaitable<Response> settings_save(Context& ctx) const { return settings_.save(ctx); }
  net::awaitable<Response> shipping_save(Context& ctx) const {
    return settings_.save_shipping(ctx);
  }
  net::awaitable<Response> categories(Context& ctx) const { return categories_.list(ctx); }
  net::awaitable<Response> category_create(Context& ctx) const { return categories_.create(ctx); }
  net::awaitable<Response> category(Context& ctx) const { return categories_.show(ctx); }
  net::awaitable<Response> category_save(Context& ctx) const { return categories_.save(ctx); }
  net::awaitable<Response> category_move(Context& ctx) const { return categories_.move(ctx); }
  net::awaitable<Response> category_order(Context& ctx) const { return categories_.reorder(ctx); }
  net::awaitable<Response> category_remove(Context& ctx) const { return categories_.remove(ctx); }

  net::awaitable<Response> incidents(Context& ctx) const { return incidents_.list(ctx); }
  net::awaitable<Response> incident_blank(Context& ctx) const { return incidents_.blank(ctx); }
  net::awaitable<Response> incident_create(Context& ctx) const { return incidents_.create(ctx); }
  net::awaitable<Response> incident(Context& ctx) const { return incidents_.show(ctx); }
  net::awaitable<Response> incident_save(Context& ctx) const { return incidents_.save(ctx); }

  // /admin → /admin/ (the dashboard's one address).
  net::awaitable<Response> bare(Context&) const {
    co_return http::redirect(http::Status::moved_permanently, urls::kDashboard);
  }

  // POST /admin/locale: the staff member's language, kept on their account, then back to the
  // screen they were on.
  net::awaitable<Response> locale(Context& ctx) const {
    auto admitted = co_await kit_.admit_form(ctx, "");
    if (!admitted) co_return std::move(admitted.error());
    const auto& staff = admitted->staff;
    const auto& form = admitted->form;
    auto wanted = core::locale_from_code(form.get("locale"));
    if (!wanted) throw http::HttpError(http::Status::bad_request);
    std::string back(form.get("back"));
    // Only a screen of the back office: never an address another site could plant.
    if (!back.starts_with(urls::kDashboard) || back.find("//") != std::string::npos ||
        back.find_first_of("\\\r\n\t") != std::string::npos)
      back = std::string(urls::kDashboard);
    const auto& user = staff.user();
    std::string display_name = user.display_name;
    accounts::RequestInfo info{
        .client = accounts::client_info(ctx), .request_id = ctx.request_id, .waiter = ctx.waiter};
    co_await kit_.deps().auth.update_profile(user, std::move(display_name), *wanted,
                                             std::move(info));
    co_await kit_.deps().sessions.refresh_user(staff.session);
    co_return http::see_other(back);
  }

 private:
  Kit kit_;
  Dashboard dashboard_;
  OrderScreens orders_;
  OrderDocuments documents_;
  ReturnScreens returns_;
  ProductScreens products_;
  ImportScreens imports_;
  CustomerScreens customers_;
  StaffScreens staff_;
  ActivityScreen activity_;
  SettingsScreen settings_;
  CategoryScreens categories_;
  IncidentScreens incidents_;
};

}  // namespace

void add_admin_routes(http::Router& router, AdminDeps deps) {
  auto& sessions = deps.sessions;
  const http::MemberRoutes routes(router, std::make_shared<const BackOffice>(std::move(deps)),
                                  {.middleware = {accounts::with_session(sessions)}});
  using M = http::Method;
  routes.add(M::get, urls::kDashboardBare, &BackOffice::bare);
  routes.add(M::get, urls::kDashboard, &BackOffice::dashboard);
  routes.add(M::post, urls::kLocale, &BackOffice::locale);
  routes.add(M::get, urls::kOrders, &BackOffice::orders);
  routes.add(M::get, urls::kOrder, &BackOffice::order);
  routes.add(M::post, urls::kOrderStatus, &BackOffice::order_status);
  routes.add(M::post, urls::kOrderRefund, &BackOffice::order_refund);
  routes.add(M::get, urls::kOrderInvoice, &BackOffice::invoice);
  routes.add(M::get, urls::kOrderPackingSlip, &BackOffice::packing_slip);
  routes.add(M::get, urls::kReturns, &BackOffice::returns);
  routes.add(M::get, urls::kReturn, &BackOffice::return_page);
  routes.add(M::post, urls::kReturnStatus, &BackOffice::return_change);
  routes.add(M::post, urls::kReturnRefund, &BackOffice::return_refund);
  routes.add(M::get, urls::kProducts, &BackOffice::products);
  routes.add(M::post, urls::kProducts, &BackOffice::product_create);
  routes.add(M::get, urls::kProductNew, &BackOffice::product_blank);  // before {id}
  routes.add(M::get, urls::kProductsCsv, &BackOffice::products_csv);
  routes.add(M::get, urls::kProductsImport, &BackOffice::imports);  // before {id}
  routes.add(M::get, urls::kProductImport, &BackOffice::import_page);
  routes.add(M::get, urls::kProductImportProgress, &BackOffice::import_progress);
  routes.add(M::post, urls::kProductImportApply, &BackOffice::import_apply);
  // A spreadsheet of the whole catalog may be large.
  routes.add(M::post, urls::kProductsImport, &BackOffice::import_submit,
             {.max_body = 21 * 1024 * 1024, .middleware = {accounts::with_session(sessions)}});
  routes.add(M::get, urls::kProduct, &BackOffice::product);
  routes.add(M::post, urls::kProduct, &BackOffice::product_save);
  routes.add(M::post, urls::kProductVariants, &BackOffice::variant_add);
  routes.add(M::post, urls::kProductVariant, &BackOffice::variant_save);
  routes.add(M::post, urls::kProductImage, &BackOffice::image_change);
  routes.add(M::post, urls::kProductDelete, &BackOffice::product_remove);
  // Pictures come as files: the body may be as large as the API's upload allows.
  routes.add(M::post, urls::kProductImages, &BackOffice::image_upload,
             {.max_body = 15 * 1024 * 1024, .middleware = {accounts::with_session(sessions)}});
  routes.add(M::get, urls::kCustomers, &BackOffice::customers);
  routes.add(M::get, urls::kCustomer, &BackOffice::customer);
  routes.add(M::post, urls::kCustomerStatus, &BackOffice::customer_status);
  routes.add(M::post, urls::kCustomerVerification, &BackOffice::customer_verification);
  routes.add(M::get, urls::kCustomerInvite, &BackOffice::invite_form);
  routes.add(M::post, urls::kCustomerInvite, &BackOffice::invite);
  routes.add(M::post, urls::kCustomerInvitation, &BackOffice::invite_again);
  routes.add(M::post, urls::kCustomerRole, &BackOffice::customer_role);
  routes.add(M::post, urls::kCustomerSessions, &BackOffice::customer_sessions);
  routes.add(M::get, urls::kActivity, &BackOffice::activity);
  routes.add(M::get, urls::kActivityCsv, &BackOffice::activity_csv);
  routes.add(M::get, urls::kSettings, &BackOffice::settings);
  routes.add(M::post, urls::kSettings, &BackOffice::settings_save);
  routes.add(M::post, urls::kSettingsShipping, &BackOffice::shipping_save);
  routes.add(M::get, urls::kCategories, &BackOffice::categories);
  routes.add(M::post, urls::kCategories, &BackOffice::category_create);
  routes.add(M::get, urls::kCategory, &BackOffice::category);
  routes.add(M::post, urls::kCategory, &BackOffice::category_save);
  routes.add(M::post, urls::kCategoryMove, &BackOffice::category_move);
  routes.add(M::post, urls::kCategoryOrder, &BackOffice::category_order);
  routes.add(M::post, urls::kCategoryDelete, &BackOffice::category_remove);
  // Literal routes match before patterns: /admin/incidents/new is never an entry's id.
  routes.add(M::get, urls::kIncidents, &BackOffice::incidents);
  routes.add(M::post, urls::kIncidents, &BackOffice::incident_create);
  routes.add(M::get, urls::kIncidentNew, &BackOffice::incident_blank);
  routes.add(M::get, urls::kIncident, &BackOffice::incident);
  routes.add(M::post, urls::kIncident, &BackOffice::incident_save);
}

}  // namespace comptoir::admin

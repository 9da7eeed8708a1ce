#pragma once

#include <memory>
#include <string_view>
#include <utility>

#include "core/locale.hpp"
#include "http/router.hpp"

namespace comptoir::http {

// Registers routes whose handlers are const member functions of one object (a module's pages or
// API), shared by all of them:
//
//   http::MemberRoutes routes(router, std::make_shared<const CartPages>(deps), options);
//   routes.add(Method::get, cart::urls::kCart, &CartPages::show);  // one route per locale
//
// Each stored handler owns a shared_ptr to the object and the member pointer by value, and the
// router keeps it for the life of the server: a lambda coroutine's captures live in its closure,
// so the closure must outlive every call (docs/architecture.md, "Coroutine lambdas").
template <class Target>
class MemberRoutes {
 public:
  using Member = net::awaitable<Response> (Target::*)(Context&) const;
  // A page served in each locale: the handler is told which one its route belongs to.
  using LocalizedMember = net::awaitable<Response> (Target::*)(Context&, core::Locale) const;

  // `options` apply to every route added without options of its own.
  MemberRoutes(Router& router, std::shared_ptr<const Target> target, RouteOptions options = {})
      : router_(router), target_(std::move(target)), options_(std::move(options)) {}

  void add(Method method, std::string_view pattern, Member member) const {
    add(method, pattern, member, options_);
  }

  void add(Method method, std::string_view pattern, Member member,
           const RouteOptions& options) const {
    router_.add(
        method, pattern,
        [target = target_, member](Context& ctx) -> net::awaitable<Response> {
          co_return co_await ((*target).*member)(ctx);
        },
        options);
  }

  // `pattern` is the route of `locale`'s page.
  void add(Method method, core::Locale locale, std::string_view pattern,
           LocalizedMember member) const {
    router_.add(
        method, pattern,
        [target = target_, member, locale](Context& ctx) -> net::awaitable<Response> {
          co_return co_await ((*target).*member)(ctx, locale);
        },
        options_);
  }

  // One route per locale, at `paths[locale]`.
  void add(Method method, const core::Localized& paths, LocalizedMember member) const {
    for (auto locale : core::kLocales) add(method, locale, paths[locale], member);
  }

 private:
  Router& router_;
  std::shared_ptr<const Target> target_;
  RouteOptions options_;
};

}  // namespace comptoir::http

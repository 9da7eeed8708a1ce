#include "cart/cart_owner.hpp"

namespace comptoir::cart {

boost::asio::awaitable<CartOwner> owner_for_write(accounts::SessionService& sessions,
                                                  http::Context& ctx) {
  auto& session = accounts::session_of(ctx);
  auto client = accounts::client_info(ctx);
  co_await sessions.ensure_stored(session, client);
  co_return owner_of(session);
}

}  // namespace comptoir::cart

#pragma once

#include <boost/asio/awaitable.hpp>

#include "accounts/session.hpp"
#include "cart/cart.hpp"
#include "http/types.hpp"

namespace comptoir::cart {

// The cart a request's session works on: the signed-in user's, else the guest session's.
inline CartOwner owner_of(const accounts::Session& session) {
  if (session.signed_in()) return {.user_id = session.user->id};
  return {.session_id_hash = session.id_hash};
}

// The same for a write: a guest's session row is written first (the cart hangs on it). Reading a
// cart writes nothing.
boost::asio::awaitable<CartOwner> owner_for_write(accounts::SessionService& sessions,
                                                  http::Context& ctx);

}  // namespace comptoir::cart

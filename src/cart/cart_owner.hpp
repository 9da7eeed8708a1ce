#pragma once

#include "accounts/session.hpp"
#include "cart/cart.hpp"

namespace comptoir::cart {

// The cart a request's session works on: the signed-in user's, else the guest session's.
inline CartOwner owner_of(const accounts::Session& session) {
  if (session.signed_in()) return {.user_id = session.user->id};
  return {.session_id_hash = session.id_hash};
}

}  // namespace comptoir::cart

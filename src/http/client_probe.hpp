#pragma once

#include <mutex>

#include "core/waiter.hpp"

namespace comptoir::http {

// Whether the client of the request being handled still holds its connection open: asked by a pool
// about to start costly work for the request (argon2id), from any thread. It peeks at the socket
// without reading, so the next request's bytes stay where the server will read them: end of
// stream or a reset means gone; bytes waiting (a pipelined request) or nothing yet mean still
// there. Like nginx, a client that half-closes after its request counts as gone.
//
// The server makes one per request and detaches it when the request is over, before the socket
// can close: a detached probe never touches the descriptor again and answers "still there".
class ClientProbe final : public core::Waiter {
 public:
  explicit ClientProbe(int socket) : socket_(socket) {}
  bool gone() const override;
  void detach();

 private:
  mutable std::mutex mutex_;
  int socket_;  // -1 once detached
};

}  // namespace comptoir::http

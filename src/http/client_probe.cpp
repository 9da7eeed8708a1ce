#include "http/client_probe.hpp"

#include <sys/socket.h>

#include <cerrno>

namespace comptoir::http {

bool ClientProbe::gone() const {
  std::lock_guard lock(mutex_);
  if (socket_ < 0) return false;
  char byte = 0;
  auto n = ::recv(socket_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n > 0) return false;  // bytes of a next request: the client is there
  if (n == 0) return true;  // end of stream: the client closed (or half-closed) its side
  if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return false;
  return true;  // ECONNRESET and the like
}

void ClientProbe::detach() {
  std::lock_guard lock(mutex_);
  socket_ = -1;
}

}  // namespace comptoir::http

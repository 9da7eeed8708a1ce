#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "suppliers/shops.hpp"

namespace comptoir::desktop {

// Where the app keeps the secrets of the shops it is given: a keychain that holds each shop's
// database URL and keys under one name (the shops file's "keychain" field).
class SecretVault {
 public:
  virtual ~SecretVault() = default;
  // Whether new secrets can go there; why not in `unavailable_reason()`.
  virtual bool available() const = 0;
  virtual const std::string& unavailable_reason() const = 0;
  virtual std::expected<suppliers::ShopSecrets, std::string> read(std::string_view name) = 0;
  virtual std::expected<void, std::string> write(std::string_view name,
                                                 const suppliers::ShopSecrets& secrets) = 0;
  virtual std::expected<void, std::string> erase(std::string_view name) = 0;
};

// The user's system keychain through QtKeychain (the Secret Service — GNOME Keyring, KWallet's
// bridge — on Linux; the macOS Keychain; Windows' Credential Manager), service
// "comptoir-suppliers", each shop's secrets one JSON entry. Whether one answers is asked once, at
// construction, with a read of a name nobody writes: "not found" means it works. Each call runs
// QtKeychain's job in a local event loop: the window keeps painting while the keychain answers
// (or asks the user to unlock it). Call from the UI thread.
class SystemKeychain final : public SecretVault {
 public:
  SystemKeychain();

  bool available() const override { return unavailable_.empty(); }
  const std::string& unavailable_reason() const override { return unavailable_; }
  std::expected<suppliers::ShopSecrets, std::string> read(std::string_view name) override;
  std::expected<void, std::string> write(std::string_view name,
                                         const suppliers::ShopSecrets& secrets) override;
  std::expected<void, std::string> erase(std::string_view name) override;

 private:
  std::string unavailable_;
};

}  // namespace comptoir::desktop

#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace comptoir::core {

// The whole content of a file, bytes as they are; nullopt when it cannot be opened. For the small
// files an operator hands the binary (NAME_FILE secrets, the WAF's rules, the shops file).
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace comptoir::core

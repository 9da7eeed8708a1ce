#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "views/views.hpp"

// View models of the accounts pages and the one renderer that places them in
// templates/accounts/. Everything is already translated and computed by the routes.
namespace comptoir::accounts::view {

struct Field {
  enum class Kind { input, select, checkbox };
  Kind kind = Kind::input;
  std::string id{};
  std::string name{};
  std::string type = "text";
  std::string label{};
  std::string value{};
  std::string autocomplete = "off";
  std::string inputmode{};
  std::string hint{};
  std::string error{};  // shown next to the field, and linked from the error summary
  bool required = false;
  bool checked = false;
  std::vector<std::pair<std::string, std::string>> options{};  // value, text
};

struct Form {
  std::string action{};
  std::string submit{};
  std::string csrf{};
  std::vector<std::pair<std::string, std::string>> hidden{};
  std::vector<Field> fields{};
  bool secondary = false;  // a less prominent button (log out, delete)
};

struct Error {
  std::string field{};  // the id of the field it is about; empty for the form as a whole
  std::string message{};
};

struct Link {
  std::string url{};
  std::string text{};
};

struct Table {
  std::string caption{};
  std::vector<std::string> head{};
  std::vector<std::vector<std::string>> rows{};
};

struct Item {
  std::vector<std::string> lines{};
  std::optional<Form> form{};
};

struct Panel {
  std::string id{};
  std::string title{};  // no heading when empty
  std::vector<std::string> paragraphs{};
  std::string html{};  // trusted markup made by the server (the QR code's SVG)
  std::vector<std::string> codes{};
  std::vector<std::pair<std::string, std::string>> facts{};
  std::optional<Table> table{};
  std::vector<Item> items{};
  std::optional<Form> form{};
  std::vector<Link> links{};
};

struct Page {
  views::Page layout{};
  std::string heading{};
  std::string notice{};
  std::vector<Error> errors{};
  std::vector<Panel> panels{};
};

class Renderer {
 public:
  Renderer(const views::Views& views, const i18n::Catalog& catalog)
      : views_(views), catalog_(catalog) {}
  std::string render(const Page& page) const;

 private:
  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

}  // namespace comptoir::accounts::view

#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "views/views.hpp"

// The page model of the form pages (accounts, checkout, orders): a heading, a notice, an error
// summary and panels of paragraphs, facts, tables, items, forms and links; and the one renderer
// that places it in templates/views/. Everything is already translated and computed by the
// routes, so a new form page needs no template of its own.
namespace comptoir::views::page {

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

struct Link {
  std::string url{};
  std::string text{};
};

struct Form {
  std::string action{};
  std::string submit{};
  std::string csrf{};
  std::vector<std::pair<std::string, std::string>> hidden{};
  std::vector<Field> fields{};
  bool secondary = false;  // a less prominent button (log out, delete)
  // A sentence said just before the button (the checkout's "placing the order accepts the terms
  // of sale"), in pieces: a piece with a URL is a link, one without is plain text.
  std::vector<Link> note{};
};

struct Error {
  std::string field{};  // the id of the field it is about; empty for the form as a whole
  std::string message{};
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
  views::Page layout{};  // title, alternates, robots: what the layout needs
  std::string heading{};
  std::string notice{};
  std::vector<Error> errors{};
  std::vector<Panel> panels{};
};

// `text` cut into pieces at its {name} placeholders, each placeholder becoming the link `links`
// gives it ("En passant la commande, vous acceptez les {terms}." with {"terms", {url, "conditions
// de vente"}}); an unknown placeholder stays as it is.
std::vector<Link> linked_sentence(std::string_view text,
                                  const std::vector<std::pair<std::string, Link>>& links);

// Reports `message` in the error summary and, when `field` names a field of one of the page's
// forms, next to that field.
void add_error(Page& page, std::string field, std::string message);

class Renderer {
 public:
  Renderer(const views::Views& views, const i18n::Catalog& catalog)
      : views_(views), catalog_(catalog) {}
  std::string render(const Page& page) const;

 private:
  const views::Views& views_;
  const i18n::Catalog& catalog_;
};

}  // namespace comptoir::views::page

#include "views/page_model.hpp"

#include "views/dictionary.hpp"

namespace comptoir::views::page {

using namespace views::literals;
namespace {

class Filler {
 public:
  Filler(const i18n::Catalog& catalog, core::Locale locale) : catalog_(catalog), locale_(locale) {}

  void field(Dict& form, const Field& field) const {
    auto& dict = include(form, "FIELD"_key, "views/_field.tpl");
    if (field.kind == Field::Kind::select) {
      auto* select = dict.AddSectionDictionary("SELECT"_key);
      common(*select, field);
      set(*select, "AUTOCOMPLETE"_key, field.autocomplete);
      for (const auto& [value, text] : field.options) {
        auto* option = select->AddSectionDictionary("OPTION"_key);
        set(*option, "VALUE"_key, value);
        set(*option, "TEXT"_key, text);
        if (value == field.value) option->ShowSection("SELECTED"_key);
      }
      describe(*select, field);
      return;
    }
    if (field.kind == Field::Kind::checkbox) {
      auto* box = dict.AddSectionDictionary("CHECKBOX"_key);
      common(*box, field);
      if (field.checked) box->ShowSection("CHECKED"_key);
      return;
    }
    auto* input = dict.AddSectionDictionary("INPUT"_key);
    common(*input, field);
    set(*input, "TYPE"_key, field.type);
    // A password is never sent back into the page.
    set(*input, "VALUE"_key, field.type == "password" ? std::string_view{} : field.value);
    set(*input, "AUTOCOMPLETE"_key, field.autocomplete);
    if (!field.inputmode.empty())
      input->SetValueAndShowSection("MODE"_key, field.inputmode, "INPUTMODE"_key);
    if (field.required) input->ShowSection("REQUIRED"_key);
    describe(*input, field);
  }

  // The hint and the error of a field, tied to it by aria-describedby (and aria-invalid).
  void describe(Dict& dict, const Field& field) const {
    std::string described;
    if (!field.hint.empty()) {
      dict.SetValueAndShowSection("TEXT"_key, field.hint, "HINT"_key);
      described = field.id + "-hint";
    }
    if (!field.error.empty()) {
      auto* invalid = dict.AddSectionDictionary("INVALID"_key);
      set(*invalid, "ERROR"_key, field.error);
      set(*invalid, "ERROR_PREFIX"_key, catalog_.t(locale_, "page.error_prefix"));
      described += (described.empty() ? "" : " ") + field.id + "-error";
    }
    if (!described.empty()) dict.SetValueAndShowSection("IDS"_key, described, "DESCRIBED"_key);
  }

  void form(Dict& dict, std::string_view name, const Form& form) const {
    auto& out = include(dict, name, "views/_form.tpl");
    set(out, "ACTION"_key, form.action);
    set(out, "SUBMIT"_key, form.submit);
    set(out, "CSRF"_key, form.csrf);
    if (form.secondary) out.ShowSection("SECONDARY"_key);
    for (const auto& [key, value] : form.hidden) {
      auto* hidden = out.AddSectionDictionary("HIDDEN"_key);
      set(*hidden, "NAME"_key, key);
      set(*hidden, "VALUE"_key, value);
    }
    for (const auto& each : form.fields) field(out, each);
    if (!form.note.empty()) {
      auto* note = out.AddSectionDictionary("NOTE"_key);
      for (const auto& piece : form.note) {
        auto* part = note->AddSectionDictionary("PIECE"_key);
        if (piece.url.empty()) {
          set(*part->AddSectionDictionary("PLAIN"_key), "TEXT"_key, piece.text);
        } else {
          auto* link = part->AddSectionDictionary("LINKED"_key);
          set(*link, "URL"_key, piece.url);
          set(*link, "TEXT"_key, piece.text);
        }
      }
    }
  }

  void messages(Dict& dict, const Page& page) const {
    auto& out = include(dict, "MESSAGES"_key, "views/_messages.tpl");
    if (!page.notice.empty()) out.SetValueAndShowSection("TEXT"_key, page.notice, "NOTICE"_key);
    if (page.errors.empty()) return;
    auto* errors = out.AddSectionDictionary("ERRORS"_key);
    set(*errors, "TITLE"_key, catalog_.t(locale_, "page.errors_title"));
    for (const auto& error : page.errors) {
      auto* item = errors->AddSectionDictionary("ERROR"_key);
      auto* kind = item->AddSectionDictionary(error.field.empty() ? "UNLINKED" : "LINKED");
      set(*kind, "FIELD"_key, error.field);
      set(*kind, "MESSAGE"_key, error.message);
    }
  }

  void panel(Dict& dict, const Panel& panel) const {
    auto* out = dict.AddSectionDictionary("PANEL"_key);
    if (!panel.title.empty()) {
      auto* titled = out->AddSectionDictionary("TITLED"_key);
      set(*titled, "ID"_key, panel.id);
      set(*titled, "TITLE"_key, panel.title);
    }
    for (const auto& text : panel.paragraphs)
      out->AddSectionDictionary("PARAGRAPH"_key)->SetValue("TEXT"_key, text);
    if (!panel.html.empty()) out->SetValueAndShowSection("MARKUP"_key, panel.html, "HTML"_key);
    if (!panel.codes.empty()) {
      auto* codes = out->AddSectionDictionary("CODES"_key);
      for (const auto& code : panel.codes)
        codes->AddSectionDictionary("CODE"_key)->SetValue("TEXT"_key, code);
    }
    if (!panel.facts.empty()) {
      auto* facts = out->AddSectionDictionary("FACTS"_key);
      for (const auto& [term, value] : panel.facts) {
        auto* fact = facts->AddSectionDictionary("FACT"_key);
        set(*fact, "TERM"_key, term);
        set(*fact, "VALUE"_key, value);
      }
    }
    if (panel.table) table(*out, *panel.table);
    for (const auto& item : panel.items) {
      auto* row = out->AddSectionDictionary("ITEM"_key);
      for (const auto& line : item.lines)
        row->AddSectionDictionary("LINE"_key)->SetValue("TEXT"_key, line);
      if (item.form) form(*row, "ITEM_FORM", *item.form);
    }
    if (panel.form) form(*out, "FORM", *panel.form);
    for (const auto& link : panel.links) {
      auto* row = out->AddSectionDictionary("LINK"_key);
      set(*row, "URL"_key, link.url);
      set(*row, "TEXT"_key, link.text);
    }
  }

  static void table(Dict& dict, const Table& table) {
    auto* out = dict.AddSectionDictionary("TABLE"_key);
    set(*out, "CAPTION"_key, table.caption);
    for (const auto& head : table.head)
      out->AddSectionDictionary("HEAD"_key)->SetValue("TEXT"_key, head);
    for (const auto& row : table.rows) {
      auto* tr = out->AddSectionDictionary("ROW"_key);
      for (const auto& cell : row) tr->AddSectionDictionary("CELL"_key)->SetValue("TEXT"_key, cell);
    }
  }

 private:
  static void common(Dict& dict, const Field& field) {
    set(dict, "ID"_key, field.id);
    set(dict, "NAME"_key, field.name);
    set(dict, "LABEL"_key, field.label);
  }

  const i18n::Catalog& catalog_;
  core::Locale locale_;
};

}  // namespace

std::vector<Link> linked_sentence(std::string_view text,
                                  const std::vector<std::pair<std::string, Link>>& links) {
  std::vector<Link> out;
  std::string plain;
  while (!text.empty()) {
    auto open = text.find('{');
    auto close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) break;
    auto name = text.substr(open + 1, close - open - 1);
    const Link* found = nullptr;
    for (const auto& [key, link] : links)
      if (key == name) found = &link;
    plain += text.substr(0, found ? open : close + 1);
    if (found) {
      if (!plain.empty()) out.push_back({.url = {}, .text = std::move(plain)});
      plain.clear();
      out.push_back(*found);
    }
    text.remove_prefix(close + 1);
  }
  plain += text;
  if (!plain.empty()) out.push_back({.url = {}, .text = std::move(plain)});
  return out;
}

void add_error(Page& page, std::string field, std::string message) {
  for (auto& panel : page.panels) {
    if (!panel.form) continue;
    for (auto& each : panel.form->fields)
      if (!field.empty() && each.id == field) each.error = message;
  }
  page.errors.push_back({std::move(field), std::move(message)});
}

std::string Renderer::render(const Page& page) const {
  Filler fill(catalog_, page.layout.locale);
  Dict body("page");
  set(body, "HEADING"_key, page.heading);
  fill.messages(body, page);
  for (const auto& panel : page.panels) fill.panel(body, panel);
  return views_.render("views/page.tpl", body, page.layout);
}

}  // namespace comptoir::views::page

#include "views/page_model.hpp"

#include "views/dictionary.hpp"

namespace comptoir::views::page {
namespace {

class Filler {
 public:
  Filler(const i18n::Catalog& catalog, core::Locale locale) : catalog_(catalog), locale_(locale) {}

  void field(Dict& form, const Field& field) const {
    auto& dict = include(form, "FIELD", "views/_field.tpl");
    if (field.kind == Field::Kind::select) {
      auto* select = dict.AddSectionDictionary("SELECT");
      common(*select, field);
      set(*select, "AUTOCOMPLETE", field.autocomplete);
      for (const auto& [value, text] : field.options) {
        auto* option = select->AddSectionDictionary("OPTION");
        set(*option, "VALUE", value);
        set(*option, "TEXT", text);
        if (value == field.value) option->ShowSection("SELECTED");
      }
      describe(*select, field);
      return;
    }
    if (field.kind == Field::Kind::checkbox) {
      auto* box = dict.AddSectionDictionary("CHECKBOX");
      common(*box, field);
      if (field.checked) box->ShowSection("CHECKED");
      return;
    }
    auto* input = dict.AddSectionDictionary("INPUT");
    common(*input, field);
    set(*input, "TYPE", field.type);
    // A password is never sent back into the page.
    set(*input, "VALUE", field.type == "password" ? std::string_view{} : field.value);
    set(*input, "AUTOCOMPLETE", field.autocomplete);
    if (!field.inputmode.empty())
      input->SetValueAndShowSection("MODE", field.inputmode, "INPUTMODE");
    if (field.required) input->ShowSection("REQUIRED");
    describe(*input, field);
  }

  // The hint and the error of a field, tied to it by aria-describedby (and aria-invalid).
  void describe(Dict& dict, const Field& field) const {
    std::string described;
    if (!field.hint.empty()) {
      dict.SetValueAndShowSection("TEXT", field.hint, "HINT");
      described = field.id + "-hint";
    }
    if (!field.error.empty()) {
      auto* invalid = dict.AddSectionDictionary("INVALID");
      set(*invalid, "ERROR", field.error);
      set(*invalid, "ERROR_PREFIX", catalog_.t(locale_, "page.error_prefix"));
      described += (described.empty() ? "" : " ") + field.id + "-error";
    }
    if (!described.empty()) dict.SetValueAndShowSection("IDS", described, "DESCRIBED");
  }

  void form(Dict& dict, std::string_view name, const Form& form) const {
    auto& out = include(dict, name, "views/_form.tpl");
    set(out, "ACTION", form.action);
    set(out, "SUBMIT", form.submit);
    set(out, "CSRF", form.csrf);
    if (form.secondary) out.ShowSection("SECONDARY");
    for (const auto& [key, value] : form.hidden) {
      auto* hidden = out.AddSectionDictionary("HIDDEN");
      set(*hidden, "NAME", key);
      set(*hidden, "VALUE", value);
    }
    for (const auto& each : form.fields) field(out, each);
    if (!form.note.empty()) {
      auto* note = out.AddSectionDictionary("NOTE");
      for (const auto& piece : form.note) {
        auto* part = note->AddSectionDictionary("PIECE");
        if (piece.url.empty()) {
          set(*part->AddSectionDictionary("PLAIN"), "TEXT", piece.text);
        } else {
          auto* link = part->AddSectionDictionary("LINKED");
          set(*link, "URL", piece.url);
          set(*link, "TEXT", piece.text);
        }
      }
    }
  }

  void messages(Dict& dict, const Page& page) const {
    auto& out = include(dict, "MESSAGES", "views/_messages.tpl");
    if (!page.notice.empty()) out.SetValueAndShowSection("TEXT", page.notice, "NOTICE");
    if (page.errors.empty()) return;
    auto* errors = out.AddSectionDictionary("ERRORS");
    set(*errors, "TITLE", catalog_.t(locale_, "page.errors_title"));
    for (const auto& error : page.errors) {
      auto* item = errors->AddSectionDictionary("ERROR");
      auto* kind = item->AddSectionDictionary(error.field.empty() ? "UNLINKED" : "LINKED");
      set(*kind, "FIELD", error.field);
      set(*kind, "MESSAGE", error.message);
    }
  }

  void panel(Dict& dict, const Panel& panel) const {
    auto* out = dict.AddSectionDictionary("PANEL");
    if (!panel.title.empty()) {
      auto* titled = out->AddSectionDictionary("TITLED");
      set(*titled, "ID", panel.id);
      set(*titled, "TITLE", panel.title);
    }
    for (const auto& text : panel.paragraphs)
      out->AddSectionDictionary("PARAGRAPH")->SetValue("TEXT", text);
    if (!panel.html.empty()) out->SetValueAndShowSection("MARKUP", panel.html, "HTML");
    if (!panel.codes.empty()) {
      auto* codes = out->AddSectionDictionary("CODES");
      for (const auto& code : panel.codes)
        codes->AddSectionDictionary("CODE")->SetValue("TEXT", code);
    }
    if (!panel.facts.empty()) {
      auto* facts = out->AddSectionDictionary("FACTS");
      for (const auto& [term, value] : panel.facts) {
        auto* fact = facts->AddSectionDictionary("FACT");
        set(*fact, "TERM", term);
        set(*fact, "VALUE", value);
      }
    }
    if (panel.table) table(*out, *panel.table);
    for (const auto& item : panel.items) {
      auto* row = out->AddSectionDictionary("ITEM");
      for (const auto& line : item.lines) row->AddSectionDictionary("LINE")->SetValue("TEXT", line);
      if (item.form) form(*row, "ITEM_FORM", *item.form);
    }
    if (panel.form) form(*out, "FORM", *panel.form);
    for (const auto& link : panel.links) {
      auto* row = out->AddSectionDictionary("LINK");
      set(*row, "URL", link.url);
      set(*row, "TEXT", link.text);
    }
  }

  static void table(Dict& dict, const Table& table) {
    auto* out = dict.AddSectionDictionary("TABLE");
    set(*out, "CAPTION", table.caption);
    for (const auto& head : table.head) out->AddSectionDictionary("HEAD")->SetValue("TEXT", head);
    for (const auto& row : table.rows) {
      auto* tr = out->AddSectionDictionary("ROW");
      for (const auto& cell : row) tr->AddSectionDictionary("CELL")->SetValue("TEXT", cell);
    }
  }

 private:
  static void common(Dict& dict, const Field& field) {
    set(dict, "ID", field.id);
    set(dict, "NAME", field.name);
    set(dict, "LABEL", field.label);
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
  set(body, "HEADING", page.heading);
  fill.messages(body, page);
  for (const auto& panel : page.panels) fill.panel(body, panel);
  return views_.render("views/page.tpl", body, page.layout);
}

}  // namespace comptoir::views::page

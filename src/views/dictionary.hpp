#pragma once

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_dictionary.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

// Filling ctemplate dictionaries from string_views, for every module's renderers.
namespace comptoir::views {

using Dict = ctemplate::TemplateDictionary;

// The name of a template's variable, section or include, written `"PRICE"_key`. ctemplate hashes
// a name it is given as a string at every SetValue, then looks it up in a process-wide map behind
// a lock to remember it (a quarter of the instructions of a product page's rendering); a key is
// hashed and registered once per process, at its first use, and carries its id from then on.
// Names known only at run time (a section chosen from data) still go as strings: ts(name).
class Key {
 public:
  explicit Key(const ctemplate::StaticTemplateString& name) : name_(&name) {}
  // Implicit: a key goes wherever ctemplate takes a name.
  operator ctemplate::TemplateString() const { return {*name_}; }

 private:
  const ctemplate::StaticTemplateString* name_;
};

namespace detail {

// A string literal as a template argument.
template <std::size_t N>
struct KeyName {
  consteval KeyName(const char (&name)[N]) { std::copy_n(name, N, text); }
  char text[N]{};
};

struct RegisteredKey {
  RegisteredKey(const char* text, std::size_t size) : name{{text, size, 0}} {
    // Computes the id into `name` and adds it to ctemplate's map from ids to names.
    const ctemplate::StaticTemplateStringInitializer registration(&name);
  }
  ctemplate::StaticTemplateString name;
};

template <KeyName Name>
Key key_named() {
  static const RegisteredKey key(Name.text, sizeof(Name.text) - 1);
  return Key(key.name);
}

}  // namespace detail

namespace literals {
template <detail::KeyName Name>
Key operator""_key() {
  return detail::key_named<Name>();
}
}  // namespace literals

// A view of `text` for ctemplate; the dictionary copies values it is given through SetValue.
inline ctemplate::TemplateString ts(std::string_view text) {
  return {text.data(), text.size()};
}

inline void set(Dict& dict, std::string_view name, std::string_view value) {
  dict.SetValue(ts(name), ts(value));
}
inline void set(Dict& dict, Key name, std::string_view value) {
  dict.SetValue(name, ts(value));
}

// Shows `section` with `value` in its `variable` when `value` is not empty, like ctemplate's
// SetValueAndShowSection but without a dictionary of the section's own: the variable is set where
// the section is, and the section finds it there. A section dictionary costs an allocation and a
// debug name formatted with snprintf (most of a ShowSection). Only for a variable that appears
// nowhere else in the template.
inline void show_with(Dict& dict, Key variable, std::string_view value, Key section) {
  if (value.empty()) return;
  dict.SetValue(variable, ts(value));
  dict.ShowSection(section);
}

// The dictionary of the partial template `file` placed at {{>name}}.
inline Dict& include(Dict& dict, std::string_view name, std::string_view file) {
  auto* included = dict.AddIncludeDictionary(ts(name));
  included->SetFilename(ts(file));
  return *included;
}
inline Dict& include(Dict& dict, Key name, std::string_view file) {
  auto* included = dict.AddIncludeDictionary(name);
  included->SetFilename(ts(file));
  return *included;
}

}  // namespace comptoir::views

#pragma once

// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_dictionary.h>

#include <string_view>

// Filling ctemplate dictionaries from string_views, for every module's renderers.
namespace comptoir::views {

using Dict = ctemplate::TemplateDictionary;

// A view of `text` for ctemplate; the dictionary copies values it is given through SetValue.
inline ctemplate::TemplateString ts(std::string_view text) {
  return {text.data(), text.size()};
}

inline void set(Dict& dict, std::string_view name, std::string_view value) {
  dict.SetValue(ts(name), ts(value));
}

// The dictionary of the partial template `file` placed at {{>name}}.
inline Dict& include(Dict& dict, std::string_view name, std::string_view file) {
  auto* included = dict.AddIncludeDictionary(ts(name));
  included->SetFilename(ts(file));
  return *included;
}

}  // namespace comptoir::views

// CatalogApi: /api/openapi.json (the OpenAPI 3.1 file of the data dir, served as is) and
// /api/docs (a page rendered from it once at start: no script, so the CSP holds).
// ctemplate's str_ref.h uses strlen without including <cstring>.
#include <cstring>

#include <ctemplate/template_dictionary.h>
#include <fmt/format.h>
#include <boost/json/parse.hpp>

#include <array>
#include <stdexcept>

#include "catalog/catalog_api.hpp"
#include "core/files.hpp"
#include "views/dictionary.hpp"
#include "views/views.hpp"

namespace comptoir::catalog {

using namespace views::literals;
namespace {

namespace json = boost::json;

constexpr std::array kMethods{"get", "post", "put", "patch", "delete"};

std::string read_document(const std::filesystem::path& path) {
  auto content = core::read_file(path);
  if (!content)
    throw std::runtime_error(fmt::format("OpenAPI document {} not found", path.string()));
  return std::move(*content);
}

std::string_view string_at(const json::object& object, std::string_view key) {
  auto* value = object.if_contains(key);
  return value && value->is_string() ? std::string_view(value->get_string()) : std::string_view{};
}

const json::object* object_at(const json::object& object, std::string_view key) {
  auto* value = object.if_contains(key);
  return value && value->is_object() ? &value->get_object() : nullptr;
}

// "#/components/schemas/Product" → "Product".
std::string_view ref_name(std::string_view ref) {
  auto slash = ref.rfind('/');
  return slash == std::string_view::npos ? ref : ref.substr(slash + 1);
}

std::string anchor(std::string_view method, std::string_view path) {
  std::string out(method);
  for (char c : path) {
    bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (word)
      out += c;
    else if (out.back() != '-')
      out += '-';
  }
  while (out.back() == '-') out.pop_back();
  return out;
}

// A parameter, or a $ref to one under components/parameters.
const json::object* resolve(const json::object& spec, const json::value& item) {
  if (!item.is_object()) return nullptr;
  const auto& object = item.get_object();
  auto ref = string_at(object, "$ref");
  if (ref.empty()) return &object;
  auto* components = object_at(spec, "components");
  auto* parameters = components ? object_at(*components, "parameters") : nullptr;
  return parameters ? object_at(*parameters, ref_name(ref)) : nullptr;
}

std::string type_of(const json::object& schema) {
  if (auto ref = string_at(schema, "$ref"); !ref.empty()) return std::string(ref_name(ref));
  if (auto* type = schema.if_contains("type")) {
    if (type->is_string()) {
      std::string text(type->get_string());
      if (text == "array")
        if (auto* items = object_at(schema, "items")) return "array of " + type_of(*items);
      return text;
    }
    if (type->is_array()) {
      std::string out;
      for (const auto& each : type->get_array())
        if (each.is_string()) out += (out.empty() ? "" : " or ") + std::string(each.get_string());
      return out;
    }
  }
  if (auto* any = schema.if_contains("oneOf"); any && any->is_array()) {
    std::string out;
    for (const auto& each : any->get_array())
      if (each.is_object()) out += (out.empty() ? "" : " or ") + type_of(each.get_object());
    return out;
  }
  return "object";
}

void add_operation(ctemplate::TemplateDictionary& body, const json::object& spec,
                   std::string_view path, std::string_view method, const json::object& op) {
  auto id = anchor(method, path);
  std::string upper(method);
  for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');

  auto* index = body.AddSectionDictionary("OPERATION_INDEX"_key);
  index->SetValue("ANCHOR"_key, id);
  index->SetValue("METHOD"_key, upper);
  index->SetValue("PATH"_key, std::string(path));

  auto* item = body.AddSectionDictionary("OPERATION"_key);
  item->SetValue("ANCHOR"_key, id);
  item->SetValue("METHOD"_key, upper);
  item->SetValue("PATH"_key, std::string(path));
  item->SetValue("SUMMARY"_key, std::string(string_at(op, "summary")));
  if (auto text = string_at(op, "description"); !text.empty())
    item->AddSectionDictionary("DESCRIPTION_SECTION"_key)
        ->SetValue("DESCRIPTION"_key, std::string(text));
  if (auto* security = op.if_contains("security");
      security && security->is_array() && !security->get_array().empty())
    item->AddSectionDictionary("AUTH"_key)
        ->SetValue("SCOPES"_key, "Bearer API token with the catalog:write scope");
  if (auto* parameters = op.if_contains("parameters");
      parameters && parameters->is_array() && !parameters->get_array().empty()) {
    auto* table = item->AddSectionDictionary("PARAMETERS"_key);
    table->SetValue("ANCHOR"_key, id);
    for (const auto& entry : parameters->get_array()) {
      const json::object* parameter = resolve(spec, entry);
      if (!parameter) continue;
      auto* row = table->AddSectionDictionary("PARAMETER"_key);
      row->SetValue("NAME"_key, std::string(string_at(*parameter, "name")));
      row->SetValue("IN"_key, std::string(string_at(*parameter, "in")));
      auto* required = parameter->if_contains("required");
      row->SetValue("REQUIRED"_key,
                    required && required->is_bool() && required->get_bool() ? "yes" : "no");
      row->SetValue("DESCRIPTION"_key, std::string(string_at(*parameter, "description")));
    }
  }
  if (auto* request = object_at(op, "requestBody")) {
    if (auto* content = object_at(*request, "content")) {
      for (const auto& [type, media] : *content) {  // one line per media type taken
        auto* section = item->AddSectionDictionary("REQUEST_BODY"_key);
        section->SetValue("CONTENT_TYPE"_key, std::string(type));
        std::string schema = "object";
        if (media.is_object())
          if (auto* s = object_at(media.get_object(), "schema")) schema = type_of(*s);
        section->SetValue("SCHEMA"_key, schema);
      }
    }
  }
  if (auto* responses = object_at(op, "responses")) {
    auto* table = item->AddSectionDictionary("RESPONSES"_key);
    table->SetValue("ANCHOR"_key, id);
    for (const auto& [status, response] : *responses) {
      auto* row = table->AddSectionDictionary("RESPONSE"_key);
      row->SetValue("STATUS"_key, std::string(status));
      std::string description;
      if (response.is_object()) {
        description = std::string(string_at(response.get_object(), "description"));
        if (auto ref = string_at(response.get_object(), "$ref"); !ref.empty()) {
          auto* components = object_at(spec, "components");
          auto* shared = components ? object_at(*components, "responses") : nullptr;
          auto* target = shared ? object_at(*shared, ref_name(ref)) : nullptr;
          if (target) description = std::string(string_at(*target, "description"));
        }
      }
      row->SetValue("DESCRIPTION"_key, description);
    }
  }
}

void add_schemas(ctemplate::TemplateDictionary& body, const json::object& spec) {
  auto* components = object_at(spec, "components");
  auto* schemas = components ? object_at(*components, "schemas") : nullptr;
  if (!schemas) return;
  for (const auto& [name, value] : *schemas) {
    if (!value.is_object()) continue;
    const auto& schema = value.get_object();
    auto* section = body.AddSectionDictionary("SCHEMA"_key);
    section->SetValue("NAME"_key, std::string(name));
    section->SetValue("DESCRIPTION"_key, std::string(string_at(schema, "description")));
    auto* properties = object_at(schema, "properties");
    if (!properties) continue;
    std::vector<std::string_view> required;
    if (auto* list = schema.if_contains("required"); list && list->is_array())
      for (const auto& each : list->get_array())
        if (each.is_string()) required.push_back(each.get_string());
    auto* table = section->AddSectionDictionary("PROPERTIES"_key);
    table->SetValue("NAME"_key, std::string(name));
    for (const auto& [property, definition] : *properties) {
      auto* row = table->AddSectionDictionary("PROPERTY"_key);
      row->SetValue("NAME"_key, std::string(property));
      bool is_required = std::ranges::find(required, std::string_view(property)) != required.end();
      row->SetValue("REQUIRED"_key, is_required ? "yes" : "no");
      if (definition.is_object()) {
        row->SetValue("TYPE"_key, type_of(definition.get_object()));
        row->SetValue("DESCRIPTION"_key,
                      std::string(string_at(definition.get_object(), "description")));
      }
    }
  }
}

}  // namespace

CatalogApi::CatalogApi(CatalogApiDeps deps) : deps_(std::move(deps)) {
  openapi_json_ = read_document(deps_.openapi_file);
  boost::system::error_code ec;
  auto spec = json::parse(openapi_json_, ec);
  if (ec || !spec.is_object() || !string_at(spec.get_object(), "openapi").starts_with("3.1"))
    throw std::runtime_error(
        fmt::format("{} is not an OpenAPI 3.1 JSON document", deps_.openapi_file.string()));
  openapi_etag_ = api::body_etag(openapi_json_);

  const auto& root = spec.get_object();
  ctemplate::TemplateDictionary body("api_docs");
  const json::object* info = object_at(root, "info");
  body.SetValue("TITLE"_key, info ? std::string(string_at(*info, "title")) : "API");
  body.SetValue("VERSION"_key, info ? std::string(string_at(*info, "version")) : "");
  body.SetValue("DESCRIPTION"_key, info ? std::string(string_at(*info, "description")) : "");
  if (auto* paths = object_at(root, "paths"))
    for (const auto& [path, item] : *paths)
      if (item.is_object())
        for (const char* method : kMethods)
          if (auto* op = object_at(item.get_object(), method))
            add_operation(body, root, path, method, *op);
  add_schemas(body, root);
  docs_html_ = deps_.views.render(
      "api_docs.tpl", body,
      {.locale = Locale::en,
       .title = "API documentation",
       .description = "The Comptoir JSON API: endpoints, parameters, schemas and errors.",
       .status = 200});
}

void CatalogApi::add_docs_routes(http::Router& router) {
  router.get("/api/openapi.json", [this](http::Context& ctx) -> net::awaitable<http::Response> {
    http::Response res{http::Status::ok, 11};
    if (api::none_match(ctx.header(http::Field::if_none_match), openapi_etag_))
      res.result(http::Status::not_modified);
    else
      res = http::text(http::Status::ok, openapi_json_, "application/json");
    res.set(http::Field::etag, openapi_etag_);
    res.set(http::Field::cache_control, "public, max-age=300");
    co_return res;
  });
  router.get("/api/docs", [this](http::Context&) -> net::awaitable<http::Response> {
    auto res = http::html(http::Status::ok, docs_html_);
    res.set(http::Field::cache_control, "public, max-age=300");
    co_return res;
  });
}

}  // namespace comptoir::catalog

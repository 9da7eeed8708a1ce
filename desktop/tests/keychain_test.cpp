// Where comptoir-suppliers keeps the shops' secrets: the system keychain through QtKeychain, a real
// GNOME Keyring on a private D-Bus session (desktop/tests/with-keychain starts both in a throwaway
// home: the user's own keychain is never touched), and the files as the fallback, said so.
#include <QApplication>
#include <QLabel>
#include <QStatusBar>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <string>

#include "desktop/keychain.hpp"
#include "desktop/main_window.hpp"
#include "desktop/shop_book.hpp"
#include "desktop/tests/fixture.hpp"
#include "desktop/translations.hpp"

namespace comptoir::desktop {
namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The "keychain" name the shops file gives shop `id`.
std::string keychain_name(const fs::path& file) {
  auto text = read_text(file);
  auto at = text.find("\"keychain\":\"");
  if (at == std::string::npos) return {};
  at += 12;
  return text.substr(at, text.find('"', at) - at);
}

class KeychainTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // NOLINTNEXTLINE(readability-identifier-naming): the names Qt Test calls
  void init() {
    dir_ = fs::temp_directory_path() / ("comptoir-keychain-" + core::random_hex(6));
    fs::create_directories(dir_);
  }
  void cleanup() { fs::remove_all(dir_); }

  void a_shop_added_keeps_its_secrets_in_the_keychain_only() {
    SystemKeychain keychain;
    QVERIFY2(keychain.available(), keychain.unavailable_reason().c_str());
    const auto file = dir_ / "comptoir-shops.json";
    auto book = ShopBook::open(file, &keychain);
    QVERIFY(book.has_value());
    QVERIFY(book->keeps_secrets_in_keychain());
    auto added = book->add(shop("atelier", "Atelier", "#2a6f97", "postgres://u:p4ss@db/atelier"));
    QVERIFY2(added.has_value(), added ? "" : added.error().c_str());

    // Neither the shops file nor its folder holds a secret; the file names the keychain's entry.
    auto text = read_text(file);
    QVERIFY(text.find("p4ss") == std::string::npos);
    QVERIFY(text.find("database_url") == std::string::npos);
    auto name = keychain_name(file);
    QVERIFY(name.starts_with("atelier-"));
    QVERIFY(!fs::exists(dir_ / "atelier.database-url"));
    QVERIFY(!fs::exists(dir_ / "atelier.keys"));

    // The keychain holds them: another keychain object (as the next start of the app) reads them,
    // and the book opened again gives the shop its secrets.
    SystemKeychain next_start;
    auto stored = next_start.read(name);
    QVERIFY2(stored.has_value(), stored ? "" : stored.error().c_str());
    QCOMPARE(stored->database_url, std::string("postgres://u:p4ss@db/atelier"));
    QCOMPARE(stored->secret_keys, new_keys());
    auto again = ShopBook::open(file, &next_start);
    QVERIFY2(again.has_value(), again ? "" : again.error().c_str());
    QCOMPARE(again->shops().front().database_url, std::string("postgres://u:p4ss@db/atelier"));
    QCOMPARE(again->shops().front().secret_keys.active().id, std::string("k1"));

    // The headless engine reads no keychain, and says so.
    auto headless = suppliers::load_shops(file);
    QVERIFY(!headless.has_value());
    QVERIFY(headless.error().find("system keychain") != std::string::npos);
  }

  void an_edit_keeps_or_replaces_the_secrets_and_a_removal_deletes_them() {
    SystemKeychain keychain;
    const auto file = dir_ / "comptoir-shops.json";
    auto book = ShopBook::open(file, &keychain);
    QVERIFY(book->add(shop("atelier", "Atelier", "#2a6f97", "postgres://first@db/atelier")));
    auto name = keychain_name(file);
    // Name and colour only: the secrets stay as they are.
    QVERIFY(book->update("atelier", {.id = "atelier", .name = "L'Atelier", .color = "#aa3300"}));
    QCOMPARE(keychain_name(file), name);
    QCOMPARE(keychain.read(name)->database_url, std::string("postgres://first@db/atelier"));
    // A new database URL alone: the keys are kept beside it, under the same name.
    QVERIFY(book->update("atelier", {.id = "atelier",
                                     .name = "L'Atelier",
                                     .color = "#aa3300",
                                     .database_url = "postgres://second@db/atelier"}));
    QCOMPARE(keychain_name(file), name);
    QCOMPARE(keychain.read(name)->database_url, std::string("postgres://second@db/atelier"));
    QCOMPARE(keychain.read(name)->secret_keys, new_keys());
    // A refusal (bad keys) writes nothing.
    auto bad = book->update(
        "atelier", {.id = "atelier", .name = "x", .color = "#aa3300", .secret_keys = "k1:short"});
    QVERIFY(!bad.has_value());
    QCOMPARE(keychain.read(name)->secret_keys, new_keys());
    QVERIFY(read_text(file).find("L'Atelier") != std::string::npos);
    // Removed: its keychain entry goes too.
    QVERIFY(book->remove("atelier"));
    auto gone = keychain.read(name);
    QVERIFY(!gone.has_value());
    QVERIFY(gone.error().find("no entry") != std::string::npos);
  }

  void a_shop_kept_in_files_moves_to_the_keychain_when_a_secret_is_typed_again() {
    const auto file = dir_ / "comptoir-shops.json";
    {
      auto files_only = ShopBook::open(file);  // as an app without a keychain left it
      QVERIFY(files_only->add(shop("atelier", "Atelier", "#2a6f97", "postgres://f@db/a")));
      QVERIFY(fs::exists(dir_ / "atelier.database-url"));
    }
    SystemKeychain keychain;
    auto book = ShopBook::open(file, &keychain);
    QVERIFY2(book.has_value(), book ? "" : book.error().c_str());
    // An edit of the name only leaves the files where they are.
    QVERIFY(book->update("atelier", {.id = "atelier", .name = "A", .color = "#2a6f97"}));
    QVERIFY(fs::exists(dir_ / "atelier.keys"));
    // New keys typed: both secrets go to the keychain (the URL read from its file), the files go.
    auto keys = "k2:" + std::string(42, 'B') + "A=";
    auto moved = book->update(
        "atelier", {.id = "atelier", .name = "A", .color = "#2a6f97", .secret_keys = keys});
    QVERIFY2(moved.has_value(), moved ? "" : moved.error().c_str());
    auto name = keychain_name(file);
    QVERIFY(!name.empty());
    QCOMPARE(keychain.read(name)->database_url, std::string("postgres://f@db/a"));
    QCOMPARE(keychain.read(name)->secret_keys, keys);
    QVERIFY(!fs::exists(dir_ / "atelier.database-url"));
    QVERIFY(!fs::exists(dir_ / "atelier.keys"));
    QVERIFY(read_text(file).find("_file") == std::string::npos);
    QVERIFY(book->remove("atelier"));
  }

  void the_window_says_where_the_secrets_are() {
    SystemKeychain keychain;
    Translations translations;
    translations.use(QStringLiteral("en"));
    auto book = ShopBook::open(dir_ / "comptoir-shops.json", &keychain);
    MainWindow window(std::move(*book), nullptr, translations);
    auto* note = window.statusBar()->findChild<QLabel*>();
    QVERIFY(note != nullptr);
    QVERIFY2(note->text().contains(QStringLiteral("secrets in the system keychain")),
             qPrintable(note->text()));
  }

 private:
  fs::path dir_;
};

}  // namespace
}  // namespace comptoir::desktop

QTEST_MAIN(comptoir::desktop::KeychainTest)
#include "keychain_test.moc"

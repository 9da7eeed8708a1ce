# The .deb packages (CPack, `cpack -G DEB` in a build folder; docs/deploy.md):
#   comptoir             the server: /usr/bin/comptoir, its data files in /usr/share/comptoir, the
#                        systemd unit, /etc/comptoir/comptoir.env (mode 0640, group comptoir), and a
#                        postinst that creates the `comptoir` system user and its folders;
#   comptoir-suppliers   the desktop supplier manager (desktop/CMakeLists.txt installs it), when
#                        COMPTOIR_BUILD_DESKTOP is on.
# The `deb` preset (CMakePresets.json) builds the server's package with the binary looking in
# /usr/share/comptoir by default (COMPTOIR_DEFAULT_DATA_DIR); the unit sets COMPTOIR_DATA_DIR
# anyway, so a package made from another tree works too. Dependencies come from what the
# binaries link (dpkg-shlibdeps), so no runtime library can be forgotten.
include(GNUInstallDirs)

install(TARGETS comptoir RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# What the binary reads from COMPTOIR_DATA_DIR: migrations, views, messages, assets, the OpenAPI
# document, the common passwords, and the seeds of `comptoir seed`.
install(DIRECTORY migrations templates locales static api data seeds
        DESTINATION ${CMAKE_INSTALL_DATADIR}/comptoir COMPONENT server)
install(FILES deploy/comptoir.service DESTINATION lib/systemd/system COMPONENT server)
install(FILES deploy/nginx.conf DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/comptoir/examples
        COMPONENT server)
install(FILES docs/deploy.md docs/operations.md README.md CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/comptoir COMPONENT server)
# Absolute: configuration lives in /etc whatever the prefix. Secrets go in it: 0640, and the
# postinst gives it to the group comptoir (which does not exist when the package is built).
install(FILES deploy/comptoir.env DESTINATION /etc/comptoir COMPONENT server
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)

set(CPACK_PACKAGE_NAME comptoir)
set(CPACK_PACKAGE_VENDOR Comptoir)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Comptoir <dev@comptoir.example>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)

set(CPACK_COMPONENTS_ALL server)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME comptoir)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION web)
# Each package's description: its summary line, then the text (no global summary: CPack would put
# it first in both packages).
set(CPACK_DEBIAN_SERVER_DESCRIPTION "Comptoir, a bilingual (fr/en) e-commerce server
Storefront, JSON API, payment webhooks and background jobs in one binary, with PostgreSQL as the single source of truth. Run it with the comptoir.service unit after filling in /etc/comptoir/comptoir.env (see /usr/share/doc/comptoir/deploy.md).")
# adduser: the postinst creates the system user. pg_dump of PostgreSQL 15 or newer makes the
# backups (`comptoir backup`, COMPTOIR_BACKUP_SCHEDULE); the database itself may be elsewhere.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "postgresql-client-15 | postgresql-client")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql-15, nginx")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/deploy/debian/postinst ${CMAKE_SOURCE_DIR}/deploy/debian/prerm
    ${CMAKE_SOURCE_DIR}/deploy/debian/postrm ${CMAKE_SOURCE_DIR}/deploy/debian/conffiles)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

if(COMPTOIR_BUILD_DESKTOP)
  list(APPEND CPACK_COMPONENTS_ALL desktop)
  set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME comptoir-suppliers)
  set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION misc)
  set(CPACK_DEBIAN_DESKTOP_DESCRIPTION "Comptoir's supplier manager for several shops (Qt 6)
The desktop app of Comptoir's supplier engine: shops, suppliers, sync, mapping and a consolidated dashboard.")
  # QtKeychain opens libsecret at run time to reach the desktop's keychain (else: files, said so).
  set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS "libsecret-1-0")
endif()
include(CPack)

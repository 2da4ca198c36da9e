# Installation and packaging: the library with its CMake package (gongwenConfig.cmake +
# gongwenConfigVersion.cmake, target gongwen::gongwen) and gongwen.pc, the headers, the CLI, the
# fonts and font map (share/gongwen, found by the library relative to itself), docs and the man
# page, the Python module; `cpack -G DEB` makes gongwen_<version>_amd64.deb of all of it.
include(CMakePackageConfigHelpers)

set(GONGWEN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/gongwen)

install(TARGETS gongwen EXPORT gongwenTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/gongwen DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS gongwen_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT gongwenTargets NAMESPACE gongwen:: DESTINATION ${GONGWEN_CMAKE_DIR})
export(EXPORT gongwenTargets NAMESPACE gongwen:: FILE ${CMAKE_BINARY_DIR}/gongwenTargets.cmake)

# A static library's dependencies must be found again by the consumer; a shared one's never are.
set(GONGWEN_CONFIG_STATIC_DEPS "")
if(NOT GONGWEN_SHARED)
  set(GONGWEN_CONFIG_STATIC_DEPS "find_dependency(PkgConfig)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz harfbuzz-subset)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
find_dependency(ZLIB)
")
endif()
configure_package_config_file(cmake/gongwenConfig.cmake.in ${CMAKE_BINARY_DIR}/gongwenConfig.cmake
  INSTALL_DESTINATION ${GONGWEN_CMAKE_DIR})
# 0.x: a minor version may change the API, so only the same minor is compatible.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/gongwenConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/gongwenConfig.cmake ${CMAKE_BINARY_DIR}/gongwenConfigVersion.cmake
  DESTINATION ${GONGWEN_CMAKE_DIR})

# gongwen.pc, relocatable: prefix from the .pc file's own folder.
file(RELATIVE_PATH GONGWEN_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
if(GONGWEN_SHARED)
  set(GONGWEN_PC_PRIVATE "")
else()
  set(GONGWEN_PC_PRIVATE "Requires.private: harfbuzz harfbuzz-subset freetype2 libpodofo xlsxwriter icu-uc icu-i18n tomlplusplus libdeflate libzip expat zlib")
endif()
configure_file(cmake/gongwen.pc.in ${CMAKE_BINARY_DIR}/gongwen.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/gongwen.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The fonts and the font map: the library looks for share/gongwen/fonts.toml beside itself.
install(DIRECTORY fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/gongwen)
install(DIRECTORY layouts DESTINATION ${CMAKE_INSTALL_DATADIR}/gongwen)
install(DIRECTORY examples DESTINATION ${CMAKE_INSTALL_DATADIR}/gongwen)

# Docs and the man page (gzipped, as Debian wants them).
set(GONGWEN_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/gongwen)
install(FILES README.md DESTINATION ${GONGWEN_DOC_DIR})
install(DIRECTORY docs/ DESTINATION ${GONGWEN_DOC_DIR} FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
install(FILES packaging/copyright DESTINATION ${GONGWEN_DOC_DIR})
find_program(GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/gongwen.1.gz ${CMAKE_BINARY_DIR}/changelog.gz
  COMMAND ${GZIP} -9n -c ${CMAKE_CURRENT_SOURCE_DIR}/docs/gongwen.1 > ${CMAKE_BINARY_DIR}/gongwen.1.gz
  COMMAND ${GZIP} -9n -c ${CMAKE_CURRENT_SOURCE_DIR}/packaging/changelog > ${CMAKE_BINARY_DIR}/changelog.gz
  DEPENDS docs/gongwen.1 packaging/changelog)
add_custom_target(gongwen_man ALL DEPENDS ${CMAKE_BINARY_DIR}/gongwen.1.gz ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/gongwen.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${GONGWEN_DOC_DIR})

# The Python module (ctypes over the C API), for Debian's python3.
if(GONGWEN_PYTHON)
  set(GONGWEN_PYTHON_DIR "lib/python3/dist-packages" CACHE STRING "Where the Python module goes, under the prefix")
  install(DIRECTORY python/gongwen DESTINATION ${GONGWEN_PYTHON_DIR} PATTERN "__pycache__" EXCLUDE)
endif()

# The Debian package: cpack -G DEB in the build folder.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gongwen)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "gongwen")
set(CPACK_PACKAGE_CONTACT "gongwen maintainers <gongwen@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "official Chinese documents (PDF, XLSX) from data and a layout")
set(CPACK_PACKAGE_DESCRIPTION "gongwen typesets official-format Chinese documents from records
(JSON, JSON Lines, CSV, XLSX) and a TOML layout, with Chinese line breaking and
justification, and writes PDF and XLSX. The package holds the gongwen command,
the library with its C++ and C headers, the Python module, the Fandol fonts and
the font map, the layouts and examples, and the documentation.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# shlibs and the ldconfig trigger written here: CPack's own (GENERATE_SHLIBS) calls ldconfig from
# postinst/postrm, which lintian refuses (lacks-ldconfig-trigger).
configure_file(packaging/shlibs.in ${CMAKE_BINARY_DIR}/packaging/shlibs @ONLY)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_BINARY_DIR}/packaging/shlibs ${CMAKE_CURRENT_SOURCE_DIR}/packaging/triggers)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "python3, nlohmann-json3-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/gongwen")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build" "/\\\\.git")
include(CPack)

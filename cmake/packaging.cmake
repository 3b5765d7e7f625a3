# Installation extras and the Debian package (CPack DEB).
# Included at the end of the top-level CMakeLists.txt, after
# `install(TARGETS drlint RUNTIME DESTINATION bin)`.
#
#   cmake --build build && (cd build && cpack -G DEB)   # -> drlint_<version>_<arch>.deb
#   sudo apt install ./build/drlint_0.1.0_amd64.deb
#
# The package's Depends are the Debian 12 runtime packages of what the binary
# links dynamically: the C library (yaml-cpp, RE2 and the C++ runtime are
# linked in, DRLINT_STATIC_DEPS; without it also libyaml-cpp0.7, libre2-9
# and the C++ runtime). Building the .deb on another release:
# pass -DDRLINT_DEB_SHLIBDEPS=ON (needs dpkg-dev) to compute them with
# dpkg-shlibdeps, or set DRLINT_DEB_DEPENDS. tests/packaging_test.cc checks
# that every shared library the binary needs belongs to a listed package.

include(GNUInstallDirs)

# ---------------------------------------------------------------------------
# Man page: docs/man/drlint.1, installed gzipped (Debian policy 12.1). It is
# compressed at install time, so `cmake --install` and cpack need no extra
# build step.
# ---------------------------------------------------------------------------
set(DRLINT_MAN_SOURCE "${PROJECT_SOURCE_DIR}/docs/man/drlint.1")
set(DRLINT_MAN_GZ "${PROJECT_BINARY_DIR}/man/drlint.1.gz")
find_program(DRLINT_GZIP gzip)
if(DRLINT_GZIP)
  install(CODE "
    file(MAKE_DIRECTORY \"${PROJECT_BINARY_DIR}/man\")
    execute_process(COMMAND \"${DRLINT_GZIP}\" -9 -n -c \"${DRLINT_MAN_SOURCE}\"
                    OUTPUT_FILE \"${DRLINT_MAN_GZ}\" RESULT_VARIABLE drlint_gzip_status)
    if(NOT drlint_gzip_status EQUAL 0)
      message(FATAL_ERROR \"gzip of ${DRLINT_MAN_SOURCE} failed: \${drlint_gzip_status}\")
    endif()")
  install(FILES "${DRLINT_MAN_GZ}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
else()
  install(FILES "${DRLINT_MAN_SOURCE}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endif()

install(FILES "${PROJECT_SOURCE_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

# ---------------------------------------------------------------------------
# CPack: a binary .deb (cpack -G DEB). No source package: the grammar
# sources come from npm at build time and are never redistributed by us.
# ---------------------------------------------------------------------------
set(DRLINT_DEB_MAINTAINER "drlint maintainers <drlint-maintainers@example.invalid>"
    CACHE STRING "Maintainer field of the .deb (Name <email>)")
# With DRLINT_STATIC_DEPS (the default) the binary needs only the C library.
if(drlint_static_deps)
  set(drlint_deb_depends_default "libc6 (>= 2.36)")
else()
  set(drlint_deb_depends_default "libc6 (>= 2.36), libgcc-s1 (>= 3.0), libstdc++6 (>= 12), libyaml-cpp0.7, libre2-9")
endif()
set(DRLINT_DEB_DEPENDS "${drlint_deb_depends_default}"
    CACHE STRING "Depends field of the .deb (Debian 12 package names)")
option(DRLINT_DEB_SHLIBDEPS "Compute the .deb's Depends with dpkg-shlibdeps instead of DRLINT_DEB_DEPENDS" OFF)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "drlint")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "drlint")
set(CPACK_PACKAGE_CONTACT "${DRLINT_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "static analyzer for AKS disaster recovery (Terraform, Kubernetes, Velero)")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_SOURCE_GENERATOR "")

set(CPACK_DEBIAN_PACKAGE_NAME "drlint")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)          # drlint_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${DRLINT_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The long description (CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the
# Description: line and indents this below it).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "drlint reads a repository's Terraform (azurerm), Kubernetes manifests,
Velero Helm values and Azure Backup for AKS resources, joins them into one
graph and reports what would break a restore before the change is merged:
backups in the cluster's region, zone-locked disks, CRDs left out of
backups, unprotected secret stores, schedules that cannot meet the declared
RPO. Output: text, SARIF 2.1.0, JSON and GitLab Code Quality.")
if(DRLINT_DEB_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${DRLINT_DEB_DEPENDS}")
endif()

include(CPack)

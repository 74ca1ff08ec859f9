// The translation unit that makes the tests' precompiled header (tests/CMakeLists.txt,
// sme_test_pch): the header is all there is to it.
// SPDX-License-Identifier: GPL-3.0-or-later

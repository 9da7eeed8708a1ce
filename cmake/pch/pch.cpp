// The translation unit that builds a precompiled header (CMakeLists.txt, "Precompiled headers").

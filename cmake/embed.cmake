# Turns INPUT into a C++ source defining `std::string_view crossroads::embedded::SYMBOL`.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace crossroads::embedded {\n"
  "static const unsigned char ${SYMBOL}_data[] = {${bytes} 0};\n"
  "extern const std::string_view ${SYMBOL}(reinterpret_cast<const char*>(${SYMBOL}_data), ${size});\n"
  "}\n")

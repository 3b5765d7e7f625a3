// Messages that quote scanned text (parser errors, configuration errors)
// must stay on one line and must not carry terminal control sequences.
#pragma once

#include <string>
#include <string_view>

namespace drlint {

// `text` with line breaks and tabs written as \n, \r, \t and every other
// control character (C0 and DEL) as \xNN; all other bytes unchanged.
std::string escape_control_chars(std::string_view text);

}  // namespace drlint

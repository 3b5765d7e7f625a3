// Reads a whole regular file with open/read (no stream buffering): the scan
// reads every file of a repository once, and reports read some again.
#pragma once

#include <cstddef>
#include <string>

namespace drlint {

// The file's bytes in `out`; false with a message for the user in `err`
// when it cannot be opened or read, is not a regular file, or is larger
// than `max_bytes`.
bool read_file(const std::string& path, std::size_t max_bytes, std::string* out, std::string* err);

}  // namespace drlint

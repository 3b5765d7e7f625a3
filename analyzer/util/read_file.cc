#include "analyzer/util/read_file.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drlint {

bool read_file(const std::string& path, std::size_t max_bytes, std::string* out, std::string* err) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = std::string("could not read the file: ") + std::strerror(errno);
    return false;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    *err = "could not read the file";
    return false;
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    *err = "file is " + std::to_string(st.st_size) + " bytes, over the " + std::to_string(max_bytes) +
           "-byte limit; not scanned";
    return false;
  }
  out->resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < out->size()) {
    ssize_t r = ::read(fd, out->data() + got, out->size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  if (got != out->size()) {
    out->clear();
    *err = "could not read the file (changed or deleted during the scan?)";
    return false;
  }
  return true;
}

}  // namespace drlint

// Kubernetes YAML streamed into the linker (scan.cc): worker threads parse
// the files in order, never more than a window of source bytes ahead of the
// file being linked, and free the documents the linker hands back.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

#include "analyzer/scan/scan.h"

namespace drlint::scan {

// Loads one YAML file into result.files[id] unless it is unreadable or
// loaded already.
void load_yaml_file(Result& result, FileId id, const load::LoadLimits& limits);

// Loads YAML files on worker threads, claimed in order, never more than
// `window` bytes of source past the last file the consumer has finished
// (the next file it needs is always allowed). The consumer waits for each
// file in order; the documents it hands back are freed by the workers.
class AheadLoader {
 public:
  AheadLoader(Result& result, const std::vector<FileId>& ids, std::size_t window, unsigned jobs,
              const load::LoadLimits& limits);
  ~AheadLoader();  // joins the workers, which free what is left
  AheadLoader(const AheadLoader&) = delete;
  AheadLoader& operator=(const AheadLoader&) = delete;

  // Blocks until ids[i] is loaded.
  void wait_ready(std::size_t i);
  // ids[0..i] are linked: the window moves on; `garbage` is freed by a worker.
  void consumed(std::size_t i, std::vector<Value> garbage);

 private:
  void work();

  Result& result_;
  const std::vector<FileId>& ids_;
  const std::size_t window_;
  const load::LoadLimits& limits_;
  std::vector<std::size_t> offset_;  // offset_[i]: source bytes of ids_[0..i)
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<char> ready_;
  std::size_t next_ = 0, done_ = 0;
  std::vector<Value> garbage_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace drlint::scan

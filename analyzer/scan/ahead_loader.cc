#include "analyzer/scan/ahead_loader.h"

#include <algorithm>

namespace drlint::scan {

void load_yaml_file(Result& result, FileId id, const load::LoadLimits& limits) {
  LoadedFile& lf = result.files[id];
  if (lf.error || !lf.yaml.empty() || lf.helm_template) return;  // unreadable, or loaded already
  lf = load_file(result.sources.get(id), limits);
}

AheadLoader::AheadLoader(Result& result, const std::vector<FileId>& ids, std::size_t window, unsigned jobs,
                         const load::LoadLimits& limits)
    : result_(result), ids_(ids), window_(window), limits_(limits), ready_(ids.size(), 0) {
  offset_.reserve(ids.size() + 1);
  offset_.push_back(0);
  for (FileId id : ids) offset_.push_back(offset_.back() + result.sources.get(id).content.size());
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < jobs && t < ids.size(); ++t) workers_.emplace_back([this] { work(); });
}

AheadLoader::~AheadLoader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void AheadLoader::wait_ready(std::size_t i) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return ready_[i] != 0; });
}

void AheadLoader::consumed(std::size_t i, std::vector<Value> garbage) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = i + 1;
    for (Value& v : garbage) garbage_.push_back(std::move(v));
  }
  changed_.notify_all();
}

void AheadLoader::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (!garbage_.empty()) {
      std::vector<Value> g = std::move(garbage_);
      garbage_.clear();
      lock.unlock();
      g.clear();  // the freeing, outside the lock
      lock.lock();
      continue;
    }
    if (stop_) return;
    if (next_ < ids_.size() && (next_ == done_ || offset_[next_] <= offset_[done_] + window_)) {
      std::size_t i = next_++;
      lock.unlock();
      load_yaml_file(result_, ids_[i], limits_);
      lock.lock();
      ready_[i] = 1;
      changed_.notify_all();
      continue;
    }
    changed_.wait(lock);  // the window moves, garbage arrives, or the end
  }
}

}  // namespace drlint::scan

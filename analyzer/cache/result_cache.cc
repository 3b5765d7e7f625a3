#include "analyzer/cache/result_cache.h"

#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include "analyzer/cache/codec.h"

namespace drlint::cache {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "drlint result cache\n";
constexpr std::uint8_t kFormat = 2;  // 2: the graph in its own section

// --- program identity --------------------------------------------------------

int find_build_id(struct dl_phdr_info* info, std::size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* nh = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((nh->n_namesz + 3) & ~3u);
      const char* next = desc + ((nh->n_descsz + 3) & ~3u);
      if (next > end) break;
      if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        out->assign(desc, nh->n_descsz);
        return 1;
      }
      p = next;
    }
  }
  return 1;  // the first object is the executable: stop there
}

// `n` bytes of a file from `offset` (fewer at its end); *ok false when it
// cannot be read.
std::string read_range(const std::string& path, std::uint64_t offset, std::uint64_t n, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::string s;
  *ok = false;
  if (!in) return s;
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in) return s;
  s.resize(static_cast<std::size_t>(n));
  in.read(s.data(), static_cast<std::streamsize>(n));
  s.resize(static_cast<std::size_t>(in.gcount()));
  *ok = true;
  return s;
}

// The `size` bytes at `offset` of an entry, which its 16-byte hash follows
// (a section: the head, the graph); nullopt unless they read whole and match.
std::optional<std::string> read_section(const std::string& path, std::uint64_t offset, std::uint64_t size) {
  bool ok = false;
  std::string s = read_range(path, offset, size + 16, &ok);
  if (!ok || s.size() != size + 16 ||
      hash_bytes(std::string_view(s).substr(0, size)) != Reader(std::string_view(s).substr(size)).hash())
    return std::nullopt;
  s.resize(static_cast<std::size_t>(size));
  return s;
}

std::uint64_t fixed64(std::string_view b) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
  return v;
}

std::string read_whole(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string s;
  *ok = false;
  if (!in) return s;
  std::streamoff size = in.tellg();
  if (size < 0) return s;
  s.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  *ok = size == 0 || static_cast<bool>(in.read(s.data(), size));
  return s;
}

// --- inputs ------------------------------------------------------------------

// What a path Terraform evaluation looked at is now: outside the scan root
// (through a symbolic link), absent, or a file with this content. The same
// function describes it when the entry is stored and when it is checked.
std::string observe(const std::string& path, const std::string& canonical_root) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(path, ec);
  if (ec) return "unresolvable";
  fs::path rel = canon.lexically_relative(canonical_root);
  if (rel.empty() || *rel.begin() == "..") return "outside";
  if (!fs::is_regular_file(canon, ec)) return "absent";
  bool ok = false;
  std::string content = read_whole(canon.string(), &ok);
  if (!ok) return "unreadable";
  return "file " + hash_bytes(content).hex();
}

std::string canonical_root(const std::string& root) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(root, ec);
  return ec ? root : canon.string();
}

std::string entry_path(const std::string& dir, const Hash128& key) {
  return (fs::path(dir) / ("result-" + key.hex() + ".bin")).string();
}

// --- findings and graph --------------------------------------------------------

void write_finding(Writer& w, const Finding& f) {
  w.str(f.rule_id);
  w.u8(static_cast<std::uint8_t>(f.level));
  w.str(f.message);
  w.loc(f.loc);
  w.varint(f.related.size());
  for (const RelatedLocation& r : f.related) {
    w.loc(r.loc);
    w.str(r.message);
  }
  w.str(f.key);
  w.u8(f.suppression ? 1 : 0);
  if (f.suppression) {
    w.u8(static_cast<std::uint8_t>(f.suppression->kind));
    w.str(f.suppression->justification);
    w.loc(f.suppression->loc);
  }
}

Finding read_finding(Reader& r) {
  Finding f;
  f.rule_id = r.str();
  std::uint8_t level = r.u8();
  if (level < 1 || level > 3) r.fail();
  f.level = static_cast<Level>(level);
  f.message = r.str();
  f.loc = r.loc();
  std::uint64_t n = r.bounded(r.remaining() + 1);
  for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
    RelatedLocation rl;
    rl.loc = r.loc();
    rl.message = r.str();
    f.related.push_back(std::move(rl));
  }
  f.key = r.str();
  if (r.u8()) {
    Suppression s;
    std::uint8_t kind = r.u8();
    if (kind > 1) r.fail();
    s.kind = static_cast<Suppression::Kind>(kind);
    s.justification = r.str();
    s.loc = r.loc();
    f.suppression = std::move(s);
  }
  return f;
}

void write_graph(Writer& w, const graph::Graph& g) {
  w.varint(g.nodes().size());
  for (const graph::Node& n : g.nodes()) {
    w.u8(static_cast<std::uint8_t>(n.kind));
    w.str(n.name);
    w.str(n.ns);
    w.str(n.address);
    w.loc(n.loc);
    w.value(n.attrs);
  }
  w.varint(g.edges().size());
  for (const graph::Edge& e : g.edges()) {
    w.varint(graph::index(e.from));
    w.varint(graph::index(e.to));
    w.u8(static_cast<std::uint8_t>(e.kind));
    w.loc(e.loc);
  }
}

bool read_graph(Reader& r, std::size_t files, graph::Graph* out) {
  graph::Graph g;
  std::uint64_t nodes = r.bounded(r.remaining() + 1);
  for (std::uint64_t i = 0; i < nodes && r.ok(); ++i) {
    graph::Node n;
    n.kind = static_cast<graph::NodeKind>(r.bounded(graph::kNodeKindCount));
    n.name = r.str();
    n.ns = r.str();
    n.address = r.str();
    n.loc = r.loc();
    n.attrs = r.value();
    if (!n.attrs.is_map() || (n.loc.file != kNoFile && n.loc.file >= files)) r.fail();
    g.add_node(std::move(n));
  }
  std::uint64_t edges = r.bounded(r.remaining() + 1);
  for (std::uint64_t i = 0; i < edges && r.ok(); ++i) {
    auto from = static_cast<std::uint32_t>(r.bounded(nodes));
    auto to = static_cast<std::uint32_t>(r.bounded(nodes));
    auto kind = static_cast<graph::EdgeKind>(r.bounded(graph::kEdgeKindCount));
    SourceLoc loc = r.loc();
    if (loc.file != kNoFile && loc.file >= files) r.fail();
    g.add_edge(graph::NodeId{from}, graph::NodeId{to}, kind, loc);
  }
  if (!r.ok()) return false;
  g.finalize();
  *out = std::move(g);
  return true;
}

// A location must name a file of this scan (or none).
bool locations_valid(const std::vector<Finding>& findings, std::size_t files) {
  auto ok = [&](const SourceLoc& l) { return l.file == kNoFile || l.file < files; };
  for (const Finding& f : findings) {
    if (!ok(f.loc)) return false;
    for (const RelatedLocation& r : f.related)
      if (!ok(r.loc)) return false;
    if (f.suppression && !ok(f.suppression->loc)) return false;
  }
  return true;
}

// Keeps the directory bounded: at most kMaxEntries results (the least
// recently used go first; a hit touches its entry), and no temporary file of
// a scan that died more than an hour ago.
constexpr std::size_t kMaxEntries = 16;

void prune(const std::string& dir) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind("result-", 0) != 0) continue;  // not ours
    fs::file_time_type t = it->last_write_time(ec);
    if (ec) continue;
    if (name.find(".tmp.") != std::string::npos) {
      if (now - t > std::chrono::hours(1)) fs::remove(it->path(), ec);
    } else if (name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0) {
      entries.emplace_back(t, it->path());
    }
  }
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (std::size_t i = 0; i + kMaxEntries < entries.size(); ++i) fs::remove(entries[i].second, ec);
}

}  // namespace

Hash128 program_id() {
  std::string id;
  dl_iterate_phdr(find_build_id, &id);
  if (!id.empty()) return hash_bytes(id);
  bool ok = false;
  std::string exe = read_whole("/proc/self/exe", &ok);
  // Without either, a per-process value: the cache is never reused.
  if (!ok || exe.empty()) return Hasher().add(static_cast<std::uint64_t>(::getpid())).add("no-id").finish();
  return hash_bytes(exe);
}

Hash128 run_key(const scan::Options& o, const std::string& root, const std::string& config_path) {
  Hasher h;
  h.add("drlint result v1").add(DRLINT_VERSION).add(program_id()).add(root);
  h.add(o.discovery.paths.size());
  for (const std::string& p : o.discovery.paths) h.add(p);
  h.add(o.discovery.exclude.size());
  for (const std::string& e : o.discovery.exclude) h.add(e);
  h.add(o.limits.max_file_bytes).add(o.limits.max_nesting_depth).add(o.limits.max_yaml_nodes);
  h.add(o.prescan ? 1 : 0).add(o.build_graph ? 1 : 0);
  h.add(o.terraform_inputs.vars.size());
  for (const auto& [name, value] : o.terraform_inputs.vars) h.add(name).add(value);
  auto add_file = [&](const std::string& path) {
    bool ok = false;
    std::string content = read_whole(path, &ok);
    h.add(path).add(ok ? hash_bytes(content) : Hash128{});
  };
  h.add(o.terraform_inputs.var_files.size());
  for (const std::string& f : o.terraform_inputs.var_files) add_file(f);
  if (!config_path.empty()) add_file(config_path);
  return h.finish();
}

bool store_result(const std::string& dir, const Hash128& key, const scan::Result& result,
                  const std::vector<std::string>& paths_read, std::string* err) {
  // An entry: magic, format, the head's length (8 bytes, little-endian),
  // the head (key, inputs, pre-scan counts, findings), the head's hash;
  // then the graph and its hash. A SARIF or text re-scan reads and checks
  // the head only; the graph (most of the bytes) when a report needs it.
  Writer w;
  w.raw(kMagic);
  w.u8(kFormat);
  w.raw(std::string(8, '\0'));  // the head's length, set below
  w.hash(key);
  w.varint(result.sources.size());
  for (std::size_t i = 0; i < result.sources.size(); ++i) {
    const load::SourceFile& f = result.sources.get(static_cast<FileId>(i));
    w.str(f.path);
    w.u8(static_cast<std::uint8_t>(f.kind));
    w.hash(i < result.content_hashes.size() ? result.content_hashes[i] : Hash128{});
  }
  std::vector<std::string> paths = paths_read;
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::string root = canonical_root(result.root);
  w.varint(paths.size());
  for (const std::string& p : paths) {
    w.str(p);
    w.str(observe(p, root));
  }
  write_findings(w, result);
  std::string bytes = w.take();
  std::uint64_t head = bytes.size();
  for (int i = 0; i < 8; ++i) bytes[kMagic.size() + 1 + static_cast<std::size_t>(i)] = static_cast<char>(head >> (8 * i));
  Writer tail;
  tail.hash(hash_bytes(bytes));  // integrity of the head
  Writer graph;
  write_graph(graph, result.graph);
  tail.raw(graph.bytes());
  tail.hash(hash_bytes(graph.bytes()));  // integrity of the graph
  bytes += tail.bytes();

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *err = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  std::string final_path = entry_path(dir, key);
  std::string tmp = final_path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      *err = "cannot write " + tmp;
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, final_path, ec);
  if (ec) {
    *err = "cannot write " + final_path + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  prune(dir);
  return true;
}

bool load_result(const std::string& dir, const Hash128& key, scan::Result& result, bool with_graph,
                 std::string* why) {
  std::string path = entry_path(dir, key);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    *why = "no entry for this run";
    return false;
  }
  const std::size_t prefix = kMagic.size() + 1 + 8;
  bool read_ok = false;
  std::string start = read_range(path, 0, prefix, &read_ok);
  if (!read_ok || start.size() < prefix || start.compare(0, kMagic.size(), kMagic) != 0) {
    *why = "corrupt entry, ignored";
    return false;
  }
  if (static_cast<std::uint8_t>(start[kMagic.size()]) != kFormat) {
    *why = "entry of another version";
    return false;
  }
  std::uint64_t head_size = fixed64(std::string_view(start).substr(kMagic.size() + 1));
  std::uintmax_t file_size = fs::file_size(path, ec);
  if (ec || head_size < prefix || head_size > file_size || file_size - head_size < 32) {
    *why = "corrupt entry, ignored";
    return false;
  }
  std::optional<std::string> head = read_section(path, 0, head_size);
  if (!head) {
    *why = "corrupt entry, ignored";
    return false;
  }
  Reader r(std::string_view(*head).substr(prefix));
  if (r.hash() != key) {
    *why = "entry of another version";
    return false;
  }
  std::uint64_t files = r.varint();
  if (!r.ok() || files != result.sources.size()) {
    *why = r.ok() ? "the set of files changed" : "corrupt entry, ignored";
    return false;
  }
  std::size_t changed = 0;
  for (std::size_t i = 0; i < files && r.ok(); ++i) {
    const load::SourceFile& f = result.sources.get(static_cast<FileId>(i));
    std::string p = r.str();
    std::uint8_t kind = r.u8();
    Hash128 h = r.hash();
    if (p != f.path || kind != static_cast<std::uint8_t>(f.kind)) {
      *why = "the set of files changed";
      return false;
    }
    if (i >= result.content_hashes.size() || h != result.content_hashes[i]) ++changed;
  }
  if (!r.ok()) {
    *why = "corrupt entry, ignored";
    return false;
  }
  if (changed) {
    *why = std::to_string(changed) + (changed == 1 ? " file changed" : " files changed");
    return false;
  }
  std::uint64_t paths = r.bounded(r.remaining() + 1);
  std::string root = canonical_root(result.root);
  for (std::uint64_t i = 0; i < paths && r.ok(); ++i) {
    std::string p = r.str();
    std::string seen = r.str();
    if (r.ok() && observe(p, root) != seen) {
      *why = "a file read by Terraform evaluation changed: " + p;
      return false;
    }
  }
  Payload payload;
  if (!r.ok() || !read_findings(r, result.sources.size(), &payload) || !r.at_end()) {
    *why = "corrupt entry, ignored";
    return false;
  }
  if (with_graph) {
    std::optional<std::string> graph = read_section(path, head_size + 16, file_size - head_size - 32);
    Reader g(graph ? std::string_view(*graph) : std::string_view());
    if (!graph || !read_graph(g, result.sources.size(), &payload.graph) || !g.at_end()) {
      *why = "corrupt entry, ignored";
      return false;
    }
  }
  fs::last_write_time(path, fs::file_time_type::clock::now(), ec);  // recently used
  result.findings = std::move(payload.findings);
  result.graph = std::move(payload.graph);
  result.stats.terraform_blocks = payload.terraform_blocks;
  result.stats.skipped_blocks = payload.skipped_blocks;
  result.stats.rejected_blocks = payload.rejected_blocks;
  return true;
}

void write_findings(Writer& w, const scan::Result& result) {
  w.varint(result.stats.terraform_blocks);
  w.varint(result.stats.skipped_blocks);
  w.varint(result.stats.rejected_blocks);
  w.varint(result.findings.size());
  for (const Finding& f : result.findings) write_finding(w, f);
}

bool read_findings(Reader& r, std::size_t files, Payload* out) {
  out->terraform_blocks = r.varint();
  out->skipped_blocks = r.varint();
  out->rejected_blocks = r.varint();
  std::uint64_t count = r.bounded(r.remaining() + 1);
  out->findings.reserve(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count && r.ok(); ++i) out->findings.push_back(read_finding(r));
  return r.ok() && locations_valid(out->findings, files);
}

void write_payload(Writer& w, const scan::Result& result) {
  write_findings(w, result);
  write_graph(w, result.graph);
}

bool read_payload(Reader& r, std::size_t files, Payload* out) {
  return read_findings(r, files, out) && read_graph(r, files, &out->graph) && r.at_end();
}

}  // namespace drlint::cache

// embargo: the research job across machines with MPI. Every rank reads the same configuration
// and bars; symbol s is computed by rank s % size (round robin: neighbouring symbols, often of
// similar size, land on different ranks); each rank ships its symbols' results to rank 0
// (research/shipping.hpp: every double as its bits), which alone concludes the job (the deflated
// Sharpe over all trials, candidates, gates) and writes the archive. The results on rank 0 are
// those of research_job::run on one process.
//
//   embargo::mpi::session mpi(argc, argv);
//   const auto results = embargo::mpi::run(job, bars);   // collective
//   if (mpi.rank() == 0) embargo::research::archive_results(results, "archive", "...");
// embargo-requires: mpi
#ifndef EMBARGO_MPI_RESEARCH_HPP
#define EMBARGO_MPI_RESEARCH_HPP

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <span>
#include <string>
#include <thread>
#include <vector>

// The C API only: the deprecated C++ bindings are neither needed nor warning-clean.
#ifndef OMPI_SKIP_MPICXX
#define OMPI_SKIP_MPICXX 1
#endif
#ifndef MPICH_SKIP_MPICXX
#define MPICH_SKIP_MPICXX 1
#endif
#include <mpi.h>

#include <embargo/core/error.hpp>
#include <embargo/core/fnv.hpp>
#include <embargo/pipeline/executor.hpp>
#include <embargo/research/shipping.hpp>

namespace embargo::mpi {

/// The rank that concludes and writes.
inline constexpr int root = 0;

/// Throws embargo::error naming the MPI call when it did not succeed.
inline void check(int code, const char* call) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int n = 0;
  MPI_Error_string(code, text, &n);
  throw error(std::string("MPI: ") + call + " failed: " + std::string(text, static_cast<std::size_t>(std::max(n, 0))));
}

/// True when this process was started by an MPI launcher (mpirun, mpiexec, srun with PMI/PMIx):
/// a program that may run either way initialises MPI only then.
inline bool launched() noexcept {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

/// MPI_Init_thread / MPI_Finalize for the lifetime of the object (nothing when MPI is already
/// initialised). Only the thread that made it calls MPI; the job's worker threads never do.
class session {
 public:
  session(int* argc, char*** argv) {
    int ready = 0;
    check(MPI_Initialized(&ready), "MPI_Initialized");
    if (!ready) {
      int provided = 0;
      check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
      owned_ = true;
    }
    // Errors are returned, not fatal, so that they become exceptions with a message.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  }
  session(const session&) = delete;
  session& operator=(const session&) = delete;
  ~session() {
    if (owned_) MPI_Finalize();
  }
  static int rank(MPI_Comm comm = MPI_COMM_WORLD) {
    int r = 0;
    check(MPI_Comm_rank(comm, &r), "MPI_Comm_rank");
    return r;
  }
  static int size(MPI_Comm comm = MPI_COMM_WORLD) {
    int n = 1;
    check(MPI_Comm_size(comm, &n), "MPI_Comm_size");
    return n;
  }

 private:
  bool owned_ = false;
};

namespace detail {

inline constexpr int tag_size = 7101, tag_bytes = 7102;
/// MPI counts are ints: larger buffers travel in pieces of at most 1 GiB.
inline constexpr std::size_t piece = std::size_t{1} << 30;

/// What every rank must agree on before any work: the bars (names, lengths, every close and
/// timestamp) and the job's configuration.
inline std::uint64_t fingerprint(const research::research_job& job, const panel& primary, const panel* reference) {
  auto bytes_of = [](const auto& v, std::uint64_t h) {
    return fnv1a64(std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(v[0])), h);
  };
  std::uint64_t h = fnv1a64_offset;
  for (const panel* p : {&primary, reference}) {
    if (!p) continue;
    for (const auto& b : p->symbols) h = bytes_of(b.close, bytes_of(b.time, fnv1a64(b.symbol, h)));
  }
  return bytes_of(wire::encode(job.options()), h);
}

inline void send_bytes(std::span<const std::byte> b, int to, MPI_Comm comm) {
  const std::uint64_t n = b.size();
  check(MPI_Send(&n, 1, MPI_UINT64_T, to, tag_size, comm), "MPI_Send");
  for (std::size_t at = 0; at < b.size(); at += piece)
    check(MPI_Send(b.data() + at, static_cast<int>(std::min(piece, b.size() - at)), MPI_BYTE, to, tag_bytes, comm), "MPI_Send");
}

inline std::vector<std::byte> receive_bytes(int from, MPI_Comm comm) {
  std::uint64_t n = 0;
  check(MPI_Recv(&n, 1, MPI_UINT64_T, from, tag_size, comm, MPI_STATUS_IGNORE), "MPI_Recv");
  std::vector<std::byte> b(static_cast<std::size_t>(n));
  for (std::size_t at = 0; at < b.size(); at += piece)
    check(MPI_Recv(b.data() + at, static_cast<int>(std::min(piece, b.size() - at)), MPI_BYTE, from, tag_bytes, comm,
                   MPI_STATUS_IGNORE),
          "MPI_Recv");
  return b;
}

/// Ranks sharing this rank's node: the default thread count splits the node's cores among them.
inline int ranks_on_this_node(MPI_Comm comm) {
  MPI_Comm local;
  check(MPI_Comm_split_type(comm, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local), "MPI_Comm_split_type");
  int n = 1;
  MPI_Comm_size(local, &n);
  MPI_Comm_free(&local);
  return n;
}

/// Rank 0: the symbols in one rank's batch (or the failure it reports), into their slots.
inline void unpack_batch(std::span<const std::byte> b, int from, int size, const panel& primary, const panel* reference,
                         std::vector<research::symbol_result>& slots, std::vector<char>& filled, std::string& errors) {
  std::size_t at = 0;
  auto get_size = [&]() -> std::uint64_t {
    std::uint64_t n = 0;
    if (b.size() - at < sizeof n) throw data_error("a truncated batch");
    std::memcpy(&n, b.data() + at, sizeof n);
    at += sizeof n;
    return n;
  };
  const std::uint64_t count = get_size();
  if (count == std::numeric_limits<std::uint64_t>::max()) {
    const std::uint64_t n = std::min<std::uint64_t>(get_size(), b.size() - at);
    errors += (errors.empty() ? "" : "; ") + ("rank " + std::to_string(from) + ": ") +
              std::string(reinterpret_cast<const char*>(b.data() + at), static_cast<std::size_t>(n));
    return;
  }
  for (std::uint64_t k = 0; k < count; ++k) {
    const std::uint64_t n = get_size();
    if (n > b.size() - at) throw data_error("a truncated batch");
    auto s = research::unship(b.subspan(at, static_cast<std::size_t>(n)), primary, reference);
    at += static_cast<std::size_t>(n);
    if (s.index % static_cast<std::uint64_t>(size) != static_cast<std::uint64_t>(from) || filled[s.index])
      throw data_error("symbol " + std::to_string(s.index) + " is not this rank's or arrived twice");
    filled[s.index] = 1;
    slots[s.index] = std::move(s.result);
  }
}

}  // namespace detail

/// Runs `job` over `primary` (and `reference`) on every rank of `comm`; collective. On rank 0
/// the returned results are complete and equal to job.run(primary, reference) on one process;
/// on the other ranks they hold no symbols. `threads` in the configuration is per rank (0: the
/// node's cores shared among its ranks). Throws on every rank when the ranks read different bars
/// or configurations; a rank whose work throws makes rank 0 throw with that rank's message.
inline research::research_results run(const research::research_job& job, const panel& primary, const panel* reference = nullptr,
                                      MPI_Comm comm = MPI_COMM_WORLD) {
  const auto started = std::chrono::steady_clock::now();
  const int rank = session::rank(comm), size = session::size(comm);

  std::vector<std::uint64_t> prints(static_cast<std::size_t>(size));
  const std::uint64_t mine = detail::fingerprint(job, primary, reference);
  check(MPI_Allgather(&mine, 1, MPI_UINT64_T, prints.data(), 1, MPI_UINT64_T, comm), "MPI_Allgather");
  for (int r = 1; r < size; ++r)
    if (prints[static_cast<std::size_t>(r)] != prints[0])
      throw data_error("embargo::mpi::run: rank " + std::to_string(r) + " read other bars or another configuration than rank 0 " +
                       "(fingerprints " + hex16(prints[static_cast<std::size_t>(r)]) + " and " + hex16(prints[0]) +
                       "): every rank must read the same files");

  std::vector<std::size_t> owned;
  for (std::size_t s = static_cast<std::size_t>(rank); s < primary.size(); s += static_cast<std::size_t>(size)) owned.push_back(s);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned node_share = std::max(1u, cores / static_cast<unsigned>(std::max(1, detail::ranks_on_this_node(comm))));
  const unsigned threads = job.options().threads ? job.threads_for(owned.size())
                                                 : static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(node_share, owned.size())));

  // This rank's symbols; a failure here is shipped to rank 0 as a message rather than leaving it
  // waiting for bytes that will never come.
  std::vector<research::symbol_result> computed;
  std::string failure;
  try {
    thread_pool pool(threads);
    computed = parallel_map(pool, owned.size(), [&](std::size_t k) { return job.run_symbol(primary, owned[k], reference); });
  } catch (const std::exception& e) {
    failure = e.what();
  }

  research::research_results out;
  out.options = job.options();
  out.threads = threads;
  if (rank != root) {
    std::vector<std::byte> batch;
    auto put_size = [&](std::uint64_t n) {
      const auto* p = reinterpret_cast<const std::byte*>(&n);
      batch.insert(batch.end(), p, p + sizeof n);
    };
    put_size(failure.empty() ? computed.size() : std::numeric_limits<std::uint64_t>::max());
    if (!failure.empty()) {
      put_size(failure.size());
      const auto* p = reinterpret_cast<const std::byte*>(failure.data());
      batch.insert(batch.end(), p, p + failure.size());
    }
    for (std::size_t k = 0; failure.empty() && k < computed.size(); ++k) {
      const auto message = research::ship(owned[k], computed[k]);
      put_size(message.size());
      batch.insert(batch.end(), message.begin(), message.end());
      computed[k] = {};  // the shipped copy is the one that counts: free this one as we go
    }
    detail::send_bytes(batch, root, comm);
    return out;
  }

  // Rank 0: its own symbols as computed, the others' as shipped, each slot filled exactly once.
  out.symbols.resize(primary.size());
  std::vector<char> filled(primary.size(), 0);
  for (std::size_t k = 0; k < computed.size(); ++k) out.symbols[owned[k]] = std::move(computed[k]), filled[owned[k]] = 1;
  std::string errors = failure.empty() ? "" : "rank 0: " + failure;
  // Every rank's batch is received even after a bad one: a rank left waiting to send would hang
  // the run instead of failing it.
  for (int r = 1; r < size; ++r) {
    const auto batch = detail::receive_bytes(r, comm);
    try {
      detail::unpack_batch(batch, r, size, primary, reference, out.symbols, filled, errors);
    } catch (const std::exception& e) {
      errors += (errors.empty() ? "" : "; ") + ("rank " + std::to_string(r) + ": " + e.what());
    }
  }
  if (!errors.empty()) throw error("embargo::mpi::run: " + errors);
  if (std::find(filled.begin(), filled.end(), 0) != filled.end())
    throw data_error("embargo::mpi::run: some symbols' results never arrived");
  job.conclude(out);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace embargo::mpi

#endif

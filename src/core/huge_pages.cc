#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace crossroads::core::huge_pages {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
std::size_t rounded(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }
}  // namespace

void* map(std::size_t bytes) {
  const std::size_t size = rounded(bytes);
  // Map one huge page more than needed and trim to a 2 MiB boundary: mmap aligns to 4 KiB only,
  // and the kernel backs only aligned 2 MiB ranges with huge pages.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  char* const base = static_cast<char*>(raw);
  const std::size_t head =
      (kHugePage - reinterpret_cast<std::uintptr_t>(raw) % kHugePage) % kHugePage;
  char* const aligned = base + head;
  if (head > 0) ::munmap(base, head);
  ::munmap(aligned + size, kHugePage - head);
  // Advice only: without transparent huge pages the mapping works with ordinary pages.
  (void)::madvise(aligned, size, MADV_HUGEPAGE);
  return aligned;
}

void unmap(void* p, std::size_t bytes) { ::munmap(p, rounded(bytes)); }

}  // namespace crossroads::core::huge_pages

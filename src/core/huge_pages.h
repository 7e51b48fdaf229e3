// An allocator for the few very large arrays of the in-memory indexes (the match index's records,
// hundreds of MiB at a million persons), which are read at random: with 4 KiB pages nearly every
// read also misses the TLB and walks the page tables. Allocations of 4 MiB and more are mapped
// 2 MiB-aligned and marked MADV_HUGEPAGE, so that the kernel backs them with huge pages where
// transparent huge pages are enabled ("always" or "madvise"); elsewhere the advice is ignored
// and they are ordinary pages. Smaller allocations go to operator new.
#pragma once

#include <cstddef>
#include <new>

namespace crossroads::core {

namespace huge_pages {
constexpr std::size_t kThreshold = std::size_t{4} << 20;
// Maps `bytes` (>= kThreshold) 2 MiB-aligned with MADV_HUGEPAGE; throws std::bad_alloc.
void* map(std::size_t bytes);
void unmap(void* p, std::size_t bytes);
}  // namespace huge_pages

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor)

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);  // NOLINT(bugprone-sizeof-expression): T* arrays too
    if (bytes >= huge_pages::kThreshold) return static_cast<T*>(huge_pages::map(bytes));
    return static_cast<T*>(::operator new(bytes, std::align_val_t(alignof(T))));
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);  // NOLINT(bugprone-sizeof-expression): T* arrays too
    if (bytes >= huge_pages::kThreshold) {
      huge_pages::unmap(p, bytes);
    } else {
      ::operator delete(p, std::align_val_t(alignof(T)));
    }
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const {
    return true;
  }
};

}  // namespace crossroads::core

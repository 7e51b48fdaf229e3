// A vector of trivially copyable values that keeps up to N of them inside itself and goes to
// the heap only beyond: the match index holds millions of records with a few name tokens,
// nationalities and identifiers each, and scoring a candidate should cost one fetch of its
// record, not one more per field (a std::vector's values lie elsewhere on the heap).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <type_traits>

#include "core/assert.h"

namespace crossroads::match {

template <class T, std::uint32_t N>
class InlineVec {
  static_assert(std::is_trivially_copyable_v<T>, "InlineVec holds plain values only");
  static_assert(N > 0, "InlineVec needs room for at least one value inside");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  InlineVec() = default;
  InlineVec(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
  InlineVec(const InlineVec& other) { assign(other.begin(), other.end()); }
  InlineVec(InlineVec&& other) noexcept { take(other); }
  InlineVec& operator=(const InlineVec& other) {
    if (this != &other) {
      clear();
      assign(other.begin(), other.end());
    }
    return *this;
  }
  InlineVec& operator=(InlineVec&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~InlineVec() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return cap_; }
  bool on_heap() const { return cap_ > N; }

  T* data() { return on_heap() ? heap_ : inline_; }
  const T* data() const { return on_heap() ? heap_ : inline_; }
  T* begin() { return data(); }
  T* end() { return data() + size_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size_ - 1]; }
  const T& back() const { return data()[size_ - 1]; }

  void push_back(T value) {
    if (size_ == cap_) grow(cap_ * 2);
    data()[size_++] = value;
  }
  // Keeps the values held (and the heap room, if any).
  void clear() { size_ = 0; }
  // Removes [first, last) and returns where the values after them now begin.
  T* erase(const T* first, const T* last) {
    T* base = data();
    const auto from = static_cast<std::size_t>(first - base);
    const auto to = static_cast<std::size_t>(last - base);
    CR_ASSERT(from <= to && to <= size_);
    std::memmove(base + from, base + to, (size_ - to) * sizeof(T));
    size_ -= static_cast<std::uint32_t>(to - from);
    return base + from;
  }

  friend bool operator==(const InlineVec& a, const InlineVec& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  void assign(const T* first, const T* last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n > cap_) grow(static_cast<std::uint32_t>(n));
    std::copy(first, last, data());
    size_ = static_cast<std::uint32_t>(n);
  }
  void grow(std::uint32_t wanted) {
    const std::uint32_t cap = std::max(wanted, 2 * N);
    T* bigger = new T[cap];
    std::copy(begin(), end(), bigger);
    if (on_heap()) delete[] heap_;
    heap_ = bigger;
    cap_ = cap;
  }
  // Frees the heap room, if any; the values are gone.
  void release() {
    if (on_heap()) delete[] heap_;
    cap_ = N;
    size_ = 0;
  }
  void take(InlineVec& other) {
    size_ = other.size_;
    cap_ = other.cap_;
    if (other.on_heap()) {
      heap_ = other.heap_;
    } else {
      std::memcpy(inline_, other.inline_, size_ * sizeof(T));
    }
    other.size_ = 0;
    other.cap_ = N;
  }

  std::uint32_t size_ = 0;
  std::uint32_t cap_ = N;
  union {
    T inline_[N];
    T* heap_;
  };
};

}  // namespace crossroads::match

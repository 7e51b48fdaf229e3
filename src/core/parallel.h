// Runs work(t) for t = 0 .. threads-1, each on its own thread (t = 0 on the caller's), and waits
// for all: the shape of every two-core split in the code (by stride, or by part).
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace crossroads::core {

template <class Work>
void on_threads(int threads, Work&& work) {
  threads = std::max(1, threads);
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) pool.emplace_back([&work, t] { work(t); });
  work(0);
  for (auto& th : pool) th.join();
}

}  // namespace crossroads::core

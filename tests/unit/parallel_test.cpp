// core/parallel.hpp: every index runs once; a body's exception comes out of the loop, the one of
// the lowest failing index, whatever the number of threads.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parallel.hpp"

TEST(ParallelFor, RunsEveryIndexOnce) {
  for (unsigned jobs : {1u, 2u, 4u, 0u}) {
    std::vector<std::atomic<int>> hits(1000);
    gongwen::parallel_for(hits.size(), jobs, [&](size_t i) { ++hits[i]; });
    for (size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i].load(), 1) << "index " << i << ", jobs " << jobs;
  }
}

TEST(ParallelFor, CarriesTheLowestFailingIndexOut) {
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    for (int round = 0; round < 20; ++round) {
      try {
        gongwen::parallel_for(200, jobs, [&](size_t i) {
          if (i == 37 || i == 38 || i == 150) throw std::runtime_error("index " + std::to_string(i));
        });
        FAIL() << "nothing thrown, jobs " << jobs;
      } catch (const std::runtime_error& e) {
        ASSERT_STREQ(e.what(), "index 37") << "jobs " << jobs;
      }
    }
  }
}

TEST(ParallelFor, StopsStartingIndicesAfterAFailure) {
  std::atomic<size_t> started{0};
  EXPECT_THROW(gongwen::parallel_for(100000, 2,
                                     [&](size_t i) {
                                       ++started;
                                       if (i == 10) throw std::logic_error("stop");
                                     }),
               std::logic_error);
  EXPECT_LT(started.load(), 100000u);
}

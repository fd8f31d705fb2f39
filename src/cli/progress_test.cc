#include "cli/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace brickyard::cli {
namespace {

client::Progress P(int ms, std::string message) {
  client::Progress p;
  p.elapsed = std::chrono::milliseconds(ms);
  p.job = "/queue/j";
  p.message = std::move(message);
  return p;
}

TEST(ProgressLineTest, SilentWhenNotATerminal) {
  std::ostringstream err;
  {
    ProgressLine line(err, false);
    line.Update(P(10, "pending"));
    line.Clear();
  }
  EXPECT_EQ(err.str(), "");
}

TEST(ProgressLineTest, DrawsAndClearsOnATerminal) {
  std::ostringstream err;
  ProgressLine line(err, true);
  line.Update(P(1500, "creating bricks"));
  EXPECT_EQ(err.str(), "\r\033[K| Waiting for the server (1.5s): creating bricks");
  line.Clear();
  EXPECT_EQ(err.str().substr(err.str().size() - 4), "\r\033[K");
  line.Disable();
  std::string before = err.str();
  line.Update(P(2000, "x"));
  EXPECT_EQ(err.str(), before);
}

TEST(ProgressLineTest, RenderKeepsFirstLineAndTruncates) {
  EXPECT_EQ(ProgressLine::Render(P(0, "a\nb"), 1), "/ Waiting for the server (0.0s): a");
  EXPECT_EQ(ProgressLine::Render(P(0, std::string(80, 'x')), 0).size(),
            std::string("| Waiting for the server (0.0s): ").size() + 60);
}

}  // namespace
}  // namespace brickyard::cli

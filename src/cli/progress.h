// ProgressLine: the live status line shown on stderr while a long operation
// is polled. Draws only when enabled (stderr is a terminal); otherwise every
// call is a no-op, so piped and scripted runs stay silent. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <ostream>

#include "client/client.h"

namespace brickyard::cli {

class ProgressLine {
 public:
  ProgressLine(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~ProgressLine() { Clear(); }

  // Redraws the line, at most every 100 ms.
  void Update(const client::Progress& progress);
  // Erases the line if one is shown.
  void Clear();
  // Turns drawing off (e.g. while a command writes partial stdout lines).
  void Disable();

  // The text drawn for `progress` (without terminal control codes).
  static std::string Render(const client::Progress& progress, int frame);

 private:
  std::ostream& err_;
  std::mutex mu_;
  bool enabled_;                                      // guarded by mu_
  bool shown_ = false;                                // guarded by mu_
  int frame_ = 0;                                     // guarded by mu_
  std::chrono::steady_clock::time_point last_draw_{};  // guarded by mu_
};

}  // namespace brickyard::cli

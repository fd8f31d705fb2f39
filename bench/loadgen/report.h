// Report: the figures table printed by the load generator, one row per
// measurement with its spread and Heketi v10's reference figure beside it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "stats.h"

namespace brickyard::bench {

struct Row {
  std::string name;
  std::string value;   // ours: median of runs, or p50 of requests
  std::string spread;  // "min–max" of runs or "p10–p90" of requests
  std::string n;       // how many runs or requests
  std::string heketi;  // the reference figure, "" when there is none
  std::string versus;  // ratio against the reference or a target, with its verdict
};

class Report {
 public:
  void Section(std::string title);
  void Add(Row row);
  void Note(std::string text);  // a line printed under the table
  // Machine-readable copy of a measurement (seconds, bytes...), for --json.
  void Record(const std::string& key, const nlohmann::json& value) { raw_[key] = value; }

  void Print(std::ostream& out, const std::string& title) const;
  nlohmann::json ToJson() const;

 private:
  struct Line {
    bool is_section = false;
    std::string title;
    Row row;
  };
  std::vector<Line> lines_;
  std::vector<std::string> notes_;
  nlohmann::json raw_ = nlohmann::json::object();
};

// "0.42 ms", "12.3 ms", "3.21 s", "5 min 12 s".
std::string FormatSeconds(double s);
// "28.1 MB" (10^6 bytes, as Heketi's figures).
std::string FormatBytes(double bytes);
// "1,000"
std::string FormatCount(double n);
// Median and the range of runs: {"1.23 s", "1.20–1.31 s"}.
std::pair<std::string, std::string> MedianRange(const Summary& s);
// p50 and p10–p90 of requests.
std::pair<std::string, std::string> MedianP10P90(const Summary& s);
// "12.5×"
std::string Ratio(double r);

}  // namespace brickyard::bench

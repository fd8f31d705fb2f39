#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace brickyard::bench {

namespace {

// Terminal columns of a UTF-8 string (one per code point; the table uses no
// wide characters).
size_t Width(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++w;
  return w;
}

std::string Pad(const std::string& s, size_t width, bool right = false) {
  size_t w = Width(s);
  if (w >= width) return s;
  std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Digits so that a value shows about three significant figures.
int Digits(double v) {
  v = std::fabs(v);
  if (v >= 100) return 0;
  if (v >= 10) return 1;
  return 2;
}

}  // namespace

void Report::Section(std::string title) { lines_.push_back({true, std::move(title), {}}); }
void Report::Add(Row row) { lines_.push_back({false, "", std::move(row)}); }
void Report::Note(std::string text) { notes_.push_back(std::move(text)); }

void Report::Print(std::ostream& out, const std::string& title) const {
  const std::vector<std::string> head = {"measurement", "brickyard", "spread", "n", "Heketi v10",
                                         "vs Heketi / target"};
  std::vector<size_t> w(head.size());
  for (size_t i = 0; i < head.size(); ++i) w[i] = Width(head[i]);
  for (const auto& l : lines_) {
    if (l.is_section) continue;
    const Row& r = l.row;
    const std::string cells[] = {"  " + r.name, r.value, r.spread, r.n, r.heketi, r.versus};
    for (size_t i = 0; i < head.size(); ++i) w[i] = std::max(w[i], Width(cells[i]));
  }
  size_t total = 0;
  for (size_t x : w) total += x + 2;
  std::string rule;
  for (size_t i = 0; i < total; ++i) rule += "─";

  out << title << "\n" << rule << "\n";
  for (size_t i = 0; i < head.size(); ++i) out << Pad(head[i], w[i], i == 1) << "  ";
  out << "\n" << rule << "\n";
  for (const auto& l : lines_) {
    if (l.is_section) {
      out << l.title << "\n";
      continue;
    }
    const Row& r = l.row;
    out << Pad("  " + r.name, w[0]) << "  " << Pad(r.value, w[1], true) << "  " << Pad(r.spread, w[2])
        << "  " << Pad(r.n, w[3]) << "  " << Pad(r.heketi, w[4]) << "  " << r.versus << "\n";
  }
  out << rule << "\n";
  for (const auto& n : notes_) out << n << "\n";
}

nlohmann::json Report::ToJson() const {
  nlohmann::json rows = nlohmann::json::array();
  std::string section;
  for (const auto& l : lines_) {
    if (l.is_section) {
      section = l.title;
      continue;
    }
    rows.push_back({{"section", section},
                    {"name", l.row.name},
                    {"value", l.row.value},
                    {"spread", l.row.spread},
                    {"n", l.row.n},
                    {"heketi", l.row.heketi},
                    {"versus", l.row.versus}});
  }
  return {{"rows", rows}, {"raw", raw_}, {"notes", notes_}};
}

std::string FormatSeconds(double s) {
  if (s < 0) return "–";
  if (s < 1e-3) return Fixed(s * 1e6, 0) + " µs";
  if (s < 1.0) return Fixed(s * 1e3, Digits(s * 1e3)) + " ms";
  if (s < 120.0) return Fixed(s, Digits(s)) + " s";
  int64_t whole = static_cast<int64_t>(std::llround(s));
  return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
}

std::string FormatBytes(double bytes) {
  if (bytes < 0) return "–";
  if (bytes < 1e6) return Fixed(bytes / 1e3, Digits(bytes / 1e3)) + " kB";
  if (bytes < 1e9) return Fixed(bytes / 1e6, Digits(bytes / 1e6)) + " MB";
  return Fixed(bytes / 1e9, 2) + " GB";
}

std::string FormatCount(double n) {
  std::string digits = std::to_string(static_cast<int64_t>(std::llround(n)));
  std::string out;
  int k = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++k) {
    if (k > 0 && k % 3 == 0 && *it != '-') out.insert(out.begin(), ',');
    out.insert(out.begin(), *it);
  }
  return out;
}

namespace {

// "1.20–1.31 s" when both ends share a unit, else "1.20 s–2.31 min".
std::string Range(double lo, double hi) {
  std::string a = FormatSeconds(lo), b = FormatSeconds(hi);
  auto unit = [](const std::string& s) { return s.substr(s.find(' ')); };
  if (a.find(' ') != std::string::npos && b.find(' ') != std::string::npos && unit(a) == unit(b) &&
      a.find("min") == std::string::npos)
    return a.substr(0, a.find(' ')) + "–" + b;
  return a + "–" + b;
}

}  // namespace

std::pair<std::string, std::string> MedianRange(const Summary& s) {
  if (s.n == 0) return {"–", ""};
  return {FormatSeconds(s.p50), s.n > 1 ? Range(s.min, s.max) : ""};
}

std::pair<std::string, std::string> MedianP10P90(const Summary& s) {
  if (s.n == 0) return {"–", ""};
  return {FormatSeconds(s.p50), s.n > 1 ? "p10–p90 " + Range(s.p10, s.p90) : ""};
}

std::string Ratio(double r) {
  if (!std::isfinite(r)) return "–";
  return Fixed(r, r >= 100 ? 0 : (r >= 10 ? 1 : 2)) + "×";
}

}  // namespace brickyard::bench

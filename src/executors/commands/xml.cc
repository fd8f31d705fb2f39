#include "executors/commands/xml.h"

#include <cstdint>

namespace brickyard::executors::commands {
namespace {

constexpr int kMaxDepth = 64;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == ':' || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xc0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xe0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    *out += static_cast<char>(0xf0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view doc) : s_(doc) {}

  Result<XmlElement> Document() {
    pos_ = s_.find('<');
    if (pos_ == s_.npos) return Fail("no XML element found");
    while (true) {
      BY_RETURN_IF_ERROR(SkipMisc());
      if (pos_ >= s_.size()) return Fail("no root element");
      if (s_.compare(pos_, 9, "<!DOCTYPE") == 0) {
        BY_RETURN_IF_ERROR(SkipDoctype());
        continue;
      }
      break;
    }
    XmlElement root;
    BY_RETURN_IF_ERROR(Element(&root, 0));
    return root;
  }

 private:
  Status Fail(const std::string& what) const {
    return Internal("malformed XML at byte " + std::to_string(pos_) + ": " + what);
  }

  bool Starts(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  // Skips up to and past `end`; fails when it never comes.
  Status SkipPast(std::string_view end, std::string_view what) {
    size_t e = s_.find(end, pos_);
    if (e == s_.npos) return Fail("unterminated " + std::string(what));
    pos_ = e + end.size();
    return Status::Ok();
  }

  // Whitespace, comments and processing instructions outside the root.
  Status SkipMisc() {
    while (pos_ < s_.size()) {
      if (IsSpace(s_[pos_])) {
        ++pos_;
      } else if (Starts("<?")) {
        BY_RETURN_IF_ERROR(SkipPast("?>", "processing instruction"));
      } else if (Starts("<!--")) {
        BY_RETURN_IF_ERROR(SkipPast("-->", "comment"));
      } else {
        break;
      }
    }
    return Status::Ok();
  }

  Status SkipDoctype() {
    size_t bracket = s_.find('[', pos_);
    size_t close = s_.find('>', pos_);
    if (bracket != s_.npos && close != s_.npos && bracket < close) {
      return SkipPast("]>", "DOCTYPE");
    }
    return SkipPast(">", "DOCTYPE");
  }

  Result<std::string> Name() {
    size_t start = pos_;
    while (pos_ < s_.size() && IsNameChar(s_[pos_])) ++pos_;
    if (pos_ == start) return Fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }

  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }

  // Decodes the entity at pos_ ('&') into `out`.
  Status Entity(std::string* out) {
    size_t semi = s_.find(';', pos_);
    if (semi == s_.npos || semi - pos_ > 12) return Fail("unterminated entity");
    std::string_view ent = s_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (ent == "lt") *out += '<';
    else if (ent == "gt") *out += '>';
    else if (ent == "amp") *out += '&';
    else if (ent == "quot") *out += '"';
    else if (ent == "apos") *out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      if (digits.empty()) return Fail("empty character reference");
      uint32_t cp = 0;
      for (char c : digits) {
        uint32_t d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return Fail("bad character reference");
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10ffff) return Fail("character reference out of range");
      }
      if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) return Fail("invalid character reference");
      AppendUtf8(cp, out);
    } else {
      return Fail("unknown entity &" + std::string(ent) + ";");
    }
    return Status::Ok();
  }

  Status Attributes(XmlElement* e, bool* self_closing) {
    while (true) {
      SkipSpace();
      if (pos_ >= s_.size()) return Fail("unterminated start tag");
      if (s_[pos_] == '>') {
        ++pos_;
        *self_closing = false;
        return Status::Ok();
      }
      if (Starts("/>")) {
        pos_ += 2;
        *self_closing = true;
        return Status::Ok();
      }
      BY_ASSIGN_OR_RETURN(std::string name, Name());
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != '=') return Fail("expected '=' after attribute name");
      ++pos_;
      SkipSpace();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
        return Fail("expected a quoted attribute value");
      }
      char quote = s_[pos_++];
      std::string value;
      while (true) {
        if (pos_ >= s_.size()) return Fail("unterminated attribute value");
        char c = s_[pos_];
        if (c == quote) break;
        if (c == '<') return Fail("'<' in attribute value");
        if (c == '&') {
          BY_RETURN_IF_ERROR(Entity(&value));
        } else {
          value += c;
          ++pos_;
        }
      }
      ++pos_;
      e->attributes.emplace_back(std::move(name), std::move(value));
    }
  }

  Status Element(XmlElement* e, int depth) {
    if (depth >= kMaxDepth) return Fail("elements nested too deeply");
    if (pos_ >= s_.size() || s_[pos_] != '<') return Fail("expected '<'");
    ++pos_;
    BY_ASSIGN_OR_RETURN(e->name, Name());
    bool self_closing = false;
    BY_RETURN_IF_ERROR(Attributes(e, &self_closing));
    if (self_closing) return Status::Ok();
    while (true) {
      if (pos_ >= s_.size()) return Fail("missing </" + e->name + ">");
      char c = s_[pos_];
      if (c == '&') {
        BY_RETURN_IF_ERROR(Entity(&e->text));
      } else if (c != '<') {
        e->text += c;
        ++pos_;
      } else if (Starts("</")) {
        pos_ += 2;
        BY_ASSIGN_OR_RETURN(std::string end, Name());
        if (end != e->name) return Fail("</" + end + "> closes <" + e->name + ">");
        SkipSpace();
        if (pos_ >= s_.size() || s_[pos_] != '>') return Fail("unterminated end tag");
        ++pos_;
        return Status::Ok();
      } else if (Starts("<!--")) {
        BY_RETURN_IF_ERROR(SkipPast("-->", "comment"));
      } else if (Starts("<![CDATA[")) {
        size_t start = pos_ + 9;
        size_t end = s_.find("]]>", start);
        if (end == s_.npos) return Fail("unterminated CDATA");
        e->text.append(s_.substr(start, end - start));
        pos_ = end + 3;
      } else if (Starts("<?")) {
        BY_RETURN_IF_ERROR(SkipPast("?>", "processing instruction"));
      } else {
        e->children.emplace_back();
        BY_RETURN_IF_ERROR(Element(&e->children.back(), depth + 1));
      }
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

const XmlElement* XmlElement::Child(std::string_view n) const {
  for (const auto& c : children) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::Children(std::string_view n) const {
  std::vector<const XmlElement*> out;
  for (const auto& c : children) {
    if (c.name == n) out.push_back(&c);
  }
  return out;
}

const XmlElement* XmlElement::Find(std::initializer_list<std::string_view> path) const {
  const XmlElement* e = this;
  for (auto n : path) {
    e = e->Child(n);
    if (e == nullptr) return nullptr;
  }
  return e;
}

std::string XmlElement::ChildText(std::string_view n) const {
  const XmlElement* c = Child(n);
  return c ? std::string(Trim(c->text)) : std::string();
}

const std::string* XmlElement::Attribute(std::string_view n) const {
  for (const auto& [k, v] : attributes) {
    if (k == n) return &v;
  }
  return nullptr;
}

Result<XmlElement> ParseXml(std::string_view doc) { return Parser(doc).Document(); }

}  // namespace brickyard::executors::commands

// A small XML reader for the gluster CLI's `--xml` output.
//
// Reads a whole document into a tree of elements. Supports what libxml2's
// writer emits and a little more: an XML declaration, processing
// instructions, comments, a DOCTYPE (skipped), attributes in either quote,
// self-closing tags, CDATA, mixed content, the five predefined entities and
// numeric character references. Text before the first '<' and anything after
// the root element are ignored (the CLI sometimes prints a warning line).
// It does not validate, resolve namespaces or external entities. Nesting
// deeper than 64 elements, a mismatched end tag or an unknown entity is an
// error. Pure; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace brickyard::executors::commands {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  // The element's own character data, all text pieces concatenated with
  // entities decoded (for <brick uuid="u">h:/p<name>...</name></brick> this
  // is "h:/p").
  std::string text;
  std::vector<XmlElement> children;

  // The first child called `name`, or nullptr.
  const XmlElement* Child(std::string_view name) const;
  // Every child called `name`, in document order.
  std::vector<const XmlElement*> Children(std::string_view name) const;
  // The first child called `name`, following each name of `path` in turn;
  // nullptr when any step is missing.
  const XmlElement* Find(std::initializer_list<std::string_view> path) const;
  // The whitespace-trimmed text of Child(name), or "" when absent.
  std::string ChildText(std::string_view name) const;
  // The value of attribute `name`, or nullptr.
  const std::string* Attribute(std::string_view name) const;
};

// Parses `doc` and returns its root element; Internal with the byte offset
// and the problem when it is not well-formed enough to read.
Result<XmlElement> ParseXml(std::string_view doc);

}  // namespace brickyard::executors::commands

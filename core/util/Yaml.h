#pragma once
#include <QJsonValue>
#include <string>

namespace drs {

// A YAML document as JSON, read as PyYAML's safe_load (YAML 1.1), which pyradiomics uses, reads it:
// a plain scalar is null (empty, ~, null), a boolean (true/false, yes/no, on/off in their three
// cases), a decimal number (1, -2, 2.5, 1.0e+3) or else a string; a quoted scalar is a string.
// Other number forms (octal, hex, base 60, .inf) are refused. Throws drs::Error naming source and
// line (and column for syntax errors).
QJsonValue parseYaml(const std::string& text, const std::string& source);

}  // namespace drs

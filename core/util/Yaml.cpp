#include "core/util/Yaml.h"

#include <yaml-cpp/yaml.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <set>

#include "core/util/Error.h"

namespace drs {
namespace {

// PyYAML's implicit resolvers, for the decimal forms; its other number forms (octal 017, hex,
// binary, base 60, .inf, .nan) are refused rather than read differently.
QJsonValue plainScalar(const std::string& text, const YAML::Mark& mark, const std::string& source) {
    static const std::set<std::string> nulls = {"", "~", "null", "Null", "NULL"};
    static const std::set<std::string> trues = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"};
    static const std::set<std::string> falses = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"};
    static const QRegularExpression decimalInteger(QStringLiteral("^[-+]?(?:0|[1-9][0-9_]*)$"));
    static const QRegularExpression decimalFloat(
        QStringLiteral("^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?)$"));
    static const QRegularExpression otherNumber(QStringLiteral(
        "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?|"
        "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    if (nulls.count(text)) return QJsonValue::Null;
    if (trues.count(text)) return true;
    if (falses.count(text)) return false;
    const QString q = QString::fromStdString(text);
    if (decimalInteger.match(q).hasMatch() || decimalFloat.match(q).hasMatch())
        return QString(q).remove(QLatin1Char('_')).toDouble();
    if (otherNumber.match(q).hasMatch())
        throw Error(source + ": line " + std::to_string(mark.line + 1) + ": '" + text +
                    "' is a number YAML writes in another base or as infinity; write it as a decimal number");
    return q;
}

QJsonValue jsonOf(const YAML::Node& node, const std::string& source) {
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        // yaml-cpp tags a quoted scalar "!" and a plain one "?".
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return QString::fromStdString(node.Scalar());
        return plainScalar(node.Scalar(), node.Mark(), source);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node& item : node) array.append(jsonOf(item, source));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            if (!entry.first.IsScalar())
                throw Error(source + ": line " + std::to_string(entry.first.Mark().line + 1) +
                            ": a key must be a plain name");
            object.insert(QString::fromStdString(entry.first.Scalar()), jsonOf(entry.second, source));
        }
        return object;
    }
    }
    return QJsonValue::Null;
}

}  // namespace

QJsonValue parseYaml(const std::string& text, const std::string& source) {
    try {
        return jsonOf(YAML::Load(text), source);
    } catch (const YAML::Exception& e) {
        throw Error(source + ": not valid YAML (" + e.msg + " at line " + std::to_string(e.mark.line + 1) +
                    ", column " + std::to_string(e.mark.column + 1) + ")");
    }
}

}  // namespace drs

#pragma once
// Structs described once, as a table of JSON keys that both the writer and the reader walk, so the
// two cannot disagree about a key. A struct S takes part through a function found by
// argument-dependent lookup (declare it in S's namespace):
//
//   void describe(json::Is<S> auto& s, auto&& field) { field("key", s.member); ... }
//
// (`s` is const while writing). Values: double (non-finite ones as the strings "NaN", "Infinity",
// "-Infinity", since JSON has no such numbers; null reads as NaN), int, std::int64_t, bool,
// std::string, std::uint64_t (as a decimal string: JSON numbers are doubles), vectors, maps with
// string keys and described structs, nested freely. A type may bring its own pair
// `QJsonValue toJson(const T&)` / `void read(const QJsonValue&, const json::Where&, T&)`.
// Reading is strict about types (an error names the source and the key path, "a.b[2].c") and
// lenient about absent keys (they keep the struct's default), so a file written before a key
// existed still loads.
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "core/util/Error.h"

namespace drs::json {

template <class M, class S>
concept Is = std::same_as<std::remove_const_t<M>, S>;

template <class T>
concept Described = requires(T& value) {
    describe(value, [](const char*, auto&) {});
};

// ---- writing ----------------------------------------------------------------------------------

inline QJsonValue toJson(double v) {
    if (std::isnan(v)) return QStringLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    return v;
}
inline QJsonValue toJson(int v) { return v; }
inline QJsonValue toJson(std::int64_t v) { return static_cast<qint64>(v); }
inline QJsonValue toJson(std::uint64_t v) { return QString::number(v); }
inline QJsonValue toJson(bool v) { return v; }
inline QJsonValue toJson(const std::string& v) { return QString::fromStdString(v); }
template <class T>
QJsonValue toJson(const std::vector<T>& values);
template <class T>
QJsonValue toJson(const std::map<std::string, T>& map);
template <Described T>
QJsonObject toJson(const T& value);

template <class T>
QJsonValue toJson(const std::vector<T>& values) {
    QJsonArray array;
    for (const auto& v : values) array.append(toJson(v));
    return array;
}

template <class T>
QJsonValue toJson(const std::map<std::string, T>& map) {
    QJsonObject object;
    for (const auto& [key, v] : map) object.insert(QString::fromStdString(key), toJson(v));
    return object;
}

template <Described T>
QJsonObject toJson(const T& value) {
    QJsonObject object;
    describe(value, [&](const char* key, const auto& member) { object.insert(QLatin1String(key), toJson(member)); });
    return object;
}

// ---- reading ----------------------------------------------------------------------------------

// Where a value sits: its source (a file name, "memory", ...) and key path, for error messages.
class Where {
public:
    explicit Where(std::string source, std::string path = {}) : source_(std::move(source)), path_(std::move(path)) {}
    Where key(const std::string& key) const { return Where(source_, path_.empty() ? key : path_ + "." + key); }
    Where index(std::size_t i) const { return Where(source_, path_ + "[" + std::to_string(i) + "]"); }
    [[noreturn]] void fail(const std::string& problem) const {
        throw Error(source_ + ": " + (path_.empty() ? "" : path_ + ": ") + problem);
    }

private:
    std::string source_;
    std::string path_;
};

inline void read(const QJsonValue& v, const Where& where, double& out) {
    if (v.isDouble()) {
        out = v.toDouble();
        return;
    }
    const QString text = v.toString();
    if (v.isNull() || (v.isString() && text == "NaN")) {
        out = std::numeric_limits<double>::quiet_NaN();
    } else if (v.isString() && (text == "Infinity" || text == "-Infinity")) {
        out = (text == "Infinity" ? 1 : -1) * std::numeric_limits<double>::infinity();
    } else {
        where.fail("expected a number (or \"NaN\", \"Infinity\", \"-Infinity\")");
    }
}
inline void read(const QJsonValue& v, const Where& where, std::int64_t& out) {
    const double d = v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
    if (!(d == std::floor(d) && std::abs(d) <= 9007199254740992.0)) where.fail("expected an integer");
    out = static_cast<std::int64_t>(d);
}
inline void read(const QJsonValue& v, const Where& where, int& out) {
    const double d = v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
    if (!(d == std::floor(d) && std::abs(d) <= std::numeric_limits<int>::max())) where.fail("expected an integer");
    out = static_cast<int>(d);
}
inline void read(const QJsonValue& v, const Where& where, std::uint64_t& out) {
    bool ok = false;
    out = v.toString().toULongLong(&ok);
    if (!v.isString() || !ok) where.fail("expected a non-negative integer as a decimal string");
}
inline void read(const QJsonValue& v, const Where& where, bool& out) {
    if (!v.isBool()) where.fail("expected true or false");
    out = v.toBool();
}
inline void read(const QJsonValue& v, const Where& where, std::string& out) {
    if (!v.isString()) where.fail("expected a string");
    out = v.toString().toStdString();
}
inline QJsonObject objectAt(const QJsonValue& v, const Where& where) {
    if (!v.isObject()) where.fail("expected an object");
    return v.toObject();
}
template <class T>
void read(const QJsonValue& v, const Where& where, std::vector<T>& out);
template <class T>
void read(const QJsonValue& v, const Where& where, std::map<std::string, T>& out);
template <Described T>
void read(const QJsonValue& v, const Where& where, T& out);

// The keys of `object` that the table of T names, into `out`; other keys are ignored.
template <Described T>
void readFields(const QJsonObject& object, const Where& where, T& out) {
    describe(out, [&](const char* key, auto& member) {
        const auto found = object.find(QLatin1String(key));
        if (found != object.end()) read(*found, where.key(key), member);
    });
}

template <class T>
void read(const QJsonValue& v, const Where& where, std::vector<T>& out) {
    if (!v.isArray()) where.fail("expected an array");
    const QJsonArray array = v.toArray();
    out.assign(static_cast<std::size_t>(array.size()), T{});
    for (qsizetype i = 0; i < array.size(); ++i)
        read(array[i], where.index(static_cast<std::size_t>(i)), out[static_cast<std::size_t>(i)]);
}

template <class T>
void read(const QJsonValue& v, const Where& where, std::map<std::string, T>& out) {
    const QJsonObject object = objectAt(v, where);
    out.clear();
    for (auto it = object.begin(); it != object.end(); ++it)
        read(it.value(), where.key(it.key().toStdString()), out[it.key().toStdString()]);
}

template <Described T>
void read(const QJsonValue& v, const Where& where, T& out) {
    readFields(objectAt(v, where), where, out);
}

}  // namespace drs::json

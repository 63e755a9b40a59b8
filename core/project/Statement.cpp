#include "core/project/Statement.h"

#include <QSqlRecord>
#include <cmath>
#include <limits>

#include "core/project/ProjectDb.h"
#include "core/util/Error.h"

namespace drs::project {

Statement::Statement(const ProjectDb& db, const std::string& sql) : db_(db), sql_(sql), query_(db.connection()) {
    if (!query_.prepare(QString::fromStdString(sql))) db_.fail("prepare '" + sql + "'", query_.lastError());
}

Statement& Statement::bind(const char* name, const std::string& value) {
    query_.bindValue(QString::fromLatin1(name), QString::fromStdString(value));
    return *this;
}

Statement& Statement::bind(const char* name, const char* value) { return bind(name, std::string(value)); }

Statement& Statement::bind(const char* name, std::int64_t value) {
    query_.bindValue(QString::fromLatin1(name), QVariant::fromValue<qlonglong>(value));
    return *this;
}

Statement& Statement::bind(const char* name, int value) { return bind(name, static_cast<std::int64_t>(value)); }

Statement& Statement::bind(const char* name, double value) {
    if (std::isnan(value)) return bindNull(name);
    query_.bindValue(QString::fromLatin1(name), value);
    return *this;
}

Statement& Statement::bind(const char* name, const std::optional<double>& value) {
    return value ? bind(name, *value) : bindNull(name);
}

Statement& Statement::bind(const char* name, const std::optional<int>& value) {
    return value ? bind(name, *value) : bindNull(name);
}

Statement& Statement::bind(const char* name, const std::optional<std::int64_t>& value) {
    return value ? bind(name, *value) : bindNull(name);
}

Statement& Statement::bindNull(const char* name) {
    query_.bindValue(QString::fromLatin1(name), QVariant());
    return *this;
}

Statement& Statement::run(const std::string& what) {
    if (!query_.exec()) db_.fail(what, query_.lastError());
    columns_.clear();
    return *this;
}

std::int64_t Statement::insert(const std::string& what) {
    run(what);
    if (!next()) throw Error(db_.path() + ": cannot " + what + ": the database returned no id");
    const std::int64_t id = integer("id");
    finish();
    return id;
}

bool Statement::next() { return query_.next(); }

void Statement::finish() { query_.finish(); }

int Statement::columnIndex(const char* name) const {
    for (const auto& [column, index] : columns_)
        if (column == name) return index;
    const int index = query_.record().indexOf(QString::fromLatin1(name));
    // A name the SELECT does not have is a bug in this program, not in the user's file.
    if (index < 0) throw Error(db_.path() + ": no column '" + name + "' in the result of '" + sql_ + "'");
    columns_.emplace_back(name, index);
    return index;
}

std::string Statement::text(const char* column) const {
    return query_.value(columnIndex(column)).toString().toStdString();
}

std::int64_t Statement::integer(const char* column) const { return query_.value(columnIndex(column)).toLongLong(); }

double Statement::real(const char* column) const {
    const QVariant value = query_.value(columnIndex(column));
    return value.isNull() ? std::numeric_limits<double>::quiet_NaN() : value.toDouble();
}

std::optional<double> Statement::optionalReal(const char* column) const {
    const QVariant value = query_.value(columnIndex(column));
    if (value.isNull()) return std::nullopt;
    return value.toDouble();
}

std::optional<int> Statement::optionalInteger(const char* column) const {
    const QVariant value = query_.value(columnIndex(column));
    if (value.isNull()) return std::nullopt;
    return value.toInt();
}

bool Statement::isNull(const char* column) const { return query_.value(columnIndex(column)).isNull(); }

}  // namespace drs::project

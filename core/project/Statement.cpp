#include "core/project/Statement.h"

#include <QSqlRecord>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/project/ProjectDb.h"
#include "core/project/SqlDialect.h"
#include "core/util/Error.h"

namespace drs::project {

Statement::Statement(const ProjectDb& db, const std::string& sql) : db_(db), sql_(sql) {
    try {
        prepare();
    } catch (const ConnectionLost&) {
        // Nothing was sent yet; inside a transaction, that transaction went with the connection.
        if (db_.transactionDepth() > 0) throw;
        db_.reconnect();
        prepare();
    }
}

void Statement::prepare() {
    query_ = QSqlQuery(db_.connection());
    if (!query_.prepare(QString::fromStdString(sql_))) db_.fail("prepare '" + sql_ + "'", query_.lastError());
    for (const auto& [name, value] : bound_) query_.bindValue(name, value);
}

Statement& Statement::bindValue(const char* name, const QVariant& value) {
    const QString key = QString::fromLatin1(name);
    const auto known =
        std::find_if(bound_.begin(), bound_.end(), [&](const auto& entry) { return entry.first == key; });
    if (known != bound_.end())
        known->second = value;
    else
        bound_.emplace_back(key, value);
    query_.bindValue(key, value);
    return *this;
}

Statement& Statement::bind(const char* name, const std::string& value) {
    return bindValue(name, QString::fromStdString(value));
}

Statement& Statement::bind(const char* name, const char* value) { return bind(name, std::string(value)); }

Statement& Statement::bind(const char* name, std::int64_t value) {
    return bindValue(name, QVariant::fromValue<qlonglong>(value));
}

Statement& Statement::bind(const char* name, int value) { return bind(name, static_cast<std::int64_t>(value)); }

Statement& Statement::bind(const char* name, double value) {
    if (std::isnan(value)) return bindNull(name);
    return bindValue(name, value);
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

Statement& Statement::bindNull(const char* name) { return bindValue(name, QVariant()); }

Statement& Statement::run(const std::string& what) {
    columns_.clear();
    if (query_.exec()) return *this;
    const QSqlError error = query_.lastError();
    const bool query = QString::fromStdString(sql_).trimmed().startsWith(QLatin1String("SELECT"), Qt::CaseInsensitive);
    if (db_.transactionDepth() > 0 || !db_.dialect().isConnectionLost(db_, error)) db_.fail(what, error);
    if (!query)
        throw Error(db_.path() + ": cannot " + what +
                    ": the connection to the database server was lost while it ran (" +
                    error.databaseText().simplified().toStdString() +
                    "), so it may or may not have been saved: check before repeating it");
    db_.reconnect();
    prepare();
    if (!query_.exec()) db_.fail(what, query_.lastError());
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

#include "core/util/Csv.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs {

namespace {

std::vector<std::vector<std::string>> parseRecords(const std::string& text, const std::string& path) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string cell;
    bool quoted = false;
    bool cellStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            cellStarted = true;
        } else if (c == ',') {
            record.push_back(std::move(cell));
            cell.clear();
            cellStarted = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (cellStarted || !cell.empty() || !record.empty()) {
                record.push_back(std::move(cell));
                records.push_back(std::move(record));
            }
            record.clear();
            cell.clear();
            cellStarted = false;
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted) throw Error(path + ": unterminated quoted cell");
    if (cellStarted || !cell.empty() || !record.empty()) {
        record.push_back(std::move(cell));
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace

std::size_t CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == name) return i;
    throw Error((source.empty() ? std::string("table") : source) + ": no column named '" + name + "'");
}

bool CsvTable::hasColumn(const std::string& name) const {
    for (const auto& h : header)
        if (h == name) return true;
    return false;
}

CsvTable readCsv(const std::string& path) {
    if (std::filesystem::is_directory(std::filesystem::u8path(path)))
        throw Error(path + ": is a folder; a CSV file is expected");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open for reading");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    auto records = parseRecords(text, path);
    if (records.empty()) throw Error(path + ": empty CSV file (no header row)");
    CsvTable table;
    table.source = path;
    table.header = std::move(records.front());
    if (table.header.size() == 1) {
        // One column whose name holds another separator: a CSV saved with ';' (or tabs), as some
        // spreadsheet locales do. Reading it as one column would lose every value.
        for (const char separator : {';', '\t'}) {
            if (table.header[0].find(separator) == std::string::npos) continue;
            throw Error(path + ": the header has no comma but is separated by '" +
                        (separator == ';' ? std::string(";") : std::string("tab")) +
                        "'; save the table with commas between columns");
        }
    }
    std::map<std::string, std::size_t> firstColumnOf;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        const auto [at, added] = firstColumnOf.emplace(table.header[c], c);
        if (!added)
            throw Error(path + ": the column name '" + table.header[c] + "' appears twice (columns " +
                        std::to_string(at->second + 1) + " and " + std::to_string(c + 1) + "); names must be unique");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != table.header.size())
            throw Error(path + ": line " + std::to_string(r + 1) + " has " + std::to_string(records[r].size()) +
                        " cells, the header has " + std::to_string(table.header.size()));
        table.rows.push_back(std::move(records[r]));
    }
    return table;
}

std::string csvEscape(const std::string& cell) {
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (char c : cell) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csvText(const CsvTable& table) {
    std::string text;
    auto writeRow = [&text](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + csvEscape(row[i]);
        text += '\n';
    };
    writeRow(table.header);
    for (const auto& row : table.rows) writeRow(row);
    return text;
}

void writeCsv(const std::string& path, const CsvTable& table) { writeTextAtomically(path, csvText(table)); }

std::string formatDouble(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

double parseDouble(const std::string& text, const std::string& where) {
    std::size_t begin = text.find_first_not_of(" \t");
    std::size_t end = text.find_last_not_of(" \t");
    if (begin == std::string::npos) return std::numeric_limits<double>::quiet_NaN();
    std::string trimmed = text.substr(begin, end - begin + 1);
    if (trimmed == "nan" || trimmed == "NaN" || trimmed == "NA" || trimmed == "na")
        return std::numeric_limits<double>::quiet_NaN();
    if (trimmed == "inf" || trimmed == "Inf") return std::numeric_limits<double>::infinity();
    if (trimmed == "-inf" || trimmed == "-Inf") return -std::numeric_limits<double>::infinity();
    double value = 0;
    const char* first = trimmed.data();
    if (*first == '+') ++first;
    auto result = std::from_chars(first, trimmed.data() + trimmed.size(), value);
    if (result.ec != std::errc() || result.ptr != trimmed.data() + trimmed.size())
        throw Error(where + ": '" + text + "' is not a number");
    return value;
}

std::optional<long> parseWholeNumber(const std::string& text) {
    long value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace drs

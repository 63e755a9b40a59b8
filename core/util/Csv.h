#pragma once
#include <optional>
#include <string>
#include <vector>

namespace drs {

// A CSV file as text cells: a header row and data rows (RFC 4180 quoting).
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    // Index of a header column; throws Error naming the column and the file when absent.
    std::size_t column(const std::string& name) const;
    bool hasColumn(const std::string& name) const;
    std::string source;  // file the table was read from, for messages
};

CsvTable readCsv(const std::string& path);
void writeCsv(const std::string& path, const CsvTable& table);
// The table as CSV text (header row first), as writeCsv writes it.
std::string csvText(const CsvTable& table);
std::string csvEscape(const std::string& cell);

// Shortest round-trip decimal text of a double ("nan", "inf", "-inf" for non-finite values).
std::string formatDouble(double value);
// Parses a number; empty text, "nan" and "NA" give NaN; anything else unparsable throws Error.
double parseDouble(const std::string& text, const std::string& where);
// The whole number the text spells, nothing else (no blanks, sign "+" or fraction); nullopt otherwise.
std::optional<long> parseWholeNumber(const std::string& text);

}  // namespace drs

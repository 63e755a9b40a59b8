#pragma once
// Which columns of a clinical CSV identify a patient, so that import never stores them: by header
// (names, birth dates, addresses, contact details, record numbers) and by content (values that are
// e-mail addresses, telephone numbers, calendar dates, person names or copies of the patient id,
// whatever the header says).
#include <string>
#include <vector>

namespace drs {

// The header names a direct identifier; compared in lower case without '_', '-', '.' and blanks.
bool isIdentifierHeader(const std::string& header);

// Why a column's values identify patients, e.g. "12 of 12 values are calendar dates", or empty.
// A column is identifying when at least half of its non-empty values are of one identifying kind.
// patientIds[i] is the patient id of row i (cells[i] is that row's value).
std::string identifyingContent(const std::vector<std::string>& cells, const std::vector<std::string>& patientIds);

}  // namespace drs

#include "core/pipeline/IdentifierColumns.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <set>

namespace drs {

namespace {

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool isEmail(const std::string& value) {
    static const std::regex email(R"([^@\s]+@[^@\s]+\.[A-Za-z]{2,})");
    return std::regex_match(value, email);
}

// A year alone is not identifying (HIPAA's safe harbour keeps years); a day is.
bool isCalendarDate(const std::string& value) {
    static const std::string month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?";
    static const std::array<std::regex, 5> dates = {
        std::regex(R"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T][0-9:.]+Z?)?)"),             // 1960-03-12, 1960/3/12
        std::regex(R"(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"),                            // 12/03/1960, 12.03.60
        std::regex(R"(\d{1,2}[ -])" + month + R"([ -]\d{2,4})", std::regex::icase),  // 12 March 1960, 12-Mar-60
        std::regex(month + R"( \d{1,2},? \d{4})", std::regex::icase),                // March 12, 1960
        std::regex(R"((19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))"),            // DICOM DA: 19600312
    };
    return std::any_of(dates.begin(), dates.end(),
                       [&](const std::regex& date) { return std::regex_match(value, date); });
}

// Nine or more digits written as a telephone number is: with a leading '+' or '0', or with separators.
// One dot makes a decimal number, not a telephone number.
bool isTelephoneNumber(const std::string& value) {
    static const std::regex phone(R"(\+?[0-9 ()./-]+)");
    if (!std::regex_match(value, phone) || std::count(value.begin(), value.end(), '.') == 1) return false;
    const auto digits = std::count_if(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
    const bool separated = value.find_first_of(" ()/-") != std::string::npos;
    const bool dotted = std::count(value.begin(), value.end(), '.') >= 2;
    return digits >= 9 && (value.front() == '+' || value.front() == '0' || separated || dotted);
}

// DICOM's person-name form "Doe^John" and the "Doe, John" of hospital lists.
bool isPersonName(const std::string& value) {
    static const std::regex dicomName(R"([A-Za-z' -]+\^[A-Za-z' ^.-]*)");
    static const std::regex listName(R"([A-Z][A-Za-z'-]+, [A-Z][A-Za-z'-]+( [A-Z][A-Za-z'.-]*)*)");
    return std::regex_match(value, dicomName) || std::regex_match(value, listName);
}

}  // namespace

bool isIdentifierHeader(const std::string& header) {
    static const std::set<std::string> names = {"name",
                                                "patientname",
                                                "firstname",
                                                "lastname",
                                                "surname",
                                                "givenname",
                                                "familyname",
                                                "fullname",
                                                "middlename",
                                                "maidenname",
                                                "initials",
                                                "birthdate",
                                                "dateofbirth",
                                                "dob",
                                                "birthday",
                                                "patientbirthdate",
                                                "address",
                                                "streetaddress",
                                                "street",
                                                "postcode",
                                                "postalcode",
                                                "zip",
                                                "zipcode",
                                                "phone",
                                                "telephone",
                                                "phonenumber",
                                                "mobile",
                                                "email",
                                                "emailaddress",
                                                "mrn",
                                                "medicalrecordnumber",
                                                "recordnumber",
                                                "hospitalnumber",
                                                "hospitalid",
                                                "nhsnumber",
                                                "ssn",
                                                "socialsecuritynumber",
                                                "insurancenumber",
                                                "accessionnumber",
                                                "nationalid"};
    std::string key;
    for (const unsigned char c : header)
        if (c != '_' && c != '-' && c != '.' && c != ' ') key += static_cast<char>(std::tolower(c));
    return names.count(key) > 0;
}

std::string identifyingContent(const std::vector<std::string>& cells, const std::vector<std::string>& patientIds) {
    struct Kind {
        const char* description;
        int count = 0;
    };
    std::array<Kind, 5> kinds = {Kind{"e-mail addresses"}, Kind{"telephone numbers"}, Kind{"calendar dates"},
                                 Kind{"person names"}, Kind{"copies of the patient id"}};
    int nonEmpty = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& value = cells[i];
        if (value.empty()) continue;
        ++nonEmpty;
        kinds[0].count += isEmail(value);
        kinds[1].count += isTelephoneNumber(value);
        kinds[2].count += isCalendarDate(value);
        kinds[3].count += isPersonName(value);
        // Short ids ("7") occur inside ordinary values ("70"); only longer ones are looked for inside.
        const std::string id = i < patientIds.size() ? lowerCase(patientIds[i]) : std::string();
        const std::string cell = lowerCase(value);
        kinds[4].count += !id.empty() && (cell == id || (id.size() >= 4 && cell.find(id) != std::string::npos));
    }
    for (const Kind& kind : kinds)
        if (kind.count > 0 && 2 * kind.count >= nonEmpty)
            return std::to_string(kind.count) + " of " + std::to_string(nonEmpty) + " values are " + kind.description;
    return {};
}

}  // namespace drs

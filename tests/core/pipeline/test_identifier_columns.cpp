// Which clinical columns identify patients, by header and by content. The expected answers are the
// rules themselves applied by hand: the kinds of value a data-protection officer names (HIPAA's
// list: names, dates more precise than a year, telephone numbers, e-mail addresses, record
// numbers), and ordinary clinical values that must pass.
#include <QtTest>

#include "core/pipeline/IdentifierColumns.h"

using drs::identifyingContent;
using drs::isIdentifierHeader;

class TestIdentifierColumns : public QObject {
    Q_OBJECT

    static std::string of(const std::vector<std::string>& cells, const std::vector<std::string>& ids = {}) {
        return identifyingContent(cells, ids);
    }

private slots:
    void headers() {
        for (const char* header : {"patient_name", "Date of Birth", "DOB", "e-mail", "Phone", "MRN", "Post.Code"})
            QVERIFY2(isIdentifierHeader(header), header);
        for (const char* header : {"age", "sex", "smoking", "centre", "histology", "name_of_scanner"})
            QVERIFY2(!isIdentifierHeader(header), header);
    }

    void eachKindIsNamedWithItsCount() {
        QCOMPARE(of({"a.b@example.org", "c@d.co"}), std::string("2 of 2 values are e-mail addresses"));
        QCOMPARE(of({"+33 1 23 45 67 89", "(555) 123-4567", "0612345678"}),
                 std::string("3 of 3 values are telephone numbers"));
        QCOMPARE(of({"1960-03-12", "12/03/1960", "12.03.60", "12 March 1960", "Mar 12, 1960", "19600312"}),
                 std::string("6 of 6 values are calendar dates"));
        QCOMPARE(of({"Doe^Jane", "Smith, Anna", "Lee^Kim^M"}), std::string("3 of 3 values are person names"));
        QCOMPARE(of({"LUNG-0042", "scan of LUNG-0043"}, {"LUNG-0042", "LUNG-0043"}),
                 std::string("2 of 2 values are copies of the patient id"));
    }

    // At least half of the non-empty values; empty cells do not count.
    void halfOfTheValuesDecides() {
        QCOMPARE(of({"1960-03-12", "61", "", ""}), std::string("1 of 2 values are calendar dates"));
        QCOMPARE(of({"1960-03-12", "61", "70", ""}), std::string());
    }

    void ordinaryClinicalValuesPass() {
        for (const std::vector<std::string>& cells :
             std::vector<std::vector<std::string>>{{"61", "70", "45"},
                                                   {"0.123456789", "12.5", "-3.25"},
                                                   {"1960", "2019", "2021"},
                                                   {"F", "M", "M"},
                                                   {"never", "former", "current"},
                                                   {"upper left lobe", "T2N0M0", "adenocarcinoma"},
                                                   {"Centre-A", "Centre-B", "Centre-C"},
                                                   {"1234567890", "2345678901"},
                                                   {"2019-2020", "3-5"}})
            QVERIFY2(of(cells, {"7", "4", "6"}).empty(), cells.front().c_str());
    }

    // A short id ("7") inside an ordinary value ("70") is no copy of it; equal is.
    void shortIdsAreMatchedOnlyWhole() {
        QCOMPARE(of({"70", "41"}, {"7", "4"}), std::string());
        QCOMPARE(of({"7", "41"}, {"7", "4"}), std::string("1 of 2 values are copies of the patient id"));
    }
};

QTEST_APPLESS_MAIN(TestIdentifierColumns)
#include "test_identifier_columns.moc"

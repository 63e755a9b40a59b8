// drs::parseYaml reads a pyradiomics-style parameter file as PyYAML's safe_load does
// (tests/data/yaml/README.md), and refuses what it would read differently.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "core/util/Error.h"
#include "core/util/Yaml.h"

namespace {

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

QString errorOf(const std::string& text) {
    try {
        drs::parseYaml(text, "p.yaml");
    } catch (const drs::Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

}  // namespace

class TestYaml : public QObject {
    Q_OBJECT
private slots:
    void readsWhatPyYamlReads() {
        const QString folder = QStringLiteral(DRS_TEST_DATA "/yaml/");
        const QJsonValue ours = drs::parseYaml(fileBytes(folder + "scalars.yaml").toStdString(), "scalars.yaml");
        const QJsonObject pyyaml = QJsonDocument::fromJson(fileBytes(folder + "scalars.json")).object();
        QVERIFY(!pyyaml.isEmpty());
        QVERIFY(ours.isObject());
        for (const QString& section : pyyaml.keys()) {
            const QJsonObject expected = pyyaml[section].toObject(), got = ours.toObject()[section].toObject();
            QCOMPARE(got.keys(), expected.keys());
            for (const QString& key : expected.keys())
                QVERIFY2(got[key] == expected[key],
                         qPrintable(section + "." + key + ": " + QJsonDocument(QJsonObject{{key, got[key]}}).toJson()));
        }
        QCOMPARE(ours.toObject().keys(), pyyaml.keys());
    }

    void numbersInOtherFormsAreRefused() {
        for (const char* value : {"017", "0x1F", "0b101", "1:30", ".inf", "-.inf", ".nan"}) {
            const QString error = errorOf(std::string("setting:\n  binWidth: ") + value + "\n");
            QVERIFY2(error.startsWith(QStringLiteral("p.yaml: line 2: '") + value + "' is a number"),
                     qPrintable(error));
        }
        QCOMPARE(errorOf("setting:\n  binWidth: 0\n"), QString());
    }

    void syntaxErrorsNameTheLine() {
        const QString error = errorOf("setting:\n  binWidth: [25\n  label: 1\n");
        QVERIFY2(error.startsWith(QLatin1String("p.yaml: not valid YAML (")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String(" at line ")), qPrintable(error));
        QVERIFY2(!error.contains('\n'), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestYaml)
#include "test_yaml.moc"

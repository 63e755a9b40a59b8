#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

#include "app/cli/Command.h"
#include "core/image/ImageIO.h"
#include "core/util/Error.h"

namespace drs::cli {
namespace {

QJsonArray triple(const std::array<double, 3>& v) { return {v[0], v[1], v[2]}; }

int runInfo(const Args& args) {
    args.allowOnly({"series", "out", "key-file"});
    if (args.positional().size() != 1) throw Error("usage: drs info STUDY");
    const std::string path = args.positional().front();
    QJsonObject json;
    QJsonArray series;
    if (isDirectory(path)) {
        for (const auto& s : listDicomSeries(path)) {
            series.append(QJsonObject{{"series_instance_uid", QString::fromStdString(s.seriesInstanceUid)},
                                      {"description", QString::fromStdString(s.description)},
                                      {"modality", QString::fromStdString(s.modality)},
                                      {"files", static_cast<qint64>(s.fileCount)},
                                      {"subfolder", QString::fromStdString(s.subfolder)}});
        }
    }
    ReadOptions options;
    options.seriesInstanceUid = args.valueOr("series", "");
    // Only a DICOM study names its patient; only then is a site key needed (and made on first use).
    std::optional<SiteKey> key;
    if (isDirectory(path)) options.siteKey = &key.emplace(loadSiteKey(args.valueOr("key-file", "")));
    StudyInfo info;
    const Volume volume = readVolume(path, options, &info);
    const Geometry& g = volume.geometry;
    QJsonArray direction;
    for (double d : g.direction) direction.append(d);
    json["path"] = QString::fromStdString(path);
    json["size"] = QJsonArray{static_cast<qint64>(g.sizeXyz[0]), static_cast<qint64>(g.sizeXyz[1]),
                              static_cast<qint64>(g.sizeXyz[2])};
    json["spacing"] = triple(g.spacingMm);
    json["origin"] = triple(g.originMm);
    json["direction"] = direction;
    json["modality"] = QString::fromStdString(info.modality);
    json["series_instance_uid"] = QString::fromStdString(info.seriesInstanceUid);
    json["series_description"] = QString::fromStdString(info.seriesDescription);
    if (!info.pseudonym.empty()) json["patient_pseudonym"] = QString::fromStdString(info.pseudonym);
    json["series"] = series;
    writeOutput(args, QJsonDocument(json).toJson(QJsonDocument::Indented).toStdString());
    return 0;
}

const Registrar registrar({"info",
                           "geometry and series of a study (DICOM folder, NIfTI, NRRD) as JSON",
                           "STUDY [--series UID] [--key-file SITE.key] [--out FILE.json]",
                           {},
                           runInfo});

}  // namespace
}  // namespace drs::cli

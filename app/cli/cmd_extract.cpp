#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/cli/Command.h"
#include "app/cli/FeatureTable.h"
#include "core/image/ImageIO.h"
#include "core/pipeline/Shard.h"
#include "core/radiomics/Diagnostics.h"
#include "core/radiomics/Extractor.h"
#include "core/radiomics/VoxelMaps.h"
#include "core/roi/DicomMask.h"
#include "core/roi/MaskFile.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"
#include "core/util/Hash.h"

namespace drs::cli {
namespace {

using radiomics::CaseResult;
using radiomics::CaseSpec;

std::uint16_t parseLabel(const std::string& text, const std::string& where) {
    const std::optional<long> value = parseWholeNumber(text);
    if (!value || *value < 1 || *value > 65535)
        throw Error(where + ": label '" + text + "' is not a whole number in 1..65535");
    return static_cast<std::uint16_t>(*value);
}

// Settings from --params, then the explicit flags on top.
radiomics::ParameterFile settingsFrom(const Args& args) {
    radiomics::ParameterFile params;
    if (args.has("params")) params = radiomics::readParameterFile(args.value("params"));
    for (const std::string& keyAndValue : args.all("setting")) radiomics::applySettingOverride(params, keyAndValue);
    if (args.has("bin-width")) {
        params.settings.binWidth = args.number("bin-width", 25);
        params.settings.binCount.reset();
    }
    if (args.has("label")) params.settings.label = parseLabel(args.value("label"), "--label");
    if (args.has("wavelet")) params.waveletEnabled = true;
    radiomics::validate(params.settings, args.has("params") ? args.value("params") : "command line");
    return params;
}

// The column a batch file names ours, or by pyradiomics' batch-file name ("Image", "Mask", "Label").
std::optional<std::size_t> columnOf(const CsvTable& table, const std::string& ours, const std::string& pyradiomics) {
    if (table.hasColumn(ours)) return table.column(ours);
    if (table.hasColumn(pyradiomics)) return table.column(pyradiomics);
    return std::nullopt;
}

// A cases file read: its cases, and the columns drs extract does not read (an outcome, a centre,
// ...), which the feature table carries after id as pyradiomics' batch mode carries them.
struct CasesFile {
    std::vector<CaseSpec> cases;
    std::vector<std::string> extraColumns;
    std::vector<std::vector<std::string>> extraValues;  // per case, in extraColumns' order
};

// A column named like a feature ("<image type>_<class>_<feature>") would collide with one.
bool namedLikeFeature(const std::string& column) {
    static const std::vector<std::string> classes = [] {
        std::vector<std::string> all = {"shape", "shape2D", "firstorder", "glcm", "glrlm", "glszm", "gldm", "ngtdm"};
        all.insert(all.end(), radiomics::kIbsiClasses.begin(), radiomics::kIbsiClasses.end());
        return all;
    }();
    const std::size_t first = column.find('_'), second = column.find('_', first + 1);
    if (first == std::string::npos || second == std::string::npos) return false;
    return std::count(classes.begin(), classes.end(), column.substr(first + 1, second - first - 1)) > 0;
}

// Cases of a batch file: columns id, image, mask and optionally roi and label; relative paths are
// taken relative to the file's folder. pyradiomics' batch files (Image, Mask[, Label], ID or no id)
// read as they are: without an id column a case's id is its row number, 1 for the first case.
CasesFile readCases(const std::string& path, std::uint16_t defaultLabel) {
    const CsvTable table = readCsv(path);
    const auto id = columnOf(table, "id", "ID"), label = columnOf(table, "label", "Label"),
               roi = columnOf(table, "roi", "ROI");
    const auto image = columnOf(table, "image", "Image"), mask = columnOf(table, "mask", "Mask"),
               series = columnOf(table, "series", "Series");
    if (!image || !mask)
        throw Error(path + ": a cases file needs the columns image and mask (or pyradiomics' Image and Mask)");
    const auto channel = columnOf(table, "label_channel", "Label_channel");
    CasesFile file;
    std::vector<std::size_t> extra;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        if (c == id || c == label || c == roi || c == image || c == mask || c == series || c == channel) continue;
        if (namedLikeFeature(table.header[c]))
            throw Error(path + ": column '" + table.header[c] +
                        "' is named like a feature, so it cannot be carried "
                        "into the feature table; rename it");
        extra.push_back(c);
        file.extraColumns.push_back(table.header[c]);
    }
    const QString folder = QFileInfo(QString::fromStdString(path)).absolutePath();
    auto resolve = [&](const std::string& p) {
        const QFileInfo info(QString::fromStdString(p));
        return (info.isAbsolute() ? info.filePath() : folder + "/" + info.filePath()).toStdString();
    };
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::string where = path + " row " + std::to_string(r + 2);
        if (channel && !row[*channel].empty())
            throw Error(where +
                        ": Label_channel (a channel of a 4D mask) is not supported; give each channel as "
                        "its own mask file");
        CaseSpec c;
        c.id = id ? row[*id] : std::to_string(r + 1);
        if (c.id.empty()) throw Error(where + ": empty id");
        c.imagePath = resolve(row[*image]);
        if (series) c.seriesInstanceUid = row[*series];
        c.maskPath = resolve(row[*mask]);
        if (roi) c.roiName = row[*roi];
        c.label = label && !row[*label].empty() ? parseLabel(row[*label], where) : defaultLabel;
        file.cases.push_back(c);
        std::vector<std::string> values;
        for (std::size_t column : extra) values.push_back(row[column]);
        file.extraValues.push_back(std::move(values));
    }
    if (file.cases.empty()) throw Error(path + ": no cases");
    return file;
}

// The image types a parameter file enables, under pyradiomics' imageType keys.
QJsonArray imageTypes(const radiomics::ParameterFile& params) {
    QJsonArray types;
    for (const std::string& type : params.imageTypeNames()) types.append(QString::fromStdString(type));
    return types;
}

// The features the parameter file's featureClass asks for, in extraction order, after the
// diagnostics when it asks for them (pyradiomics' order: versions, configuration, the case's).
FeatureRow wantedFeatures(const CaseResult& r, const radiomics::ParameterFile& params) {
    FeatureRow row{r.id, {}, {}, {}, {}, {}};
    for (const auto& f : r.features)
        if (params.wants(f.name)) {
            row.names.push_back(f.name);
            row.values.push_back(f.value);
        }
    if (r.diagnostics.empty()) return row;
    const auto add = [&](const std::string& name, const std::string& value) {
        row.diagnosticNames.push_back(name);
        row.diagnosticValues.push_back(value);
    };
    add("diagnostics_Versions_DeepRadScore", r.provenance.softwareVersion);
    add("diagnostics_Configuration_Settings", r.provenance.settingsJson);
    add("diagnostics_Configuration_EnabledImageTypes",
        QJsonDocument(imageTypes(params)).toJson(QJsonDocument::Compact).toStdString());
    for (const auto& d : r.diagnostics) add(d.name, d.value);
    return row;
}

// Results are in the cases' order.
std::string featureCsv(const std::vector<CaseResult>& results, const CasesFile& file,
                       const radiomics::ParameterFile& params) {
    std::vector<FeatureRow> rows;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (results[i].error.empty()) {
            rows.push_back(wantedFeatures(results[i], params));
            rows.back().extra = file.extraValues[i];
        }
    return featureRowsCsv(rows, file.extraColumns);
}

// Provenance of one row, as written beside --out in FILE.provenance.json.
QJsonObject provenanceRow(const CaseResult& r, const radiomics::ParameterFile& params) {
    QJsonObject row{
        {"id", QString::fromStdString(r.id)},
        {"software", "DeepRadScore Studio"},
        {"software_version", QString::fromStdString(r.provenance.softwareVersion)},
        {"image_sha256", QString::fromStdString(r.provenance.imageSha256)},
        {"mask_sha256", QString::fromStdString(r.provenance.maskSha256)},
        {"settings", QJsonDocument::fromJson(QByteArray::fromStdString(r.provenance.settingsJson)).object()},
        {"image_types", imageTypes(params)}};
    if (!r.provenance.roiName.empty()) row.insert("roi", QString::fromStdString(r.provenance.roiName));
    if (!r.provenance.seriesInstanceUid.empty())
        row.insert("series", QString::fromStdString(r.provenance.seriesInstanceUid));
    return row;
}

// Masks as every other command takes them (readMaskOnGrid): a label map, an RTSTRUCT, a DICOM SEG
// or a 3D Slicer segmentation. A file's one ROI is label 1 whatever --label says; --label chooses
// among the labels of a label map (or of a Slicer segmentation read whole).
radiomics::CaseMask readCaseMask(const CaseSpec& c, const Geometry& imageGrid, const std::string& frameOfReferenceUid) {
    MaskOnGrid mask = readMaskOnGrid(c.maskPath, c.roiName, imageGrid, frameOfReferenceUid);
    return {std::move(mask.labels), mask.oneRoi ? std::uint16_t{1} : c.label};
}

// The image series an RTSTRUCT or DICOM SEG mask is drawn on, as the other commands read a study
// for its mask (readStudyForMask). A mask that cannot be read here is left to readCaseMask, whose
// error for its case names the file.
std::vector<std::string> seriesTheMaskReferences(const CaseSpec& c) {
    if (!c.seriesInstanceUid.empty() || !isDicomFile(c.maskPath)) return {};
    try {
        return dicomMaskReferencedSeries(c.maskPath);
    } catch (const Error&) {
        return {};
    }
}

void writeProvenance(const Args& args, const std::vector<CaseResult>& results, const radiomics::ParameterFile& params) {
    if (!args.has("out")) return;
    QJsonArray rows;
    for (const auto& r : results)
        if (r.error.empty()) rows.append(provenanceRow(r, params));
    writeProvenanceRows(args.value("out"), rows);
}

// The carried columns and each case's cells, for the merge: {"columns": [...], "rows": [[...], ...]}
// ({} without carried columns).
std::string extraColumnsJson(const CasesFile& file) {
    if (file.extraColumns.empty()) return "{}";
    QJsonArray columns, rows;
    for (const auto& name : file.extraColumns) columns.append(QString::fromStdString(name));
    for (const auto& values : file.extraValues) {
        QJsonArray row;
        for (const auto& cell : values) row.append(QString::fromStdString(cell));
        rows.append(row);
    }
    return QJsonDocument(QJsonObject{{"columns", columns}, {"rows", rows}})
        .toJson(QJsonDocument::Compact)
        .toStdString();
}

// What a sharded job computes: the cases as resolved, the settings and the release. Tasks of one
// job agree on it; a folder of results from another job is refused.
std::string jobFingerprint(const CasesFile& file, const radiomics::ParameterFile& params) {
    std::string job = std::string("radiomics\n") + DRS_VERSION + "\n" + params.settings.toJson() +
                      (params.waveletEnabled ? "\nwavelet" : "\noriginal");
    for (const std::string& name : radiomics::featureNames(params.waveletEnabled))
        if (!params.wants(name)) job += "\nwithout " + name;
    if (params.additionalInfo) job += "\ndiagnostics";
    for (const auto& c : file.cases)
        job += "\n" + c.id + "\t" + c.imagePath + "\t" + c.maskPath + "\t" + c.roiName + "\t" +
               std::to_string(c.label) + (c.seriesInstanceUid.empty() ? "" : "\t" + c.seriesInstanceUid);
    // A change to the carried columns is another job.
    if (!file.extraColumns.empty()) job += "\n" + extraColumnsJson(file);
    return sha256(job);
}

// This task's share of the cases, each stored as soon as it is done: a killed task loses only
// the case it was computing, and running it again computes only what is missing.
int runShard(const Args& args, const CasesFile& file, const radiomics::ParameterFile& params, int threads) {
    const std::vector<CaseSpec>& cases = file.cases;
    const Shard shard = parseShard(args.value("shard"));
    const ShardFolder folder(args.value("out-dir"), jobFingerprint(file, params), cases.size(), extraColumnsJson(file));
    std::size_t done = 0, computed = 0, failed = 0;
    for (std::size_t index : shareOf(shard, cases.size())) {
        if (folder.isDone(index, cases[index].id)) {
            ++done;
            continue;
        }
        const CaseResult r = radiomics::extractBatch({cases[index]}, params.settings, params.waveletEnabled, threads,
                                                     nullptr, readCaseMask, params.additionalInfo)
                                 .front();
        ShardCaseResult stored;
        stored.index = index;
        stored.id = r.id;
        stored.error = r.error;
        const FeatureRow wanted = wantedFeatures(r, params);
        stored.names = wanted.names;
        stored.values = wanted.values;
        stored.textNames = wanted.diagnosticNames;
        stored.textValues = wanted.diagnosticValues;
        if (r.error.empty())
            stored.provenanceJson =
                QJsonDocument(provenanceRow(r, params)).toJson(QJsonDocument::Compact).toStdString();
        folder.store(stored);
        ++computed;
        if (!r.error.empty()) {
            ++failed;
            std::cerr << "drs extract: case " << r.id << ": " << r.error << "\n";
        }
    }
    std::cerr << "drs extract: shard " << shard.index << "/" << shard.count << ": " << computed << " computed, " << done
              << " already done, " << failed << " failed\n";
    return failed == 0 ? 0 : 1;
}

// pyradiomics' --mode voxel: a map per feature, OUT-DIR/<id>_<feature>.nrrd (double voxels, on the
// ROI's bounding box padded by kernelRadius), and OUT-DIR/<id>.provenance.json (with the cases
// file's own columns, as pyradiomics' voxel table lists them beside the maps). A failing case does
// not stop the others.
int runVoxelMaps(const Args& args, const CasesFile& file, const radiomics::ParameterFile& params, int threads) {
    const QString dir = QString::fromStdString(args.value("out-dir"));
    if (!QDir().mkpath(dir)) throw Error(args.value("out-dir") + ": cannot create the folder");
    const radiomics::VoxelSettings voxel = params.voxelSetting.value_or(radiomics::VoxelSettings{});
    std::size_t failed = 0;
    for (std::size_t index = 0; index < file.cases.size(); ++index) {
        const CaseSpec& c = file.cases[index];
        try {
            if (c.id.find_first_of("/\\") != std::string::npos)
                throw Error("the id '" + c.id + "' names the map files, so it cannot hold a slash");
            StudyInfo info;
            ReadOptions options;
            options.seriesInstanceUid = c.seriesInstanceUid;
            options.maskSeriesUids = c.maskSeriesUids;
            const Volume image = readVolume(c.imagePath, options, &info);
            const radiomics::CaseMask mask = readCaseMask(c, image.geometry, info.frameOfReferenceUid);
            radiomics::Settings settings = params.settings;
            settings.label = mask.label;
            const std::vector<radiomics::FeatureMap> maps = radiomics::extractVoxelMaps(
                image, mask.labels, settings, params.waveletEnabled, voxel,
                [&](const std::string& name) { return params.wants(name); }, nullptr, threads, c.maskPath);
            if (maps.empty())
                throw Error("the parameter file asks for no feature that has a map (shape features have none)");
            QJsonArray files;
            for (const radiomics::FeatureMap& map : maps) {
                const std::string file = c.id + "_" + map.name + ".nrrd";
                writeValueMap(map.values, (dir + "/").toStdString() + file);
                files.append(QString::fromStdString(file));
            }
            QJsonObject provenance{
                {"id", QString::fromStdString(c.id)},
                {"software", "DeepRadScore Studio"},
                {"software_version", DRS_VERSION},
                {"image_sha256", QString::fromStdString(radiomics::sourceSha256(c.imagePath))},
                {"mask_sha256", QString::fromStdString(radiomics::sourceSha256(c.maskPath))},
                {"settings", QJsonDocument::fromJson(QByteArray::fromStdString(settings.toJson())).object()},
                {"voxel_settings", QJsonDocument::fromJson(QByteArray::fromStdString(voxel.toJson())).object()},
                {"image_types", imageTypes(params)},
                {"maps", files}};
            if (!c.roiName.empty()) provenance.insert("roi", QString::fromStdString(c.roiName));
            if (!info.seriesInstanceUid.empty())
                provenance.insert("series", QString::fromStdString(info.seriesInstanceUid));
            if (!file.extraColumns.empty()) {
                QJsonObject columns;
                for (std::size_t k = 0; k < file.extraColumns.size(); ++k)
                    columns.insert(QString::fromStdString(file.extraColumns[k]),
                                   QString::fromStdString(file.extraValues[index][k]));
                provenance.insert("columns", columns);
            }
            if (params.additionalInfo) {
                QJsonObject diagnostics;
                for (const radiomics::Diagnostic& d :
                     radiomics::caseDiagnostics(image, mask.labels, settings, c.maskPath))
                    diagnostics.insert(QString::fromStdString(d.name), QString::fromStdString(d.value));
                provenance.insert("diagnostics", diagnostics);
            }
            Args sidecar({"--out", (dir + "/").toStdString() + c.id + ".provenance.json"}, {});
            writeOutput(sidecar, QJsonDocument(provenance).toJson(QJsonDocument::Indented).toStdString());
            std::cerr << "drs extract: case " << c.id << ": " << maps.size() << " maps in " << args.value("out-dir")
                      << "\n";
        } catch (const std::exception& e) {
            ++failed;
            std::cerr << "drs extract: case " << c.id << ": " << e.what() << "\n";
        }
    }
    if (failed == file.cases.size()) throw Error(file.cases.size() == 1 ? "no maps written" : "every case failed");
    return failed == 0 ? 0 : 1;
}

int runExtract(const Args& args) {
    args.allowOnly({"image", "series", "mask", "roi", "label", "params", "wavelet", "bin-width", "id", "out", "cases",
                    "threads", "shard", "out-dir", "mode", "setting", "quiet"});
    const radiomics::ParameterFile params = settingsFrom(args);
    CasesFile file;
    std::vector<CaseSpec>& cases = file.cases;
    if (args.has("cases")) {
        if (args.has("image") || args.has("series") || args.has("mask") || args.has("roi") || args.has("id"))
            throw Error(
                "--cases cannot be combined with --image, --series, --mask, --roi or --id (the cases file has series "
                "and roi columns)");
        file = readCases(args.value("cases"), params.settings.label);
    } else {
        CaseSpec single;
        single.imagePath = args.value("image");
        single.seriesInstanceUid = args.valueOr("series", "");
        single.maskPath = args.value("mask");
        single.roiName = args.valueOr("roi", "");
        single.label = params.settings.label;
        single.id =
            args.valueOr("id", QFileInfo(QString::fromStdString(single.imagePath)).completeBaseName().toStdString());
        cases.push_back(single);
        file.extraValues.emplace_back();
    }
    for (CaseSpec& c : cases) c.maskSeriesUids = seriesTheMaskReferences(c);
    const long threads = args.integer("threads", 2);
    if (threads < 1 || threads > 256) throw Error("--threads must be in 1..256");
    const std::string mode = args.valueOr("mode", "segment");
    if (mode != "segment" && mode != "voxel") throw Error("--mode must be segment or voxel (got '" + mode + "')");
    // pyradiomics' own cautions where an image type's dimension differs from the features'.
    const auto& types = params.settings.imageTypes;
    if (std::count(types.begin(), types.end(), "LBP2D") && !params.settings.force2D)
        std::cerr << "drs extract: LBP2D is computed slice by slice, its features in 3D (force2D is off; "
                     "pyradiomics warns the same)\n";
    if (std::count(types.begin(), types.end(), "LBP3D") && params.settings.force2D)
        std::cerr << "drs extract: LBP3D is computed in 3D, its features slice by slice (force2D is on; "
                     "pyradiomics warns the same)\n";
    if (mode == "voxel") {
        if (args.has("shard") || args.has("out") || !args.has("out-dir"))
            throw Error("--mode voxel writes its maps to --out-dir DIR (not --out, and not sharded)");
        if (const auto asked = params.settings.ibsiClassesAsked(); !asked.empty())
            throw Error(args.value("params") + ": featureClass." + asked.front() +
                        " has no voxel-based maps (IBSI's classes that pyradiomics lacks are computed per ROI)");
        return runVoxelMaps(args, file, params, static_cast<int>(threads));
    }
    if (params.voxelSetting)
        std::cerr << "drs extract: the parameter file's voxelSetting applies to --mode voxel only\n";
    if (args.has("shard") != args.has("out-dir")) throw Error("--shard and --out-dir go together");
    if (args.has("shard")) {
        if (!args.has("cases")) throw Error("--shard needs --cases");
        if (args.has("out")) throw Error("--shard writes to --out-dir; drs merge --shards DIR --out makes the CSV");
        return runShard(args, file, params, static_cast<int>(threads));
    }
    std::vector<CaseResult> results;
    {
        // Ended before the failed cases are named, so that they start on lines of their own.
        ConsoleProgress progress(args.has("quiet") || cases.size() == 1);
        results = radiomics::extractBatch(cases, params.settings, params.waveletEnabled, static_cast<int>(threads),
                                          &progress, readCaseMask, params.additionalInfo);
    }
    std::size_t failed = 0;
    for (const auto& r : results)
        if (!r.error.empty()) {
            ++failed;
            std::cerr << "drs extract: case " << r.id << ": " << r.error << "\n";
        }
    if (failed == results.size()) throw Error(cases.size() == 1 ? results.front().error : "every case failed");
    writeOutput(args, featureCsv(results, file, params));
    writeProvenance(args, results, params);
    return failed == 0 ? 0 : 1;
}

const Registrar registrar(
    {"extract",
     "pyradiomics-compatible radiomics features (107, or 851 with --wavelet) as CSV",
     "--image STUDY [--series UID] --mask MASK|RS.dcm|SEG.dcm|S.seg.nrrd [--roi NAME] [--label 1] [--params P.yaml|P.json] [--setting KEY:VALUE ...] "
     "[--wavelet] [--bin-width 25] [--id NAME] [--out FEATURES.csv]\n"
     "       drs extract --cases CASES.csv (id,image,mask[,series][,roi][,label], or pyradiomics' Image,Mask[,Label]) [--threads 2] [--params P.yaml|P.json] "
     "[--wavelet] [--bin-width 25] [--out FEATURES.csv] [--quiet (no progress on stderr)]\n"
     "       drs extract --cases CASES.csv --shard I/N --out-dir DIR ...   task I of N of an array job: its share of\n"
     "       the cases as DIR/case-*.json (drs merge --shards DIR makes FEATURES.csv or fills a project)\n"
     "       drs extract (--image ... --mask ... | --cases CASES.csv) --mode voxel --out-dir DIR [--params P.yaml]\n"
     "       pyradiomics' voxel-based maps: DIR/<id>_<feature>.nrrd per first-order and texture feature of each\n"
     "       image type (the parameter file's voxelSetting: kernelRadius, maskedKernel, initValue)\n"
     "--params: a pyradiomics parameter file (YAML or JSON); its featureClass chooses the columns, its imageType\n"
     "adds Wavelet, LoG (sigma), Square, SquareRoot, Logarithm, Exponential, Gradient, LBP2D and LBP3D (93 features\n"
     "each image). Beside pyradiomics' classes, featureClass may name IBSI's gldzm, intensityhistogram,\n"
     "intensitystatistics, intensityvolumehistogram (setting ivhBinWidth or ivhBinCount), localintensity,\n"
     "morphology and ngldm: IBSI's features that pyradiomics lacks; setting force2DPerSlice (with force2D)\n"
     "gives IBSI's 2D aggregation, each slice's texture averaged, instead of one matrix over all slices.\n"
     "--setting KEY:VALUE (repeatable, as pyradiomics' --setting): a setting or voxelSetting over the parameter\n"
     "file, e.g. --setting binWidth:10 --setting distances:1,2 --setting kernelRadius:2.\n"
     "--roi chooses the ROI of an RTSTRUCT, DICOM SEG or 3D Slicer segmentation (a file's one ROI is chosen\n"
     "without it); --label chooses among a label map's labels.\n"
     "A DICOM STUDY folder is read with its subfolders; when it holds several image series, --series (or the\n"
     "cases file's series column) chooses one, else the series an RTSTRUCT or DICOM SEG mask references.\n"
     "A cases file's other columns (an outcome, a centre, ...) follow id in FEATURES.csv, as in pyradiomics'\n"
     "batch output; drs lasso and drs cv leave them out with --exclude. --setting additionalInfo:true (or the\n"
     "parameter file's) adds pyradiomics' diagnostics_* columns after them.\n"
     "Provenance (version, settings, image and mask sha256, ROI, DICOM series) goes to FEATURES.csv.provenance.json.",
     {"wavelet", "quiet"},
     runExtract});

}  // namespace
}  // namespace drs::cli

#include "core/roi/SlicerSegmentation.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string_view>

#include "core/image/ImageIO.h"
#include "core/util/Csv.h"
#include "core/util/Error.h"

namespace drs {

namespace {

// The "key:=value" lines of an NRRD header, which ends at the first blank line (or at the end
// of a detached .nhdr); empty when the file is not NRRD.
std::map<std::string, std::string> nrrdKeyValues(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::map<std::string, std::string> values;
    char magic[7] = {};
    if (!file.read(magic, sizeof magic) || std::string_view(magic, sizeof magic) != "NRRD000") return values;
    std::string line;
    std::getline(file, line);
    while (std::getline(file, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;
        const auto separator = line.find(":=");
        if (separator != std::string::npos) values[line.substr(0, separator)] = line.substr(separator + 2);
    }
    return values;
}

long wholeNumber(const std::string& text, long low, long high, const std::string& what) {
    const std::optional<long> value = parseWholeNumber(text);
    if (!value || *value < low || *value > high)
        throw Error(what + " is '" + text + "'; a whole number in " + std::to_string(low) + ".." +
                    std::to_string(high) + " is expected");
    return *value;
}

std::string namesOf(const std::vector<SlicerSegment>& segments) {
    std::string names;
    for (const auto& segment : segments) names += (names.empty() ? "'" : ", '") + segment.name + "'";
    return names;
}

// The segmentation on the image grid: Slicer may have cropped it to the segments' extent.
LabelMap placedOnGrid(const LabelMap& segmentation, const Geometry& grid, const std::string& path) {
    std::string why;
    std::optional<LabelMap> placed = alignedOnto(segmentation, grid, why);
    if (!placed)
        throw Error(path + ": mask does not match the image: " + why +
                    "; in 3D Slicer, save the segmentation with the CT as its reference geometry");
    return std::move(*placed);
}

}  // namespace

bool isSlicerSegmentationFileName(const std::string& fileName) {
    static const std::string extension = ".seg.nrrd";
    return fileName.size() > extension.size() &&
           std::equal(extension.rbegin(), extension.rend(), fileName.rbegin(),
                      [](char e, char c) { return e == std::tolower(static_cast<unsigned char>(c)); });
}

bool isSlicerSegmentation(const std::string& path) {
    for (const auto& [key, value] : nrrdKeyValues(path))
        if (key.rfind("Segment", 0) == 0 && key.find('_') != std::string::npos) return true;
    return false;
}

std::vector<SlicerSegment> slicerSegments(const std::string& path) {
    static const std::regex segmentKey("Segment([0-9]+)_(.+)");
    std::map<long, std::map<std::string, std::string>> byIndex;
    for (const auto& [key, value] : nrrdKeyValues(path)) {
        std::smatch match;
        if (std::regex_match(key, match, segmentKey)) byIndex[std::stol(match[1].str())][match[2].str()] = value;
    }
    if (byIndex.empty()) throw Error(path + ": names no 3D Slicer segment (no Segment0_... keys in its NRRD header)");
    std::vector<SlicerSegment> segments;
    std::set<std::string> seen;
    for (const auto& [index, keys] : byIndex) {
        const std::string what = path + ": Segment" + std::to_string(index);
        SlicerSegment segment;
        const auto field = [&](const char* name) {
            const auto found = keys.find(name);
            return found == keys.end() ? std::string() : found->second;
        };
        segment.name = !field("Name").empty() ? field("Name")
                       : !field("ID").empty() ? field("ID")
                                              : "Segment_" + std::to_string(index + 1);
        const bool labelled = !field("LabelValue").empty();
        if (labelled)
            segment.labelValue =
                static_cast<std::uint16_t>(wholeNumber(field("LabelValue"), 1, 65535, what + "_LabelValue"));
        segment.layer = !field("Layer").empty()
                            ? static_cast<unsigned>(wholeNumber(field("Layer"), 0, 65535, what + "_Layer"))
                        : labelled ? 0u
                                   : static_cast<unsigned>(segments.size());
        if (!seen.insert(segment.name).second)
            throw Error(path + ": two segments are named '" + segment.name + "'; rename one in 3D Slicer");
        segments.push_back(segment);
    }
    return segments;
}

LabelMap readSlicerSegmentation(const std::string& path, const std::string& roiName, const Geometry& grid) {
    const std::vector<SlicerSegment> segments = slicerSegments(path);
    const std::vector<LabelMap> layers = readLabelLayers(path);
    for (const auto& segment : segments)
        if (segment.layer >= layers.size())
            throw Error(path + ": segment '" + segment.name + "' is in layer " + std::to_string(segment.layer) +
                        ", but the file holds " + std::to_string(layers.size()) + " layer(s)");
    const bool oneLayer = std::all_of(segments.begin(), segments.end(),
                                      [&](const SlicerSegment& s) { return s.layer == segments.front().layer; });
    if (roiName.empty() && segments.size() > 1) {
        if (!oneLayer)
            throw Error(path + ": holds " + std::to_string(segments.size()) + " overlapping segments (" +
                        namesOf(segments) + "); choose one by name (--roi)");
        return placedOnGrid(layers[segments.front().layer], grid, path);
    }
    const auto chosen = roiName.empty() ? segments.begin()
                                        : std::find_if(segments.begin(), segments.end(),
                                                       [&](const SlicerSegment& s) { return s.name == roiName; });
    if (chosen == segments.end())
        throw Error(path + ": has no segment named '" + roiName + "' (its segments: " + namesOf(segments) + ")");
    LabelMap binary(layers[chosen->layer].geometry, 0);
    std::size_t voxels = 0;
    for (std::size_t i = 0; i < binary.voxels.size(); ++i)
        if (layers[chosen->layer].voxels[i] == chosen->labelValue) {
            binary.voxels[i] = 1;
            ++voxels;
        }
    if (voxels == 0)
        throw Error(path + ": segment '" + chosen->name + "' is empty (no voxel holds its value " +
                    std::to_string(chosen->labelValue) + ")");
    return placedOnGrid(binary, grid, path);
}

std::vector<SlicerSegmentationFile> slicerSegmentationsOf(const std::string& studyPath, const Geometry& grid) {
    namespace fs = std::filesystem;
    const fs::path study = fs::u8path(studyPath);
    std::error_code error;
    const bool folder = fs::is_directory(study, error);
    std::vector<std::string> paths;
    const auto consider = [&](const fs::directory_entry& entry) {
        std::error_code notAFile;
        if (isSlicerSegmentationFileName(entry.path().filename().string()) && entry.is_regular_file(notAFile))
            paths.push_back(entry.path().string());
    };
    const auto options = fs::directory_options::skip_permission_denied;
    if (folder)
        for (auto it = fs::recursive_directory_iterator(study, options, error); !error && it != fs::end(it);
             it.increment(error))
            consider(*it);
    else
        for (auto it = fs::directory_iterator(study.parent_path().empty() ? fs::path(".") : study.parent_path(),
                                              options, error);
             !error && it != fs::end(it); it.increment(error))
            consider(*it);
    std::sort(paths.begin(), paths.end());
    std::vector<SlicerSegmentationFile> files;
    for (const std::string& path : paths) {
        SlicerSegmentationFile file{path, {}, {}};
        try {
            std::string why;
            if (!voxelsAlignWith(readImageGeometry(path), grid, why)) {
                file.problem = path + ": its voxels are not the image's: " + why;
            } else {
                for (const SlicerSegment& segment : slicerSegments(path)) file.segmentNames.push_back(segment.name);
            }
        } catch (const Error& e) {
            file.problem = e.what();
        }
        files.push_back(std::move(file));
    }
    return files;
}

}  // namespace drs

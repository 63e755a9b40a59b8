#pragma once
// Writes segmentation files the way 3D Slicer saves them (.seg.nrrd), following the NRRD0004
// specification and the Segment<i>_... keys Slicer puts in the header, so that tests can hand the
// product what a Slicer user would.
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/image/Grid.h"

namespace drs::test {

struct SlicerSegmentSpec {
    std::string name;
    int labelValue = 1;  // < 0: no _LabelValue / _Layer keys (Slicer before 4.11)
    int layer = 0;
};

// layers: one label map per layer, all on the first one's geometry (several: an NRRD "list" axis
// first, as Slicer writes overlapping segments). rasSpace: the header in right-anterior-superior
// coordinates, as older Slicer versions wrote it; the geometry is the same LPS one.
inline void writeSlicerSegmentation(const std::string& path, const std::vector<LabelMap>& layers,
                                    const std::vector<SlicerSegmentSpec>& segments, bool rasSpace = false) {
    const Geometry& g = layers.front().geometry;
    const double sign[3] = {rasSpace ? -1.0 : 1.0, rasSpace ? -1.0 : 1.0, 1.0};
    std::ostringstream header;
    header << std::setprecision(17) << "NRRD0004\n# written like a 3D Slicer segmentation\ntype: unsigned char\n"
           << "dimension: " << (layers.size() > 1 ? 4 : 3) << "\n"
           << "space: " << (rasSpace ? "right-anterior-superior" : "left-posterior-superior") << "\nsizes:";
    if (layers.size() > 1) header << " " << layers.size();
    header << " " << g.sizeXyz[0] << " " << g.sizeXyz[1] << " " << g.sizeXyz[2] << "\nspace directions:";
    if (layers.size() > 1) header << " none";
    for (int axis = 0; axis < 3; ++axis)
        header << " (" << sign[0] * g.direction[0 * 3 + axis] * g.spacingMm[axis] << ","
               << sign[1] * g.direction[1 * 3 + axis] * g.spacingMm[axis] << ","
               << sign[2] * g.direction[2 * 3 + axis] * g.spacingMm[axis] << ")";
    header << "\nkinds:" << (layers.size() > 1 ? " list" : "") << " domain domain domain\nencoding: raw\n"
           << "space origin: (" << sign[0] * g.originMm[0] << "," << sign[1] * g.originMm[1] << ","
           << sign[2] * g.originMm[2] << ")\n"
           << "Segmentation_MasterRepresentation:=Binary labelmap\n";
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string key = "Segment" + std::to_string(i) + "_";
        header << key << "Color:=0.5 0.7 0.2\n" << key << "ID:=Segment_" << i + 1 << "\n";
        if (segments[i].labelValue >= 0)
            header << key << "LabelValue:=" << segments[i].labelValue << "\n"
                   << key << "Layer:=" << segments[i].layer << "\n";
        header << key << "Name:=" << segments[i].name << "\n" << key << "Tags:=Segmentation.Status:inprogress|\n";
    }
    header << "\n";
    std::string data;
    for (std::size_t v = 0; v < g.voxelCount(); ++v)
        for (const LabelMap& layer : layers) data += static_cast<char>(layer.voxels[v]);
    std::ofstream file(path, std::ios::binary);
    file << header.str() << data;
    if (!file) throw std::runtime_error(path + ": cannot write");
}

}  // namespace drs::test

// Grey level size zone matrix (GLSZM) features, pyradiomics definitions: the zone matrix
// (Zones.h) with each zone counted at its size.
#include "core/radiomics/TextureFamilies.h"
#include "core/radiomics/Zones.h"

namespace drs::radiomics {

FamilyValues glszmFeatures(const GreyLevelImage& grey, const Settings& settings) {
    const GreyLevelZones zones = greyLevelZones(grey, settings, false);
    const ZoneMatrixFeatures f = zoneMatrixFeatures(zoneMatrix(grey, zones, zones.size));
    return {{"GrayLevelNonUniformity", f.greyLevelNonUniformity},
            {"GrayLevelNonUniformityNormalized", f.greyLevelNonUniformityNormalized},
            {"GrayLevelVariance", f.greyLevelVariance},
            {"HighGrayLevelZoneEmphasis", f.highGreyLevelZoneEmphasis},
            {"LargeAreaEmphasis", f.largeExtentEmphasis},
            {"LargeAreaHighGrayLevelEmphasis", f.largeExtentHighGreyLevelEmphasis},
            {"LargeAreaLowGrayLevelEmphasis", f.largeExtentLowGreyLevelEmphasis},
            {"LowGrayLevelZoneEmphasis", f.lowGreyLevelZoneEmphasis},
            {"SizeZoneNonUniformity", f.extentNonUniformity},
            {"SizeZoneNonUniformityNormalized", f.extentNonUniformityNormalized},
            {"SmallAreaEmphasis", f.smallExtentEmphasis},
            {"SmallAreaHighGrayLevelEmphasis", f.smallExtentHighGreyLevelEmphasis},
            {"SmallAreaLowGrayLevelEmphasis", f.smallExtentLowGreyLevelEmphasis},
            {"ZoneEntropy", f.zoneEntropy},
            {"ZonePercentage", f.zonePercentage},
            {"ZoneVariance", f.extentVariance}};
}

}  // namespace drs::radiomics

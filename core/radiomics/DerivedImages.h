#pragma once
#include <mutex>
#include <string>
#include <vector>

#include "core/image/Grid.h"
#include "core/radiomics/Lbp3D.h"
#include "core/radiomics/Region.h"

namespace drs::radiomics {

// pyradiomics' image types besides Original and Wavelet. Each function returns the derived image
// cropped to `box` (x fastest), computed from the image as `map` reads it (the normalisation the
// original image received), so features follow as for the original image.

// LoG: ITK's LaplacianRecursiveGaussianImageFilter as SimpleITK runs it for pyradiomics (float
// output, normalised across scale, sigma in mm along each axis's spacing), on the whole image: the
// recursive filter reaches every voxel of a line, so a crop would change the values.
std::vector<double> laplacianOfGaussian(const Volume& image, const Box& box, const IntensityMap& map, double sigmaMm);

// Gradient: ITK's GradientMagnitudeImageFilter (central differences, the border voxel repeated
// outside the image, float output), in mm units unless useSpacing is false. Computed on the box
// plus one voxel, all that the stencil reads.
std::vector<double> gradientMagnitude(const Volume& image, const Box& box, const IntensityMap& map, bool useSpacing);

// LBP2D: scikit-image's local_binary_pattern as pyradiomics' getLBP2DImage runs it, slice by slice
// across axis `acrossAxis` (0 = z: rows y, columns x; 1 = y: rows z, columns x; 2 = x: rows y,
// columns z). `samples` neighbours at angles 2 pi p / samples on a circle of `radiusVoxels`
// (offsets rounded to 5 decimals), each interpolated bilinearly with 0 outside the image and set
// when at or above the centre; `method` turns the set neighbours into a value (LbpMethod). "var" is
// NaN where the neighbours are all equal. Computed on the box from the whole image, in image
// indices, so the floating-point sums are scikit-image's.
std::vector<double> localBinaryPattern2D(const Volume& image, const Box& box, const IntensityMap& map,
                                         double radiusVoxels, int samples, LbpMethod method, int acrossAxis);

// The largest |value| of the whole image as `map` reads it: the scale of the point transforms.
double maximumAbsolute(const Volume& image, const IntensityMap& map);

// Point transforms of the box intensities, scaled by the whole image's maximumAbsolute as
// pyradiomics scales them (in double, as numpy computes them):
//   square       (v / sqrt(m))^2
//   squareroot   sign(v) sqrt(|v| m)
//   logarithm    sign(v) log(|v| + 1) m / log(m + 1)
//   exponential  exp(v log(m) / m)
std::vector<double> squareImage(const std::vector<double>& boxIntensity, double maxAbs);
std::vector<double> squareRootImage(const std::vector<double>& boxIntensity, double maxAbs);
std::vector<double> logarithmImage(const std::vector<double>& boxIntensity, double maxAbs);
std::vector<double> exponentialImage(const std::vector<double>& boxIntensity, double maxAbs);

// One of the derived images Settings::imageTypes asks for, by its pyradiomics name.
struct DerivedTask {
    std::string name;  // "log-sigma-1-0-mm-3D", "square", ...
    std::string type;  // its imageType key
    double sigmaMm = 0;
    int lbp3DLevel = 0;  // LBP3D: the image lbp-3D-m<level>; 0: the kurtosis lbp-3D-k
};

// The derived images of the settings, in kDerivedImageTypes order (LoG once per sigma, LBP3D once
// per level and once for the kurtosis).
std::vector<DerivedTask> derivedTasks(const Settings& settings);

// What the derived images of one region share, each computed once, when a task first needs it
// (tasks on several threads may ask together): the whole image's largest |value|, the scale of the
// point transforms, and the LBP3D images, which come out of one pass over the samples.
class DerivedImageCache {
public:
    double maximumAbsolute(const Volume& image, const IntensityMap& map);
    const Lbp3DImages& lbp3D(const Volume& image, const Region& region, const Settings& settings);

private:
    std::once_flag maxAbsDone_, lbp3DDone_;
    double maxAbs_ = 0;
    Lbp3DImages lbp3D_;
};

// The task's image on region.box, from region.intensity and region.intensityMap; `shared` is one
// per region, shared by its tasks.
std::vector<double> derivedImage(const DerivedTask& task, const Volume& image, const Region& region,
                                 const Settings& settings, DerivedImageCache& shared);

// pyradiomics' name of a LoG image: Python's text of the float sigma with '.' as '-'
// (1.0 -> "log-sigma-1-0-mm-3D", 0.5 -> "log-sigma-0-5-mm-3D"). pyradiomics names a sigma written
// as an integer without the "-0"; the parameter readers here cannot tell 3 from 3.0.
std::string logImageName(double sigmaMm);

}  // namespace drs::radiomics

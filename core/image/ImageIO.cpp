// ITK-backed readers and writers. This translation unit is the only place core/image touches
// ITK's image types, so the rest of the engine sees plain Grids.
#include "core/image/ImageIO.h"

#include <gdcmTrace.h>
#include <itkGDCMImageIO.h>
#include <itkImage.h>
#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkImageIOFactory.h>
#include <itkImageSeriesReader.h>
#include <itkMetaDataObject.h>
#include <itkRGBPixel.h>
#include <itkVectorImage.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "core/image/DicomScan.h"
#include "core/image/GantryTilt.h"
#include "core/image/NiftiHeader.h"
#include "core/image/Pseudonym.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"
#include "core/util/TemporaryName.h"
#include "core/util/WriteFailure.h"

namespace drs {

namespace {

namespace fs = std::filesystem;
using FloatImage = itk::Image<float, 3>;
using DoubleImage = itk::Image<double, 3>;
using LabelImage = itk::Image<std::uint16_t, 3>;

template <class ItkImage>
Geometry geometryOf(const ItkImage* image) {
    Geometry g;
    const auto region = image->GetLargestPossibleRegion();
    for (unsigned a = 0; a < 3; ++a) {
        g.sizeXyz[a] = static_cast<std::int64_t>(region.GetSize()[a]);
        g.spacingMm[a] = image->GetSpacing()[a];
        g.originMm[a] = image->GetOrigin()[a];
        for (unsigned b = 0; b < 3; ++b) g.direction[a * 3 + b] = image->GetDirection()[a][b];
    }
    return g;
}

StoredVoxel storedVoxelOf(itk::IOComponentEnum component) {
    using Component = itk::IOComponentEnum;
    switch (component) {
    case Component::CHAR: return StoredVoxel::Int8;
    case Component::UCHAR: return StoredVoxel::UInt8;
    case Component::SHORT: return StoredVoxel::Int16;
    case Component::USHORT: return StoredVoxel::UInt16;
    case Component::INT: return StoredVoxel::Int32;
    case Component::UINT: return StoredVoxel::UInt32;
    case Component::LONG:
    case Component::LONGLONG: return StoredVoxel::Int64;
    case Component::ULONG:
    case Component::ULONGLONG: return StoredVoxel::UInt64;
    case Component::DOUBLE: return StoredVoxel::Float64;
    default: return StoredVoxel::Float32;
    }
}

bool holdsOnly(const Volume& volume, const std::array<double, 2>& range) {
    return std::all_of(volume.voxels.begin(), volume.voxels.end(),
                       [&](float v) { return v == std::trunc(v) && v >= range[0] && v <= range[1]; });
}

// The type ITK reports, unless a voxel is none of its values (a DICOM series whose rescale varies
// from slice to slice is typed by its first slice): then float32, which every voxel is. (A file
// ITK must scale, as a NIfTI with scl_slope, it reports as float itself.)
StoredVoxel typeOfEvery(const Volume& volume, StoredVoxel reported) {
    const auto range = storedRange(reported);
    return !range || holdsOnly(volume, *range) ? reported : StoredVoxel::Float32;
}

template <class ItkImage>
typename ItkImage::Pointer itkImageOf(const Geometry& g) {
    auto image = ItkImage::New();
    typename ItkImage::RegionType region;
    typename ItkImage::SpacingType spacing;
    typename ItkImage::PointType origin;
    typename ItkImage::DirectionType direction;
    for (unsigned a = 0; a < 3; ++a) {
        region.SetSize(a, static_cast<itk::SizeValueType>(g.sizeXyz[a]));
        spacing[a] = g.spacingMm[a];
        origin[a] = g.originMm[a];
        for (unsigned b = 0; b < 3; ++b) direction[a][b] = g.direction[a * 3 + b];
    }
    image->SetRegions(region);
    image->SetSpacing(spacing);
    image->SetOrigin(origin);
    image->SetDirection(direction);
    image->Allocate();
    return image;
}

std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    // ITK prefixes messages with source locations; keep the description only.
    if (auto pos = line.find("): "); pos != std::string::npos) line = line.substr(pos + 3);
    return line;
}

std::string describeItkError(const itk::ExceptionObject& e) {
    const char* description = e.GetDescription();
    std::string text = description && *description ? description : e.what();
    return firstLine(text);
}

std::string tagValue(const itk::MetaDataDictionary& dictionary, const std::string& tag) {
    std::string value;
    itk::ExposeMetaData<std::string>(dictionary, tag, value);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\0')) value.pop_back();
    return value;
}

DicomSeriesSummary summaryOf(const ScannedSeries& scanned, const std::string& folder) {
    DicomSeriesSummary summary;
    summary.seriesInstanceUid = scanned.seriesInstanceUid;
    summary.description = scanned.description;
    summary.modality = scanned.modality;
    summary.fileCount = scanned.filesInSliceOrder.size();
    const fs::path where = fs::u8path(scanned.filesInSliceOrder.front()).parent_path();
    const fs::path relative = where.lexically_relative(fs::u8path(folder));
    if (!relative.empty() && relative != ".") summary.subfolder = relative.generic_string();
    return summary;
}

std::vector<DicomSeriesSummary> summariesOf(const std::vector<ScannedSeries>& series, const std::string& folder) {
    std::vector<DicomSeriesSummary> summaries;
    for (const auto& scanned : series) summaries.push_back(summaryOf(scanned, folder));
    return summaries;
}

std::string listed(const std::vector<DicomSeriesSummary>& series) {
    std::string list;
    for (const auto& s : series) {
        list += (list.empty() ? "" : "; ") + s.seriesInstanceUid + " (" + (s.modality.empty() ? "?" : s.modality);
        if (!s.description.empty()) list += " '" + s.description + "'";
        list += ", " + std::to_string(s.fileCount) + (s.fileCount == 1 ? " file" : " files");
        if (!s.subfolder.empty()) list += ", in " + s.subfolder + "/";
        list += ")";
    }
    return list;
}

Volume readDicomSeries(const std::string& folder, const ReadOptions& options, StudyInfo* info) {
    const DicomFolderScan scan = scanDicomFolder(folder);
    const auto& series = scan.series;
    if (series.empty()) throw Error(folder + ": no DICOM image series found in this folder or its subfolders");

    const ScannedSeries* chosen = nullptr;
    if (options.seriesInstanceUid.empty()) {
        const auto named = seriesNamed(series, options.maskSeriesUids);
        if (series.size() > 1 && named.size() != 1)
            throw SeveralDicomSeries(folder, summariesOf(series, folder), scan.roiFiles);
        chosen = series.size() == 1 ? &series.front() : named.front();
    } else {
        for (const auto& candidate : series)
            if (candidate.seriesInstanceUid == options.seriesInstanceUid) chosen = &candidate;
        if (!chosen)
            throw Error(folder + ": no DICOM image series with SeriesInstanceUID " + options.seriesInstanceUid +
                        "; it holds " + listed(summariesOf(series, folder)));
    }

    if (const std::string problem = sliceOrientationProblem(*chosen); !problem.empty())
        throw Error(folder + ": " + problem);
    if (const std::string problem = sliceSpacingProblem(*chosen); !problem.empty())
        throw Error(folder + ": " + problem + "; the series is not read, as its geometry would be wrong");
    const auto& files = chosen->filesInSliceOrder;
    // GDCM keeps process-wide state while it reads (its reader is known to crash when two threads
    // read at once), so one DICOM series is read at a time; import reads several studies side by side.
    static std::mutex gdcmReading;
    const std::lock_guard<std::mutex> reading(gdcmReading);
    // GDCM writes its warnings straight to stderr, three lines per slice: a JPEG 2000 CT whose
    // codestream holds more bits than Bits Stored (common, and GDCM corrects it) fills a terminal
    // with hundreds. What GDCM cannot read still fails below, with an error naming the folder.
    gdcm::Trace::WarningOff();
    auto dicomIO = itk::GDCMImageIO::New();
    auto reader = itk::ImageSeriesReader<FloatImage>::New();
    reader->SetImageIO(dicomIO);
    reader->SetFileNames(files);
    // sliceSpacingProblem has judged the steps along the normal (to 1 %); ITK's own check, at 1e-4,
    // would print a warning for the positions' rounding in the headers of a tilted series.
    reader->SetSpacingWarningRelThreshold(0.01);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& e) {
        throw Error(folder + ": cannot read the DICOM series: " + describeItkError(e));
    }
    FloatImage* image = reader->GetOutput();
    Volume volume(geometryOf(image));
    const float* buffer = image->GetBufferPointer();
    std::copy(buffer, buffer + volume.voxels.size(), volume.voxels.begin());
    volume.stored = storedVoxelOf(dicomIO->GetComponentType());
    const SliceShifts shifts = sliceShiftsOf(*chosen);
    // A tenth of a pixel over the whole series is within what the headers' decimals and a
    // feature's resolution can tell apart; more is a tilted gantry (or a table that moved sideways).
    const bool tilted = std::any_of(shifts.shiftsMm.begin(), shifts.shiftsMm.end(), [&](const auto& shift) {
        return std::abs(shift[0]) > 0.1 * volume.geometry.spacingMm[0] ||
               std::abs(shift[1]) > 0.1 * volume.geometry.spacingMm[1];
    });
    if (tilted) {
        const auto& along = chosen->positionsAlongNormalMm;
        volume = placeTiltedSlices(volume, shifts.shiftsMm,
                                   (along.back() - along.front()) / static_cast<double>(along.size() - 1));
    }
    volume.stored = typeOfEvery(volume, volume.stored);

    if (info) {
        const auto& dictionary = dicomIO->GetMetaDataDictionary();
        info->modality = tagValue(dictionary, "0008|0060");
        info->seriesInstanceUid = tagValue(dictionary, "0020|000e");
        info->seriesDescription = tagValue(dictionary, "0008|103e");
        info->frameOfReferenceUid = tagValue(dictionary, "0020|0052");
        const std::string patientId = tagValue(dictionary, "0010|0020");
        info->pseudonym = options.siteKey && !patientId.empty() ? pseudonymise(patientId, *options.siteKey) : "";
        info->files.assign(files.begin(), files.end());
        info->roiFiles = scan.roiFiles;
        if (tilted) {
            info->gantryTiltDegrees = shifts.tiltDegrees;
            info->largestSliceShiftMm = shifts.largestMm;
        }
    }
    return volume;
}

// Checks ITK cannot make itself: it names every unreadable file "Could not create IO object", and
// its NIfTI reader turns NaN and infinite voxels into 0 without a word.
void checkImageFile(const std::string& path) {
    std::error_code error;
    const auto bytes = fs::file_size(fs::u8path(path), error);
    if (!error && bytes == 0) throw Error(path + ": the file is empty (0 bytes)");
    if (!isNiftiFileName(path)) return;
    const NiftiFacts nifti = inspectNifti(path);
    if (nifti.version == 2)
        throw Error(path + ": is NIfTI-2, which this release cannot read; save it as NIfTI-1 (.nii, .nii.gz) or NRRD");
    if (nifti.version == 0) throw Error(path + ": is not a NIfTI file (no NIfTI-1 header), or it is damaged");
    if (nifti.nonFinite > 0)
        throw Error(path + ": " + std::to_string(nifti.nonFinite) + " of " + std::to_string(nifti.voxels) +
                    " voxels are NaN or infinite; an image must hold finite numbers (a NIfTI reader would turn them "
                    "into 0 and every feature over them would be wrong)");
}

template <class ItkImage>
typename ItkImage::Pointer readItkFile(const std::string& path, StoredVoxel* stored = nullptr) {
    if (!fs::exists(fs::u8path(path))) throw Error(path + ": no such file or folder");
    checkImageFile(path);
    auto reader = itk::ImageFileReader<ItkImage>::New();
    reader->SetFileName(path);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& e) {
        const std::string why = describeItkError(e);
        if (why.find("Could not create IO object") != std::string::npos)
            throw Error(path + ": not an image file this release reads (NIfTI-1, NRRD, MetaImage), or it is damaged");
        throw Error(path + ": cannot read the image: " + why);
    }
    if (reader->GetImageIO()->GetNumberOfDimensions() > 3)
        throw Error(path + ": has " + std::to_string(reader->GetImageIO()->GetNumberOfDimensions()) +
                    " dimensions; a 3D image is expected");
    if (reader->GetImageIO()->GetNumberOfComponents() != 1)
        throw Error(path + ": has " + std::to_string(reader->GetImageIO()->GetNumberOfComponents()) +
                    " components per voxel; a scalar image is expected");
    if (stored) *stored = storedVoxelOf(reader->GetImageIO()->GetComponentType());
    return reader->GetOutput();
}

template <class ItkImage>
void writeItkFile(typename ItkImage::Pointer image, const std::string& path) {
    const fs::path target = fs::u8path(path);
    // ITK's writers seek back into what they wrote, and the temporary must not be renamed onto it.
    if (isDeviceOrPipe(path)) throw Error(path + ": is a device or a pipe; an image is written to a file");
    if (target.has_parent_path() && !fs::exists(target.parent_path()))
        throw Error(path + ": the folder " + target.parent_path().string() + " does not exist");
    // Per process: two writers of the same file must not share (and delete) one temporary.
    const fs::path temporary = fs::u8path(temporarySibling(path, "partial"));
    auto writer = itk::ImageFileWriter<ItkImage>::New();
    writer->SetFileName(temporary.string());
    writer->SetInput(image);
    writer->SetUseCompression(true);
    const auto fail = [&](const std::string& why) {
        const std::string limit = writeLimitReached(temporary.string());
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error(path + ": cannot write the image: " + (limit.empty() ? why : limit));
    };
    try {
        writer->Update();
    } catch (const itk::ExceptionObject& e) {
        fail(describeItkError(e));
    }
    // ITK's NIfTI writer reports a short write (full disk, file-size limit) only on stderr.
    if (!writeLimitReached(temporary.string()).empty()) fail("");
    if (isNiftiFileName(path)) {
        try {
            inspectNifti(temporary.string());
        } catch (const Error&) {
            fail("the written file breaks off");
        }
    }
    std::error_code renameError;
    fs::rename(temporary, target, renameError);
    if (renameError) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw Error(path + ": cannot replace the file: " + renameError.message());
    }
}

}  // namespace

bool isDirectory(const std::string& path) { return fs::is_directory(fs::u8path(path)); }

Volume readVolume(const std::string& path, const ReadOptions& options, StudyInfo* info) {
    if (isDirectory(path)) return readDicomSeries(path, options, info);
    if (!fs::exists(fs::u8path(path))) throw Error(path + ": no such file or folder");
    StoredVoxel stored = StoredVoxel::Float32;
    auto image = readItkFile<FloatImage>(path, &stored);
    Volume volume(geometryOf(image.GetPointer()));
    const float* buffer = image->GetBufferPointer();
    std::copy(buffer, buffer + volume.voxels.size(), volume.voxels.begin());
    volume.stored = stored;
    const auto nonFinite =
        std::count_if(volume.voxels.begin(), volume.voxels.end(), [](float v) { return !std::isfinite(v); });
    if (nonFinite > 0)
        throw Error(path + ": " + std::to_string(nonFinite) + " of " + std::to_string(volume.voxels.size()) +
                    " voxels are NaN or infinite; an image must hold finite numbers");
    if (info) {
        info->modality.clear();
        info->frameOfReferenceUid.clear();
        info->files = {path};
        info->roiFiles.clear();
        info->pseudonym.clear();
    }
    return volume;
}

LabelMap readLabelMap(const std::string& path) {
    if (isDirectory(path)) throw Error(path + ": is a folder; a label map file (NIfTI, NRRD) is expected");
    // Read as double so fractional or out-of-range values are caught instead of being cast away.
    auto image = readItkFile<DoubleImage>(path);
    LabelMap labels(geometryOf(image.GetPointer()));
    const double* buffer = image->GetBufferPointer();
    for (std::size_t i = 0; i < labels.voxels.size(); ++i) {
        const double value = buffer[i];
        if (!(value >= 0 && value <= 65535) || value != std::floor(value))
            throw Error(path + ": voxel value " + std::to_string(value) +
                        " is not a label (whole numbers 0..65535 expected)");
        labels.voxels[i] = static_cast<std::uint16_t>(value);
    }
    return labels;
}

Geometry readImageGeometry(const std::string& path) {
    if (isDirectory(path)) throw Error(path + ": is a folder; an image file (NIfTI, NRRD) is expected");
    if (!fs::exists(fs::u8path(path))) throw Error(path + ": no such file or folder");
    checkImageFile(path);
    const itk::ImageIOBase::Pointer io =
        itk::ImageIOFactory::CreateImageIO(path.c_str(), itk::CommonEnums::IOFileMode::ReadMode);
    if (!io) throw Error(path + ": is not an image file this release reads (NIfTI, NRRD, MetaImage)");
    io->SetFileName(path);
    try {
        io->ReadImageInformation();
    } catch (const itk::ExceptionObject& e) {
        throw Error(path + ": cannot read the image header: " + describeItkError(e));
    }
    if (io->GetNumberOfDimensions() != 3)
        throw Error(path + ": has " + std::to_string(io->GetNumberOfDimensions()) +
                    " spatial dimensions; a 3D image is expected");
    Geometry g;
    for (unsigned a = 0; a < 3; ++a) {
        g.sizeXyz[a] = static_cast<std::int64_t>(io->GetDimensions(a));
        g.spacingMm[a] = io->GetSpacing(a);
        g.originMm[a] = io->GetOrigin(a);
        const std::vector<double> axis = io->GetDirection(a);
        for (unsigned r = 0; r < 3; ++r) g.direction[r * 3 + a] = axis[r];
    }
    return g;
}

std::vector<LabelMap> readLabelLayers(const std::string& path) {
    if (isDirectory(path)) throw Error(path + ": is a folder; a label map file (NIfTI, NRRD) is expected");
    if (!fs::exists(fs::u8path(path))) throw Error(path + ": no such file or folder");
    checkImageFile(path);
    using LayeredImage = itk::VectorImage<std::int32_t, 3>;
    auto reader = itk::ImageFileReader<LayeredImage>::New();
    reader->SetFileName(path);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& e) {
        throw Error(path + ": cannot read the label map: " + describeItkError(e));
    }
    const auto* io = reader->GetImageIO();
    if (io->GetNumberOfDimensions() > 3)
        throw Error(path + ": has " + std::to_string(io->GetNumberOfDimensions()) +
                    " spatial dimensions; a 3D label map is expected");
    // Reading into integers would truncate a fractional voxel without a word.
    using Component = itk::IOComponentEnum;
    if (io->GetComponentType() == Component::FLOAT || io->GetComponentType() == Component::DOUBLE)
        throw Error(path + ": stores floating-point voxels; a label map holds whole numbers");
    const auto image = reader->GetOutput();
    const unsigned layers = image->GetNumberOfComponentsPerPixel();
    std::vector<LabelMap> result(layers, LabelMap(geometryOf(image)));
    const std::int32_t* buffer = image->GetBufferPointer();
    const std::size_t voxels = result.front().voxels.size();
    for (std::size_t i = 0; i < voxels; ++i)
        for (unsigned layer = 0; layer < layers; ++layer) {
            const std::int32_t value = buffer[i * layers + layer];
            if (value < 0 || value > 65535)
                throw Error(path + ": voxel value " + std::to_string(value) +
                            " is not a label (whole numbers 0..65535 expected)");
            result[layer].voxels[i] = static_cast<std::uint16_t>(value);
        }
    return result;
}

SeveralDicomSeries::SeveralDicomSeries(const std::string& folder, std::vector<DicomSeriesSummary> series,
                                       std::vector<std::string> roiFiles)
    : Error(folder + ": holds " + std::to_string(series.size()) +
            " DICOM image series; choose one with --series: " + listed(series)),
      series_(std::move(series)),
      roiFiles_(std::move(roiFiles)) {}

std::vector<DicomSeriesSummary> listDicomSeries(const std::string& folder) {
    if (!isDirectory(folder)) throw Error(folder + ": not a folder");
    return summariesOf(scanDicomFolder(folder).series, folder);
}

namespace {

template <class Voxel>
void writeVolumeAs(const Volume& volume, const std::string& path) {
    using ItkImage = itk::Image<Voxel, 3>;
    auto image = itkImageOf<ItkImage>(volume.geometry);
    std::transform(volume.voxels.begin(), volume.voxels.end(), image->GetBufferPointer(),
                   [](float v) { return static_cast<Voxel>(v); });
    writeItkFile<ItkImage>(image, path);
}

}  // namespace

void writeVolume(const Volume& volume, const std::string& path) {
    const auto range = storedRange(volume.stored);
    // A volume computed from a stored one may hold values its type cannot: then float keeps them.
    if (!range || !holdsOnly(volume, *range)) return writeVolumeAs<float>(volume, path);
    withStoredType(volume.stored, [&](auto voxel) { writeVolumeAs<decltype(voxel)>(volume, path); });
}

void writeGreyPng(const std::vector<std::uint8_t>& pixels, int widthPx, int heightPx, const std::string& path) {
    using PngImage = itk::Image<std::uint8_t, 2>;
    if (pixels.size() != static_cast<std::size_t>(widthPx) * static_cast<std::size_t>(heightPx))
        throw Error(path + ": pixel count does not match " + std::to_string(widthPx) + "x" + std::to_string(heightPx));
    auto image = PngImage::New();
    PngImage::RegionType region;
    region.SetSize(0, static_cast<itk::SizeValueType>(widthPx));
    region.SetSize(1, static_cast<itk::SizeValueType>(heightPx));
    image->SetRegions(region);
    image->Allocate();
    std::copy(pixels.begin(), pixels.end(), image->GetBufferPointer());
    writeItkFile<PngImage>(image, path);
}

void writeRgbPng(const std::vector<std::uint8_t>& rgb, int widthPx, int heightPx, const std::string& path) {
    using RgbImage = itk::Image<itk::RGBPixel<std::uint8_t>, 2>;
    if (rgb.size() != 3 * static_cast<std::size_t>(widthPx) * static_cast<std::size_t>(heightPx))
        throw Error(path + ": pixel count does not match " + std::to_string(widthPx) + "x" + std::to_string(heightPx));
    auto image = RgbImage::New();
    RgbImage::RegionType region;
    region.SetSize(0, static_cast<itk::SizeValueType>(widthPx));
    region.SetSize(1, static_cast<itk::SizeValueType>(heightPx));
    image->SetRegions(region);
    image->Allocate();
    auto* pixel = image->GetBufferPointer();
    for (std::size_t i = 0; i < rgb.size() / 3; ++i) pixel[i].Set(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
    writeItkFile<RgbImage>(image, path);
}

void writeLabelMap(const LabelMap& labels, const std::string& path) {
    auto image = itkImageOf<LabelImage>(labels.geometry);
    std::copy(labels.voxels.begin(), labels.voxels.end(), image->GetBufferPointer());
    writeItkFile<LabelImage>(image, path);
}

void writeValueMap(const ValueMap& values, const std::string& path) {
    auto image = itkImageOf<DoubleImage>(values.geometry);
    std::copy(values.voxels.begin(), values.voxels.end(), image->GetBufferPointer());
    writeItkFile<DoubleImage>(image, path);
}

}  // namespace drs

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CommandLine</name>
    <message>
        <source>usage: deepradscore [--mask MASK [--label N | --roi NAME]] [--screenshot PNG] [STUDY]
  STUDY        DICOM series folder, NIfTI or NRRD file
  --mask MASK  label map on the study&apos;s grid (NIfTI or NRRD) or DICOM RTSTRUCT
  --label N    label of the tumour in MASK (default: the first present)
  --roi NAME   ROI of an RTSTRUCT MASK (needed when it has several)
  --screenshot PNG  save a picture of the window once loaded, then quit
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowLevel</name>
    <message>
        <source>Lung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::MainWindow</name>
    <message numerus="yes">
        <source>Label %1 (%n voxels)</source>
        <translation>
            <numerusform>Label %1 (%n voxel)</numerusform>
            <numerusform>Label %1 (%n voxels)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;study file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open DICOM &amp;folder...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;mask...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mask &amp;as...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save s&amp;creenshot...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show peritumoral &amp;ring (3 mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (W %2 / L %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brush radius</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study before its mask.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the mask is empty (no non-zero voxel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voxel (%1, %2, %3)   LPS (%4, %5, %6) mm   %7 HU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   label %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   ring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open DICOM series folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIfTI (*.nii.gz);;NRRD (*.nrrd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: could not write the screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DeepRadScore Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label maps and RTSTRUCT (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the tumour ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom (W %1 / L %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::viewers::SliceView</name>
    <message>
        <source>Axial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2/%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <translation>用法: deepradscore [--mask 掩膜 [--label N | --roi 名称]] [--screenshot PNG] [影像]
  影像          DICOM 序列文件夹、NIfTI 或 NRRD 文件
  --mask 掩膜   与影像同一网格的标签图 (NIfTI 或 NRRD) 或 DICOM RTSTRUCT
  --label N     掩膜中肿瘤的标签 (默认: 第一个存在的标签)
  --roi 名称    RTSTRUCT 掩膜中的 ROI (有多个 ROI 时必需)
  --screenshot PNG  加载完成后保存窗口截图并退出
</translation>
    </message>
</context>
<context>
    <name>WindowLevel</name>
    <message>
        <source>Lung</source>
        <translation>肺窗</translation>
    </message>
    <message>
        <source>Mediastinum</source>
        <translation>纵隔窗</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>骨窗</translation>
    </message>
</context>
<context>
    <name>drs::ui::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;study file...</source>
        <translation>打开影像文件(&amp;S)...</translation>
    </message>
    <message>
        <source>Open DICOM &amp;folder...</source>
        <translation>打开 DICOM 文件夹(&amp;F)...</translation>
    </message>
    <message>
        <source>Open &amp;mask...</source>
        <translation>打开掩膜(&amp;M)...</translation>
    </message>
    <message>
        <source>Save mask &amp;as...</source>
        <translation>掩膜另存为(&amp;A)...</translation>
    </message>
    <message>
        <source>Save s&amp;creenshot...</source>
        <translation>保存截图(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>标签:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>窗宽窗位:</translation>
    </message>
    <message>
        <source>%1 (W %2 / L %3)</source>
        <translation>%1 (窗宽 %2 / 窗位 %3)</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source>Brush radius</source>
        <translation>画笔半径</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Loading study</source>
        <translation>正在加载影像</translation>
    </message>
    <message>
        <source>Open a study before its mask.</source>
        <translation>请先打开影像,再打开其掩膜。</translation>
    </message>
    <message>
        <source>Loading mask</source>
        <translation>正在加载掩膜</translation>
    </message>
    <message>
        <source>%1: the mask is empty (no non-zero voxel).</source>
        <translation>%1:掩膜为空(没有非零体素)。</translation>
    </message>
    <message numerus="yes">
        <source>Label %1 (%n voxels)</source>
        <translation>
            <numerusform>标签 %1 (%n 个体素)</numerusform>
        </translation>
    </message>
    <message>
        <source>voxel (%1, %2, %3)   LPS (%4, %5, %6) mm   %7 HU</source>
        <translation>体素 (%1, %2, %3)   LPS (%4, %5, %6) 毫米   %7 HU</translation>
    </message>
    <message>
        <source>   label %1</source>
        <translation>   标签 %1</translation>
    </message>
    <message>
        <source>   ring</source>
        <translation>   瘤周环</translation>
    </message>
    <message>
        <source>Open study</source>
        <translation>打开影像</translation>
    </message>
    <message>
        <source>Images (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;All files (*)</source>
        <translation>影像 (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open DICOM series folder</source>
        <translation>打开 DICOM 序列文件夹</translation>
    </message>
    <message>
        <source>Open mask</source>
        <translation>打开掩膜</translation>
    </message>
    <message>
        <source>Save mask</source>
        <translation>保存掩膜</translation>
    </message>
    <message>
        <source>NIfTI (*.nii.gz);;NRRD (*.nrrd)</source>
        <translation>NIfTI (*.nii.gz);;NRRD (*.nrrd)</translation>
    </message>
    <message>
        <source>Saving mask</source>
        <translation>正在保存掩膜</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>%1: could not write the screenshot.</source>
        <translation>%1:无法写入截图。</translation>
    </message>
    <message>
        <source>DeepRadScore Studio</source>
        <translation>DeepRadScore Studio</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show peritumoral &amp;ring (3 mm)</source>
        <translation>显示瘤周环(&amp;R) (3 毫米)</translation>
    </message>
    <message>
        <source>Computing regions</source>
        <translation>正在计算区域</translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation>请稍候:另一个任务仍在运行。</translation>
    </message>
    <message>
        <source>Label maps and RTSTRUCT (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)</source>
        <translation>标签图与 RTSTRUCT (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the tumour ROI</source>
        <translation>选择肿瘤 ROI</translation>
    </message>
    <message>
        <source>ROI:</source>
        <translation>ROI:</translation>
    </message>
    <message>
        <source>Custom (W %1 / L %2)</source>
        <translation>自定义 (窗宽 %1 / 窗位 %2)</translation>
    </message>
</context>
<context>
    <name>drs::viewers::SliceView</name>
    <message>
        <source>Axial</source>
        <translation>轴位</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>冠状位</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>矢状位</translation>
    </message>
    <message>
        <source>%1  %2/%3</source>
        <translation>%1  %2/%3</translation>
    </message>
</context>
</TS>

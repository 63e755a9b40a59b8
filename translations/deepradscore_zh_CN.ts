<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartTools</name>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export as PNG...</source>
        <translation>导出为 PNG...</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export as SVG...</source>
        <translation>导出为 SVG...</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export as PDF...</source>
        <translation>导出为 PDF...</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>usage: deepradscore [--project P.sqlite] [--series UID] [--mask MASK [--label N | --roi NAME]] [--screenshot PNG] [STUDY]
  STUDY        DICOM folder (read with its subfolders), NIfTI or NRRD file
  --series UID the image series to open of a DICOM folder holding several (default: the one
               an RTSTRUCT or SEG MASK references, else a dialog asks)
  --mask MASK  label map on the study&apos;s grid (NIfTI or NRRD), DICOM RTSTRUCT or SEG, or a
               3D Slicer segmentation
  --label N    label of the tumour in MASK (default: the first present)
  --roi NAME   ROI of an RTSTRUCT MASK (needed when it has several)
  --project P.sqlite  open a project database in the Study tab
  --screenshot PNG  save a picture of the window once loaded, then quit
</source>
        <translation>用法: deepradscore [--project P.sqlite] [--series UID] [--mask 掩膜 [--label N | --roi 名称]] [--screenshot PNG] [影像]
  影像          DICOM 文件夹 (含其子文件夹)、NIfTI 或 NRRD 文件
  --series UID  文件夹含多个 DICOM 图像序列时要打开的序列 (默认: RTSTRUCT 或 SEG 掩膜
                所引用的序列，否则弹出对话框询问)
  --mask 掩膜   与影像同一网格的标签图 (NIfTI 或 NRRD)、DICOM RTSTRUCT 或 SEG，或
                3D Slicer 分割
  --label N     掩膜中肿瘤的标签 (默认: 第一个存在的标签)
  --roi 名称    RTSTRUCT 掩膜中的 ROI (有多个 ROI 时必需)
  --project P.sqlite  在“研究”标签页中打开项目数据库
  --screenshot PNG  加载完成后保存窗口截图并退出
</translation>
    </message>
</context>
<context>
    <name>StudyData</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 幅图像</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <source>outlines: %1</source>
        <translation>勾画: %1</translation>
    </message>
</context>
<context>
    <name>TableTools</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制整个表格</translation>
    </message>
    <message>
        <source>Save table as CSV...</source>
        <translation>将表格另存为 CSV...</translation>
    </message>
    <message>
        <source>Save table as CSV</source>
        <translation>将表格另存为 CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>大约剩余 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>剩余不到一分钟</translation>
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
    <name>drs::ui::BackboneComparisonModel</name>
    <message>
        <source>chosen: best validation AUC (the test rows never rank)</source>
        <translation>已选：验证集 AUC 最高（测试集从不参与排名）</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>Subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>n (pos.)</source>
        <translation>n（阳性）</translation>
    </message>
    <message>
        <source>AUC [95% CI]</source>
        <translation>AUC [95% CI]</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感度</translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation>特异度</translation>
    </message>
    <message>
        <source>PPV</source>
        <translation>阳性预测值</translation>
    </message>
    <message>
        <source>NPV</source>
        <translation>阴性预测值</translation>
    </message>
    <message>
        <source>Pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
</context>
<context>
    <name>drs::ui::BackboneComparisonView</name>
    <message>
        <source>Open backbone comparison...</source>
        <translation>打开骨干网络比较...</translation>
    </message>
    <message>
        <source>A table written by drs deep-compare --out TABLE.csv</source>
        <translation>由 drs deep-compare --out TABLE.csv 写出的表格</translation>
    </message>
    <message>
        <source>Open backbone comparison</source>
        <translation>打开骨干网络比较</translation>
    </message>
    <message>
        <source>drs deep-compare table (*.csv)</source>
        <translation>drs deep-compare 表格 (*.csv)</translation>
    </message>
    <message>
        <source>%1
Nothing was changed. Open a table written by drs deep-compare --out TABLE.csv.</source>
        <translation>%1
未做任何更改。请打开由 drs deep-compare --out TABLE.csv 写出的表格。</translation>
    </message>
    <message>
        <source>No backbone comparison open. drs deep-compare trains Deep-CT once per backbone on the same patients and ranks the backbones by validation AUC; open the table it wrote (--out TABLE.csv).</source>
        <translation>尚未打开骨干网络比较。drs deep-compare 在相同患者上为每个骨干网络各训练一次 Deep-CT，并按验证集 AUC 排名；请打开它写出的表格（--out TABLE.csv）。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n backbone(s). Chosen: %2 (validation AUC %3), ranked by the validation quarter that early stopping watches; the test rows are shown and never rank.</source>
        <translation>
            <numerusform>%1：%n 个骨干网络。已选：%2（验证集 AUC %3），按早停所监测的四分之一验证集排名；测试集结果仅作展示，从不参与排名。</numerusform>
        </translation>
    </message>
    <message>
        <source>The run on screen used %1.</source>
        <translation>当前显示的运行使用了 %1。</translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortModel</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 %2x%3x%4, %5x%6x%7 mm</source>
        <translation>%1 %2x%3x%4，%5x%6x%7 毫米</translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation>（另有 %1 个）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 edited (version %2)</source>
        <translation>%1 已编辑（版本 %2）</translation>
    </message>
    <message>
        <source>no label (unknown)</source>
        <translation>无标签（未知）</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>假名</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>中心</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <source>Label: 1, 0, or empty when unknown</source>
        <translation>标签：1、0，未知时留空</translation>
    </message>
    <message>
        <source>Run %1 used labels that have been changed since: its results are based on superseded labels</source>
        <translation>运行 %1 使用的标签此后已被修改：其结果基于已被取代的标签</translation>
    </message>
    <message>
        <source>Run %1 (superseded labels)</source>
        <translation>运行 %1（标签已被取代）</translation>
    </message>
    <message>
        <source>The patient&apos;s subset in run %1</source>
        <translation>该患者在运行 %1 中所属的子集</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <source>development</source>
        <translation>开发队列</translation>
    </message>
    <message>
        <source>external: %1</source>
        <translation>外部：%1</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>%1 voxels of %2 mm%3</source>
        <translation>%1 个体素，每个 %2 mm%3</translation>
    </message>
    <message>
        <source>The tumour&apos;s volume as the ROI outlines it: its voxels times a voxel&apos;s volume</source>
        <translation>ROI 勾画的肿瘤体积：体素数乘以单个体素的体积</translation>
    </message>
    <message>
        <source>Tumour (mL)</source>
        <translation>肿瘤 (mL)</translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortPanel</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 of %2: %3 -&gt; %4</source>
        <translation>%2 的 %1：%3 -&gt; %4</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Import studies...</source>
        <translation>导入检查...</translation>
    </message>
    <message>
        <source>Import a folder of studies and a clinical CSV; a preview shows what will be imported and what is refused before anything is written.</source>
        <translation>导入一个检查文件夹和一个临床 CSV；在写入任何内容之前，预览会显示将导入哪些检查、拒绝哪些检查。</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>pseudonym, centre, label, subset...</source>
        <translation>假名、中心、标签、子集...</translation>
    </message>
    <message>
        <source>Reason for label changes:</source>
        <translation>标签修改原因：</translation>
    </message>
    <message>
        <source>e.g. pathology review of 2024-03</source>
        <translation>例如：2024-03 病理复核</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>%1 already exists. Open it with Open project..., or choose another name.</source>
        <translation>%1 已存在。请用“打开项目...”打开它，或另选一个名称。</translation>
    </message>
    <message>
        <source>%1: no such project database file.</source>
        <translation>%1：没有这个项目数据库文件。</translation>
    </message>
    <message>
        <source>No project open. Create one with File &gt; New project..., or open one.</source>
        <translation>未打开项目。请用“文件 &gt; 新建项目...”创建一个，或打开一个。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; patients, &lt;b&gt;%2&lt;/b&gt; studies, &lt;b&gt;%3&lt;/b&gt; ROIs (%4 edited)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 名患者，&lt;b&gt;%2&lt;/b&gt; 个检查，&lt;b&gt;%3&lt;/b&gt; 个 ROI（%4 个已编辑）</translation>
    </message>
    <message>
        <source>; &lt;b&gt;%1&lt;/b&gt; runs (%2 finished</source>
        <translation>；&lt;b&gt;%1&lt;/b&gt; 次运行（%2 次已完成</translation>
    </message>
    <message>
        <source>, %1 on edited outlines</source>
        <translation>，%1 次基于已编辑的轮廓</translation>
    </message>
    <message>
        <source>, %1 on superseded labels</source>
        <translation>，%1 次基于已被取代的标签</translation>
    </message>
    <message>
        <source>); %1 label changes recorded.</source>
        <translation>）；已记录 %1 次标签修改。</translation>
    </message>
    <message>
        <source>%1: %2 positive, %3 negative, %4 unknown</source>
        <translation>%1：阳性 %2，阴性 %3，未知 %4</translation>
    </message>
    <message>
        <source>No endpoints yet: import studies and a clinical CSV.</source>
        <translation>尚无终点：请导入检查和临床 CSV。</translation>
    </message>
    <message>
        <source>Enter a reason for the label change first (it is recorded with the change).</source>
        <translation>请先填写标签修改原因（它会与修改一起记录）。</translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortTableView</name>
    <message>
        <source>&lt;b&gt;By centre&lt;/b&gt; (descriptive)</source>
        <translation>&lt;b&gt;按中心&lt;/b&gt;（描述性）</translation>
    </message>
    <message>
        <source>Table 1 appears here once a run has drawn its training/test split.</source>
        <translation>运行完成训练/测试划分后，此处显示表 1。</translation>
    </message>
</context>
<context>
    <name>drs::ui::EvidenceView</name>
    <message>
        <source>Open a project database (File &gt; Open project...) to see its evidence.</source>
        <translation>打开项目数据库 (文件 &gt; 打开项目...) 以查看其证据。</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Training n (pos.)</source>
        <translation>训练集 n (阳性)</translation>
    </message>
    <message>
        <source>Test n (pos.)</source>
        <translation>测试集 n (阳性)</translation>
    </message>
    <message>
        <source>%1 test AUC [95% CI]</source>
        <translation>%1 测试集 AUC [95% CI]</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
    <message>
        <source>Performance of the three models on the test set (Table 3 style)</source>
        <translation>三个模型在测试集上的性能 (表 3 格式)</translation>
    </message>
    <message>
        <source>Paired comparisons (DeLong test, same test patients)</source>
        <translation>配对比较 (DeLong 检验,相同测试患者)</translation>
    </message>
    <message>
        <source>Classifier panel: nested cross-validated AUC on the training cohort (* chosen)</source>
        <translation>分类器组合:训练队列上的嵌套交叉验证 AUC (* 为选中者)</translation>
    </message>
    <message>
        <source>RadScore composition (LASSO, z-scored features)</source>
        <translation>RadScore 组成 (LASSO,z 标准化特征)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation>相关性</translation>
    </message>
    <message>
        <source>SHAP</source>
        <translation>SHAP</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>未分析</translation>
    </message>
    <message>
        <source>not yet evaluated</source>
        <translation>尚未评估</translation>
    </message>
    <message>
        <source>the test cohort is evaluated once, when every endpoint is fitted</source>
        <translation>测试队列只评估一次:在所有终点拟合完成之后</translation>
    </message>
    <message>
        <source>not built</source>
        <translation>未建立</translation>
    </message>
    <message>
        <source>no radiomic signature: the LASSO kept no feature in either region</source>
        <translation>无影像组学签名:LASSO 在两个区域均未保留任何特征</translation>
    </message>
    <message>
        <source>classifier: %1</source>
        <translation>分类器:%1</translation>
    </message>
    <message>
        <source>This run has no analysed endpoint yet.</source>
        <translation>此运行尚无已分析的终点。</translation>
    </message>
    <message>
        <source>backbone not recorded</source>
        <translation>未记录骨干网络</translation>
    </message>
    <message>
        <source>, pretrained weights</source>
        <translation>,预训练权重</translation>
    </message>
    <message>
        <source>, trained from scratch</source>
        <translation>,从头训练</translation>
    </message>
    <message numerus="yes">
        <source>, %n epoch(s)</source>
        <translation>
            <numerusform>,%n 轮</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: training %2 patients (%3 positive), test %4 patients (%5 positive). Deep-CT: %6.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;:训练集 %2 例 (%3 例阳性),测试集 %4 例 (%5 例阳性)。Deep-CT:%6。</translation>
    </message>
    <message>
        <source>Nothing was skipped.</source>
        <translation>没有跳过任何内容。</translation>
    </message>
    <message>
        <source>Pearson r of each RadScore with each deep feature on the training set: max |r| = %1, mean |r| = %2. Low values mean the two sources carry different information.</source>
        <translation>训练集上每个 RadScore 与每个深度特征的 Pearson r:最大 |r| = %1,平均 |r| = %2。数值低表示两种来源携带不同的信息。</translation>
    </message>
    <message>
        <source>No correlation summary in the evidence.</source>
        <translation>证据中没有相关性汇总。</translation>
    </message>
    <message>
        <source>SHAP of the Deep-RadScore model on the test patients (expected output %1): bars rank the inputs by mean |SHAP|, dots show each patient.</source>
        <translation>Deep-RadScore 模型在测试患者上的 SHAP (期望输出 %1):条形按平均 |SHAP| 对输入排序,点表示每位患者。</translation>
    </message>
    <message>
        <source>No SHAP summary in the evidence.</source>
        <translation>证据中没有 SHAP 汇总。</translation>
    </message>
    <message>
        <source>No Grad-CAM images in the evidence.</source>
        <translation>证据中没有 Grad-CAM 图像。</translation>
    </message>
    <message>
        <source>%1: image not found</source>
        <translation>%1:未找到图像</translation>
    </message>
    <message>
        <source>External validation</source>
        <translation>外部验证</translation>
    </message>
    <message>
        <source>External %1: %2 AUC [95% CI]</source>
        <translation>外部 %1：%2 AUC [95% CI]</translation>
    </message>
    <message>
        <source>not validated</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>not evaluated</source>
        <translation>未评估</translation>
    </message>
    <message numerus="yes">
        <source>%n labelled external patient(s)</source>
        <translation>
            <numerusform>%n 名有标签的外部患者</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;External cohort %1&lt;/b&gt;: %2 labelled patients (%3 positive). The cohort is locked: never used for fitting, feature selection, classifier choice or thresholds. Each model is the run&apos;s own, at the run&apos;s operating threshold.</source>
        <translation>&lt;b&gt;外部队列 %1&lt;/b&gt;：%2 名有标签的患者（%3 名阳性）。该队列已锁定：从不用于拟合、特征选择、分类器选择或阈值确定。每个模型均为该运行自身的模型，并使用该运行的工作阈值。</translation>
    </message>
    <message>
        <source>Internal test set and external cohort (AUC with DeLong 95% CI)</source>
        <translation>内部测试集与外部队列（AUC 及 DeLong 95% CI）</translation>
    </message>
    <message>
        <source>Metrics on the external cohort at the run&apos;s operating thresholds</source>
        <translation>外部队列在该运行工作阈值下的指标</translation>
    </message>
    <message>
        <source>Paired comparisons on the external cohort (DeLong test)</source>
        <translation>外部队列上的配对比较（DeLong 检验）</translation>
    </message>
    <message>
        <source>This run has not been validated on an external cohort. Import one with Import studies... (&quot;Import as a locked external validation cohort&quot;), then press &quot;Validate on external cohort&quot;.</source>
        <translation>此运行尚未在外部队列上验证。请用“导入检查...”导入一个外部队列（“作为锁定的外部验证队列导入”），然后点击“在外部队列上验证”。</translation>
    </message>
    <message>
        <source>No external cohort validated %1 in this run.</source>
        <translation>此运行中没有外部队列验证过 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Descriptive only: %n event(s), fewer than %1; these AUCs are too unstable to rank.</source>
        <translation>
            <numerusform>仅供描述：%n 个事件，少于 %1 个；这些 AUC 过于不稳定，不予排序。</numerusform>
        </translation>
    </message>
    <message>
        <source>Points per classifier:</source>
        <translation>每个分类器的数据点：</translation>
    </message>
    <message>
        <source>each repeat&apos;s mean AUC</source>
        <translation>每次重复的平均 AUC</translation>
    </message>
    <message>
        <source>each outer fold&apos;s AUC</source>
        <translation>每个外层折的 AUC</translation>
    </message>
    <message>
        <source>CV AUCs</source>
        <translation>交叉验证 AUC</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 outer folds in %n repeat(s)</source>
        <translation>
            <numerusform>%1：%n 次重复共 %2 个外层折</numerusform>
        </translation>
    </message>
    <message>
        <source>No model was built for this endpoint.</source>
        <translation>该终点未构建任何模型。</translation>
    </message>
    <message>
        <source>This run&apos;s evidence has no per-fold AUCs (it was written before they were kept): run the study again to see their distribution. The Metrics tab has each classifier&apos;s mean and SD.</source>
        <translation>此运行的证据没有逐折 AUC（写入时尚未保存这些值）：请重新运行研究以查看其分布。“指标”标签页中有每个分类器的均值和标准差。</translation>
    </message>
    <message>
        <source>Every classifier of each model, cross-validated on the training cohort with the whole chain refitted in every outer fold. Boxes: quartiles, whiskers to the lowest and highest value; filled and marked *: the chosen classifier (best mean AUC), refitted on all training patients. %1.</source>
        <translation>每个模型的每个分类器在训练队列上交叉验证，每个外层折中重新拟合整个流程。箱体：四分位数，须线延伸至最低值和最高值；填充并标记 * 的为选定的分类器（平均 AUC 最高），已在全部训练患者上重新拟合。%1。</translation>
    </message>
    <message>
        <source>A model with one repeat was cross-validated on the first repeat only (one Deep-CT network per outer fold): show each outer fold&apos;s AUC to see its spread.</source>
        <translation>只有一次重复的模型仅在第一次重复中交叉验证（每个外层折一个 Deep-CT 网络）：显示每个外层折的 AUC 可查看其离散程度。</translation>
    </message>
</context>
<context>
    <name>drs::ui::ImportReportModel</name>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>will be imported</source>
        <translation>将导入</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Patient id (source)</source>
        <translation>患者 ID（来源）</translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation>假名</translation>
    </message>
    <message>
        <source>ROI</source>
        <translation>ROI</translation>
    </message>
    <message>
        <source>ROI voxels</source>
        <translation>ROI 体素数</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>图像尺寸</translation>
    </message>
    <message>
        <source>Reason refused</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>drs::ui::ImportWizard</name>
    <message>
        <source>Import studies into %1</source>
        <translation>将检查导入 %1</translation>
    </message>
    <message>
        <source>Studies and clinical data</source>
        <translation>检查与临床数据</translation>
    </message>
    <message>
        <source>Folder of studies:</source>
        <translation>检查文件夹：</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Folder of studies</source>
        <translation>检查文件夹</translation>
    </message>
    <message>
        <source>Clinical CSV:</source>
        <translation>临床 CSV：</translation>
    </message>
    <message>
        <source>Clinical CSV</source>
        <translation>临床 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>ROI name:</source>
        <translation>ROI 名称：</translation>
    </message>
    <message>
        <source>Tumour label in mask files:</source>
        <translation>掩膜文件中的肿瘤标签：</translation>
    </message>
    <message>
        <source>Preview: nothing has been written yet</source>
        <translation>预览：尚未写入任何内容</translation>
    </message>
    <message>
        <source>Every study is read and checked as the import will. Refused studies are not imported; fix them and run the wizard again, or import the others now.</source>
        <translation>每个检查都按导入时的方式读取和检查。被拒绝的检查不会导入；请修正后再次运行向导，或现在导入其余检查。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>All or nothing: if you cancel, nothing is written to the project.</source>
        <translation>全部或全不：如果取消，不会向项目写入任何内容。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written to the project.</source>
        <translation>导入已取消：未向项目写入任何内容。</translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation>预览已取消。</translation>
    </message>
    <message>
        <source>Import failed, nothing was written: %1</source>
        <translation>导入失败，未写入任何内容：%1</translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation>预览失败：%1</translation>
    </message>
    <message>
        <source>Reading every study...</source>
        <translation>正在读取每个检查...</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; studies will be imported, &lt;b&gt;%2&lt;/b&gt; refused.</source>
        <translation>将导入 &lt;b&gt;%1&lt;/b&gt; 个检查，拒绝 &lt;b&gt;%2&lt;/b&gt; 个。</translation>
    </message>
    <message>
        <source>There is nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message>
        <source>The previous job is still stopping: go back and try again.</source>
        <translation>上一个任务仍在停止：请返回后重试。</translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation>正在导入...</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; studies imported, &lt;b&gt;%2&lt;/b&gt; refused.</source>
        <translation>已导入 &lt;b&gt;%1&lt;/b&gt; 个检查，拒绝 &lt;b&gt;%2&lt;/b&gt; 个。</translation>
    </message>
    <message>
        <source>The previous job is still stopping: close the wizard and try again.</source>
        <translation>上一个任务仍在停止：请关闭向导后重试。</translation>
    </message>
    <message>
        <source>Import as a locked external validation cohort</source>
        <translation>作为锁定的外部验证队列导入</translation>
    </message>
    <message>
        <source>The patients are never used for fitting, feature selection, classifier choice or thresholds; a finished run is validated on them afterwards (Study tab). The clinical CSV must have exactly the project&apos;s endpoint and clinical columns.</source>
        <translation>这些患者从不用于拟合、特征选择、分类器选择或阈值确定；之后在“研究”标签页中用已完成的运行对其进行验证。临床 CSV 必须与项目的终点列和临床列完全一致。</translation>
    </message>
    <message>
        <source>e.g. the hospital or data set</source>
        <translation>例如医院或数据集名称</translation>
    </message>
    <message>
        <source>External cohort name:</source>
        <translation>外部队列名称：</translation>
    </message>
    <message>
        <source>They form the locked external cohort &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation>它们构成锁定的外部队列 &lt;b&gt;%1&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>They form the locked external cohort &lt;b&gt;%1&lt;/b&gt;: validate a finished run on it in the Study tab.</source>
        <translation>它们构成锁定的外部队列 &lt;b&gt;%1&lt;/b&gt;：请在“研究”标签页中用已完成的运行对其进行验证。</translation>
    </message>
    <message>
        <source>e.g. age, sex, smoking: the only clinical columns stored</source>
        <translation>例如 age, sex, smoking：仅保存这些临床列</translation>
    </message>
    <message>
        <source>Covariates:</source>
        <translation>协变量：</translation>
    </message>
    <message>
        <source>Studies read, checked and written side by side, as drs import --threads; each holds its image in memory until it is recorded. The project written does not depend on it.</source>
        <translation>并行读取、检查和写入的研究数（同 drs import --threads）；每个研究的图像在记录前都保留在内存中。写入的项目与此无关。</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程数：</translation>
    </message>
    <message>
        <source>One sub-folder per patient: a DICOM CT series with its RTSTRUCT, SEG or 3D Slicer .seg.nrrd, or an image and mask pair (NIfTI, NRRD). The clinical CSV needs a patient_id column; endpoint columns hold 0, 1 or nothing.</source>
        <translation>每名患者一个子文件夹：一个 DICOM CT 序列及其 RTSTRUCT、SEG 或 3D Slicer .seg.nrrd，或一对图像与掩膜（NIfTI、NRRD）。临床 CSV 需要 patient_id 列；终点列为 0、1 或空。</translation>
    </message>
    <message>
        <source>the only ROI of each RTSTRUCT / SEG / Slicer segmentation</source>
        <translation>每个 RTSTRUCT / SEG / Slicer 分割中唯一的 ROI</translation>
    </message>
    <message>
        <source>any (a folder must hold one, or one defining the ROI name)</source>
        <translation>任意 (文件夹中只能有一个，或只有一个定义了该 ROI 名称)</translation>
    </message>
    <message>
        <source>RTSTRUCT</source>
        <translation>RTSTRUCT</translation>
    </message>
    <message>
        <source>DICOM SEG</source>
        <translation>DICOM SEG</translation>
    </message>
    <message>
        <source>3D Slicer segmentation (.seg.nrrd)</source>
        <translation>3D Slicer 分割 (.seg.nrrd)</translation>
    </message>
    <message>
        <source>For study folders holding several ROI files, as TCIA&apos;s NSCLC-Radiomics holds an RTSTRUCT and a SEG of each tumour: the one to import (drs import --roi-file-type).</source>
        <translation>研究文件夹含多个 ROI 文件时 (如 TCIA 的 NSCLC-Radiomics 每个肿瘤都有一个 RTSTRUCT 和一个 SEG)：要导入的那一个 (drs import --roi-file-type)。</translation>
    </message>
    <message>
        <source>ROI file:</source>
        <translation>ROI 文件:</translation>
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
    <message>
        <source>Images</source>
        <translation>影像</translation>
    </message>
    <message>
        <source>Study</source>
        <translation>研究</translation>
    </message>
    <message>
        <source>Open &amp;project...</source>
        <translation>打开项目(&amp;P)...</translation>
    </message>
    <message>
        <source>3D view unavailable: %1.
The slice views and all other tools work as usual.</source>
        <translation>三维视图不可用：%1。
切面视图和其他所有工具照常工作。</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)...</translation>
    </message>
    <message>
        <source>A task is running</source>
        <translation>有任务正在运行</translation>
    </message>
    <message>
        <source>A task is still running. Cancel it and close the window?

What has finished is kept: a cancelled pipeline run resumes from there when run again with the same settings.</source>
        <translation>仍有任务在运行。是否取消该任务并关闭窗口？

已完成的部分会保留：以相同设置再次运行时，被取消的流程运行将从中断处继续。</translation>
    </message>
    <message>
        <source>Cancelling, then closing...</source>
        <translation>正在取消，随后关闭...</translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Label maps, RTSTRUCT, SEG and 3D Slicer segmentations (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)</source>
        <translation>标签图、RTSTRUCT、SEG 和 3D Slicer 分割 (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The label&apos;s volume (voxel count x voxel volume) and its longest diameters between surface points, within one axial slice (as RECIST measures) and in 3D: pyradiomics&apos; VoxelVolume, Maximum2DDiameterSlice and Maximum3DDiameter. Updated after each edit.</source>
        <translation>该标签的体积（体素数 × 体素体积）及其表面点之间的最长径：单个轴位层面内（与 RECIST 测量方式相同）和三维：即 pyradiomics 的 VoxelVolume、Maximum2DDiameterSlice 和 Maximum3DDiameter。每次编辑后更新。</translation>
    </message>
    <message>
        <source>%1 mL, longest diameter %2 mm axial, %3 mm 3D</source>
        <translation>%1 mL，最长径：轴位 %2 mm，三维 %3 mm</translation>
    </message>
    <message>
        <source>Hide feature &amp;map</source>
        <translation>隐藏特征图(&amp;M)</translation>
    </message>
    <message>
        <source>Save feature map...</source>
        <translation>保存特征图...</translation>
    </message>
    <message>
        <source>%1, kernel radius %2 voxels: %3 (dark) to %4 (bright)</source>
        <translation>%1，核半径 %2 体素：%3（暗）至 %4（亮）</translation>
    </message>
    <message>
        <source>Save feature map</source>
        <translation>保存特征图</translation>
    </message>
    <message>
        <source>NRRD files (*.nrrd)</source>
        <translation>NRRD 文件 (*.nrrd)</translation>
    </message>
    <message>
        <source>Choose the image series</source>
        <translation>选择图像序列</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n DICOM image series. Which one is the CT to open?</source>
        <translation>
            <numerusform>%1 包含 %n 个 DICOM 图像序列。要打开哪一个 CT？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2，%3)</translation>
    </message>
    <message>
        <source>Open an ROI of this study</source>
        <translation>打开此研究的 ROI</translation>
    </message>
    <message numerus="yes">
        <source>The folder holds %n ROI(s) drawn on this series. Open one as the tumour mask?</source>
        <translation>
            <numerusform>该文件夹包含 %n 个在此序列上勾画的 ROI。是否将其中一个作为肿瘤掩膜打开？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The folder holds %n ROI(s) drawn on this image. Open one as the tumour mask?</source>
        <translation>
            <numerusform>该文件夹包含 %n 个在此图像上勾画的 ROI。是否将其中一个作为肿瘤掩膜打开？</numerusform>
        </translation>
    </message>
    <message>
        <source>Not offered as the tumour mask: %1</source>
        <translation>未作为肿瘤掩膜提供：%1</translation>
    </message>
    <message>
        <source>Gantry tilt %1°: each slice placed where it was acquired (moved up to %2 mm within its plane)</source>
        <translation>机架倾斜 %1°：各层已放回其采集位置（在层面内最多移动 %2 mm）</translation>
    </message>
</context>
<context>
    <name>drs::ui::PredictionView</name>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Operating point</source>
        <translation>工作点</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Test sensitivity</source>
        <translation>测试集灵敏度</translation>
    </message>
    <message>
        <source>Test specificity</source>
        <translation>测试集特异度</translation>
    </message>
    <message>
        <source>Open a study and its tumour mask in the Images tab, then press &quot;Predict current study&quot;.</source>
        <translation>在“影像”标签页中打开影像及其肿瘤掩膜,然后点击“预测当前影像”。</translation>
    </message>
    <message>
        <source>Patient %1 (%2): Deep-RadScore probabilities against each model&apos;s operating point (the Youden threshold of its cross-validated training predictions). Research use only.</source>
        <translation>患者 %1 (%2):Deep-RadScore 概率与各模型工作点 (其训练集交叉验证预测的 Youden 阈值) 的比较。仅供研究使用。</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>阳性</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>阴性</translation>
    </message>
    <message>
        <source>Deep patch not available</source>
        <translation>深度图块不可用</translation>
    </message>
    <message>
        <source>Grad-CAM not available</source>
        <translation>Grad-CAM 不可用</translation>
    </message>
    <message>
        <source>ComBat by centre: %1</source>
        <translation>按中心 ComBat 协调：%1</translation>
    </message>
    <message>
        <source>Project patient: %1</source>
        <translation>项目患者：%1</translation>
    </message>
    <message>
        <source>Test AUC [95% CI]</source>
        <translation>测试 AUC [95% CI]</translation>
    </message>
    <message>
        <source>Test events</source>
        <translation>测试事件数</translation>
    </message>
    <message>
        <source>, not reliable</source>
        <translation>，不可靠</translation>
    </message>
    <message>
        <source>, in-sample</source>
        <translation>，样本内</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Not reliable: the model&apos;s test AUC CI reaches 0.5 or its test set held fewer than %1 events; in-sample: this patient was one of the model&apos;s training patients. Do not act on such a call.</source>
        <translation>不可靠：模型测试 AUC 的置信区间触及 0.5，或其测试集的事件数少于 %1；样本内：该患者是模型的训练患者之一。请勿依据此类判定采取行动。</translation>
    </message>
    <message>
        <source>Deep patch (160 x 160, lung window), tumour outline in magenta</source>
        <translation>深度图块 (160 x 160,肺窗),品红色为肿瘤轮廓</translation>
    </message>
    <message>
        <source>Grad-CAM: Deep-CT for %1</source>
        <translation>Grad-CAM：%1 的 Deep-CT</translation>
    </message>
</context>
<context>
    <name>drs::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Deep-CT &amp;device:</source>
        <translation>Deep-CT 设备(&amp;D)：</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>每核一个</translation>
    </message>
    <message>
        <source>Pipeline &amp;threads:</source>
        <translation>流程线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Deep-CT t&amp;hreads:</source>
        <translation>Deep-CT 线程数(&amp;H)：</translation>
    </message>
    <message>
        <source> HU</source>
        <translation> HU</translation>
    </message>
    <message>
        <source>Radiomics grey-level bin width (pyradiomics binWidth); 25 HU is pyradiomics&apos; default.</source>
        <translation>影像组学灰度分箱宽度（pyradiomics 的 binWidth）；25 HU 为 pyradiomics 默认值。</translation>
    </message>
    <message>
        <source>Radiomics &amp;bin width:</source>
        <translation>影像组学分箱宽度(&amp;B)：</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Thickness of the peritumoral ring; the paper uses 3 mm.</source>
        <translation>瘤周环的厚度；论文使用 3 mm。</translation>
    </message>
    <message>
        <source>Peritumoral &amp;ring:</source>
        <translation>瘤周环(&amp;R)：</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>选择...</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation>数据文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The language applies at the next start. The other settings are the defaults of new runs; the run settings of the Study tab can still change them per run.</source>
        <translation>语言在下次启动时生效。其他设置是新运行的默认值；研究标签页中的运行设置仍可针对每次运行修改。</translation>
    </message>
</context>
<context>
    <name>drs::ui::ProjectMenu</name>
    <message>
        <source>&amp;New project...</source>
        <translation>新建项目(&amp;N)...</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>最近的项目(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import studies...</source>
        <translation>导入检查(&amp;I)...</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Project databases (*.sqlite)</source>
        <translation>项目数据库 (*.sqlite)</translation>
    </message>
    <message>
        <source>Create or open a project first: studies are imported into a project.</source>
        <translation>请先创建或打开一个项目：检查要导入到项目中。</translation>
    </message>
</context>
<context>
    <name>drs::ui::RadiomicsDialog</name>
    <message>
        <source>Radiomics features: %1</source>
        <translation>影像组学特征：%1</translation>
    </message>
    <message>
        <source>Filter: glcm, wavelet-LLH, Entropy...</source>
        <translation>筛选：glcm、wavelet-LLH、Entropy...</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Save as CSV...</source>
        <translation>另存为 CSV...</translation>
    </message>
    <message>
        <source>%1 of %2 features</source>
        <translation>%2 个特征中的 %1 个</translation>
    </message>
    <message>
        <source>Save radiomics features</source>
        <translation>保存影像组学特征</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>drs::ui::RoiTools</name>
    <message>
        <source>ROI editing</source>
        <translation>ROI 编辑</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>Click to place the crosshair</source>
        <translation>单击放置十字光标</translation>
    </message>
    <message>
        <source>Window/level</source>
        <translation>窗宽/窗位</translation>
    </message>
    <message>
        <source>Drag: right widens the window, down raises the level</source>
        <translation>拖动：向右加宽窗宽，向下提高窗位</translation>
    </message>
    <message>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Paint the label with a round brush</source>
        <translation>用圆形画笔绘制标签</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Erase the label with a round brush</source>
        <translation>用圆形画笔擦除标签</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter fills, Backspace drops a corner, Esc cancels</source>
        <translation>单击各顶点；双击或按 Enter 填充，Backspace 删除顶点，Esc 取消</translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation>手绘</translation>
    </message>
    <message>
        <source>Draw an outline with the button held; releasing fills it</source>
        <translation>按住按键绘制轮廓，松开即填充</translation>
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
        <source>HU range</source>
        <translation>HU 范围</translation>
    </message>
    <message>
        <source>Paint and fill only voxels whose HU lies in this range (erasing is not limited)</source>
        <translation>只绘制和填充 HU 值在此范围内的体素（擦除不受限制）</translation>
    </message>
    <message>
        <source>Fill between slices</source>
        <translation>层间填充</translation>
    </message>
    <message>
        <source>Interpolate the outline across the slices skipped between drawn slices</source>
        <translation>在已绘制层之间跳过的层上插值轮廓</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Undo zoom and pan in every slice view (R)</source>
        <translation>撤销所有切面视图的缩放和平移 (R)</translation>
    </message>
    <message>
        <source>&amp;ROI</source>
        <translation>ROI(&amp;R)</translation>
    </message>
    <message>
        <source>Open patient from project...</source>
        <translation>从项目打开患者...</translation>
    </message>
    <message>
        <source>Save outline to project as new version...</source>
        <translation>将轮廓另存为项目中的新版本...</translation>
    </message>
    <message>
        <source>Export as DICOM SEG...</source>
        <translation>导出为 DICOM SEG...</translation>
    </message>
    <message>
        <source>Export as RTSTRUCT...</source>
        <translation>导出为 RTSTRUCT...</translation>
    </message>
    <message>
        <source>Saves version %1 of ROI &apos;%2&apos; of %3</source>
        <translation>保存 %3 的 ROI“%2”的第 %1 版</translation>
    </message>
    <message>
        <source>Open the patient from a project (ROI &gt; Open patient from project) to save the outline there</source>
        <translation>请先从项目打开患者（ROI &gt; 从项目打开患者），才能将轮廓保存到项目中</translation>
    </message>
    <message>
        <source>Nothing to fill: draw the outline on two slices with empty slices between them.</source>
        <translation>无可填充内容：请在中间有空层的两个层上绘制轮廓。</translation>
    </message>
    <message numerus="yes">
        <source>Filled %n voxel(s) between the drawn slices.</source>
        <translation>
            <numerusform>已在绘制的层之间填充 %n 个体素。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tumour</source>
        <translation>肿瘤</translation>
    </message>
    <message>
        <source>Open a project first (File &gt; Open project...).</source>
        <translation>请先打开项目（文件 &gt; 打开项目...）。</translation>
    </message>
    <message>
        <source>%1: no patient has a study with an ROI.</source>
        <translation>%1：没有患者同时具有检查和 ROI。</translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation>打开患者</translation>
    </message>
    <message>
        <source>Patient:</source>
        <translation>患者：</translation>
    </message>
    <message>
        <source>Save outline</source>
        <translation>保存轮廓</translation>
    </message>
    <message>
        <source>Version %1 of ROI &apos;%2&apos; of %3.
Why was the outline changed?</source>
        <translation>%3 的 ROI“%2”的第 %1 版。
为什么修改了轮廓？</translation>
    </message>
    <message>
        <source>corrected in the viewer</source>
        <translation>在查看器中修正</translation>
    </message>
    <message>
        <source>Saving the outline</source>
        <translation>正在保存轮廓</translation>
    </message>
    <message numerus="yes">
        <source>Saved version %1 of ROI &apos;%2&apos;. %n run(s) derived from older versions are now marked stale.</source>
        <translation>
            <numerusform>已保存 ROI“%2”的第 %1 版。基于旧版本的 %n 次运行现已标记为过期。</numerusform>
        </translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation>请稍候：另一个任务仍在运行。</translation>
    </message>
    <message>
        <source>Export DICOM SEG</source>
        <translation>导出 DICOM SEG</translation>
    </message>
    <message>
        <source>Export RTSTRUCT</source>
        <translation>导出 RTSTRUCT</translation>
    </message>
    <message>
        <source>DICOM (*.dcm)</source>
        <translation>DICOM (*.dcm)</translation>
    </message>
    <message>
        <source>Exporting DICOM SEG</source>
        <translation>正在导出 DICOM SEG</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Exporting RTSTRUCT</source>
        <translation>正在导出 RTSTRUCT</translation>
    </message>
    <message>
        <source>Radiomics features (107)...</source>
        <translation>影像组学特征 (107)...</translation>
    </message>
    <message>
        <source>Radiomics features with wavelet (851)...</source>
        <translation>含小波的影像组学特征 (851)...</translation>
    </message>
    <message>
        <source>original image and its 8 coif1 wavelet decompositions</source>
        <translation>原始图像及其 8 个 coif1 小波分解</translation>
    </message>
    <message>
        <source>original image</source>
        <translation>原始图像</translation>
    </message>
    <message>
        <source>Computing radiomics features</source>
        <translation>正在计算影像组学特征</translation>
    </message>
    <message>
        <source>%1, label %2 as edited; pyradiomics&apos; settings with bin width %3 HU (Preferences), no resampling; %4.</source>
        <translation>%1，编辑后的标签 %2；pyradiomics 设置，bin 宽度 %3 HU（首选项），不重采样；%4。</translation>
    </message>
    <message>
        <source>Radiomics features with a parameter file...</source>
        <translation>使用参数文件计算影像组学特征...</translation>
    </message>
    <message>
        <source>pyradiomics parameter file</source>
        <translation>pyradiomics 参数文件</translation>
    </message>
    <message>
        <source>Parameter files (*.yaml *.yml *.json)</source>
        <translation>参数文件 (*.yaml *.yml *.json)</translation>
    </message>
    <message>
        <source>%1, label %2 as edited; the settings of %3; image types %4.</source>
        <translation>%1，编辑后的标签 %2；%3 中的设置；图像类型 %4。</translation>
    </message>
    <message>
        <source>Feature map...</source>
        <translation>特征图...</translation>
    </message>
    <message>
        <source>Feature map</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>pyradiomics&apos; kernelRadius: a voxel&apos;s value is the feature of the ROI voxels in the cube of 2 r + 1 voxels around it</source>
        <translation>pyradiomics 的 kernelRadius：每个体素的值是其周围 2 r + 1 体素立方体内 ROI 体素的特征</translation>
    </message>
    <message>
        <source>Feature:</source>
        <translation>特征：</translation>
    </message>
    <message>
        <source>Kernel radius (voxels):</source>
        <translation>核半径（体素）：</translation>
    </message>
    <message>
        <source>Computing a feature map</source>
        <translation>正在计算特征图</translation>
    </message>
    <message>
        <source>Feature map with a parameter file...</source>
        <translation>使用参数文件计算特征图...</translation>
    </message>
    <message>
        <source>%1: the file asks for no feature that has a map (shape features and IBSI&apos;s classes have none)</source>
        <translation>%1：该文件未要求任何具有特征图的特征（形状特征和 IBSI 的特征类没有特征图）</translation>
    </message>
</context>
<context>
    <name>drs::ui::RunSettingsPanel</name>
    <message>
        <source>Run settings</source>
        <translation>运行设置</translation>
    </message>
    <message>
        <source>Fast (107 features per region, 5x2 CV)</source>
        <translation>快速（每个区域 107 个特征，5x2 交叉验证）</translation>
    </message>
    <message>
        <source>Standard (851 features per region, 5x10 CV)</source>
        <translation>标准（每个区域 851 个特征，5x10 交叉验证）</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>The split, the folds and the network&apos;s initialisation follow from the seed.</source>
        <translation>训练/测试划分、交叉验证折和网络初始化均由种子决定。</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>Upper bound: early stopping on the validation AUC may end training sooner.</source>
        <translation>上限：基于验证集 AUC 的早停可能提前结束训练。</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>训练轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>Threads for radiomics and the classifier panel; the numbers do not depend on it.</source>
        <translation>影像组学和分类器组使用的线程数；结果与其无关。</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>线程数(&amp;T)：</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>The Deep-CT network&apos;s backbone; the paper uses DenseNet121.</source>
        <translation>Deep-CT 网络的主干；论文使用 DenseNet121。</translation>
    </message>
    <message>
        <source>&amp;Backbone:</source>
        <translation>主干网络(&amp;B)：</translation>
    </message>
    <message>
        <source>full (the paper&apos;s)</source>
        <translation>完整（论文设置）</translation>
    </message>
    <message>
        <source>1/%1</source>
        <translation>1/%1</translation>
    </message>
    <message>
        <source>Channel widths of the backbone. A quarter trains about 16 times faster on a CPU; ImageNet weights need the full width.</source>
        <translation>主干网络的通道宽度。四分之一宽度在 CPU 上训练约快 16 倍；ImageNet 权重需要完整宽度。</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <source>none: trained from scratch</source>
        <translation>无：从头训练</translation>
    </message>
    <message>
        <source>ImageNet &amp;weights:</source>
        <translation>ImageNet 权重(&amp;W)：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>LibTorch CPU threads for Deep-CT. One thread gives the same numbers on every machine and is the fastest on a busy 2-core machine.</source>
        <translation>Deep-CT 使用的 LibTorch CPU 线程数。单线程在所有机器上给出相同结果，并且在繁忙的双核机器上最快。</translation>
    </message>
    <message>
        <source>Deep-CT t&amp;hreads:</source>
        <translation>Deep-CT 线程数(&amp;H)：</translation>
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation>ImageNet 权重</translation>
    </message>
    <message>
        <source>Converted torchvision weights (*.pt);;All files (*)</source>
        <translation>转换后的 torchvision 权重 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(automatic: %1)</source>
        <translation>（自动：%1）</translation>
    </message>
    <message>
        <source>No CUDA device was detected.</source>
        <translation>未检测到 CUDA 设备。</translation>
    </message>
    <message>
        <source>The paper&apos;s network (standard, full-width DenseNet121 per endpoint, trained once)</source>
        <translation>论文的网络（标准模式，每个终点一个全宽 DenseNet121，只训练一次）</translation>
    </message>
    <message>
        <source>Fast and standard differ in the radiomic features (wavelet images) and the number of cross-validation repeats; both train one multi-task Deep-CT network per outer fold of the repeats the deep models are cross-validated in (the first five of standard&apos;s ten, the first of fast&apos;s two). The paper&apos;s network is one full-width single-task network per endpoint, trained once on 75 % of the training patients: its deep cross-validated AUCs are optimistic, and the evidence says so.</source>
        <translation>快速与标准模式的区别在于影像组学特征（小波图像）和交叉验证的重复次数；两者都在深度模型参与交叉验证的每次重复的每个外层折中训练一个多任务 Deep-CT 网络（标准模式十次重复中的前五次，快速模式两次重复中的第一次）。论文的网络是每个终点一个全宽单任务网络，只在 75% 的训练患者上训练一次：其深度模型的交叉验证 AUC 偏乐观，证据中会注明这一点。</translation>
    </message>
    <message>
        <source>The first cross-validation repeats, in which Deep-CT and Deep-RadScore are cross-validated with one Deep-CT network per outer fold: each repeat costs five networks. One repeat makes the choice among the seven classifiers more a matter of luck, and their CV AUCs optimistic on rare endpoints.</source>
        <translation>交叉验证的前若干次重复：Deep-CT 与 Deep-RadScore 在其中进行交叉验证，每个外层折训练一个 Deep-CT 网络，每次重复需要五个网络。只有一次重复时，在七个分类器中的选择更多取决于运气，罕见终点上的交叉验证 AUC 也偏乐观。</translation>
    </message>
    <message>
        <source>Deep CV re&amp;peats:</source>
        <translation>深度交叉验证重复次数(&amp;P)：</translation>
    </message>
    <message>
        <source>(as the shown run recorded them)</source>
        <translation>（按所显示运行的记录）</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>none: pyradiomics&apos; defaults</source>
        <translation>无：pyradiomics 默认设置</translation>
    </message>
    <message>
        <source>A pyradiomics parameter file (JSON, as drs extract --params) for both regions&apos; features: its settings and image types (Original, Wavelet) replace the bin width preference and the mode&apos;s wavelet choice.</source>
        <translation>用于两个区域特征的 pyradiomics 参数文件（JSON，同 drs extract --params）：其设置和图像类型（Original、Wavelet）取代灰度分箱宽度首选项和模式的小波选择。</translation>
    </message>
    <message>
        <source>&amp;Radiomics:</source>
        <translation>影像组学(&amp;R)：</translation>
    </message>
    <message>
        <source>Radiomics parameter file</source>
        <translation>影像组学参数文件</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>by centre</source>
        <translation>按中心</translation>
    </message>
    <message>
        <source>by centre, label as covariate</source>
        <translation>按中心，以标签为协变量</translation>
    </message>
    <message>
        <source>ComBat removes each centre&apos;s location and scale from the radiomic features. The estimates come from the training patients only, in every cross-validation fold, and are applied to test and external patients; a centre without training patients is left as it is. With the label as covariate the centre effects are estimated net of the endpoint&apos;s label (sva&apos;s mod), so that a prevalence that differs by centre is not harmonised away; every patient is still moved by its centre&apos;s shift and scale alone, as a new patient&apos;s label is unknown.</source>
        <translation>ComBat 从影像组学特征中去除各中心的位置和尺度效应。估计值仅来自训练患者(在每个交叉验证折中分别估计)，并应用于测试和外部患者；没有训练患者的中心保持不变。以标签为协变量时，中心效应在扣除该终点标签的影响后估计(同 sva 的 mod)，因此各中心间不同的阳性率不会被协调掉；由于新患者的标签未知，每位患者仍只按其中心的平移和尺度进行调整。</translation>
    </message>
    <message>
        <source>&amp;ComBat:</source>
        <translation>ComBat(&amp;C)：</translation>
    </message>
    <message>
        <source>lambda.min</source>
        <translation>lambda.min</translation>
    </message>
    <message>
        <source>lambda.1se (sparser)</source>
        <translation>lambda.1se（更稀疏）</translation>
    </message>
    <message>
        <source>The penalty of each RadScore, chosen by the LASSO&apos;s own 5-fold cross-validation on the training patients (glmnet&apos;s cv.glmnet): lambda.min has the smallest mean binomial deviance; lambda.1se is the largest lambda within one standard error of it and keeps fewer features. On the demo cohort the fused model did better with lambda.min (BENCHMARKS.md).</source>
        <translation>每个 RadScore 的惩罚系数，由 LASSO 在训练患者上自身的 5 折交叉验证选出（glmnet 的 cv.glmnet）：lambda.min 的平均二项偏差最小；lambda.1se 是与其相差不超过一个标准误的最大 lambda，保留的特征更少。在演示队列上融合模型使用 lambda.min 表现更好（见 BENCHMARKS.md）。</translation>
    </message>
    <message>
        <source>RadScore &amp;lambda:</source>
        <translation>RadScore lambda(&amp;L)：</translation>
    </message>
    <message>
        <source>glmnet&apos;s alpha for both RadScores: 1 is the LASSO (the paper&apos;s); below 1 the elastic net, which keeps groups of correlated features together and shrinks them instead of picking one of each group.</source>
        <translation>两个 RadScore 的 glmnet alpha：1 为 LASSO（论文的设置）；小于 1 为弹性网络，它将相关特征成组保留并一同收缩，而不是从每组中只选一个。</translation>
    </message>
    <message>
        <source>RadScore &amp;alpha:</source>
        <translation>RadScore alpha(&amp;A)：</translation>
    </message>
    <message>
        <source>No rotation</source>
        <translation>不旋转</translation>
    </message>
    <message>
        <source>Rotation up to %1 deg either way</source>
        <translation>双向旋转至多 %1 度</translation>
    </message>
    <message>
        <source>No intensity jitter</source>
        <translation>不做强度抖动</translation>
    </message>
    <message>
        <source>Intensity jitter up to %1 (%2 HU)</source>
        <translation>强度抖动至多 %1（%2 HU）</translation>
    </message>
    <message>
        <source>Cosine learning-rate schedule</source>
        <translation>余弦学习率调度</translation>
    </message>
    <message>
        <source>Constant learning rate</source>
        <translation>恒定学习率</translation>
    </message>
    <message>
        <source>Deep-CT training</source>
        <translation>Deep-CT 训练</translation>
    </message>
    <message>
        <source>Left-right flip (the other lung)</source>
        <translation>左右翻转（对侧肺）</translation>
    </message>
    <message>
        <source>Anterior-posterior flip (turns the patient over)</source>
        <translation>前后翻转（把患者翻过来）</translation>
    </message>
    <message>
        <source>pyradiomics parameter files (*.yaml *.yml *.json);;All files (*)</source>
        <translation>pyradiomics 参数文件 (*.yaml *.yml *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Sees the lung window</source>
        <translation>输入肺窗</translation>
    </message>
    <message>
        <source>Sees the lung and mediastinal windows and the tumour outline</source>
        <translation>输入肺窗、纵隔窗和肿瘤轮廓</translation>
    </message>
    <message>
        <source>Sees %1</source>
        <translation>输入 %1</translation>
    </message>
    <message>
        <source>Patch of the scanner&apos;s own pixels (the paper)</source>
        <translation>扫描仪原始像素的图像块（论文设置）</translation>
    </message>
    <message>
        <source>Patch fitted to the tumour (%1 tumour extents across)</source>
        <translation>按肿瘤大小缩放的图像块（宽度为肿瘤范围的 %1 倍）</translation>
    </message>
    <message>
        <source>Linear head on the deep features</source>
        <translation>深度特征上的线性分类头</translation>
    </message>
    <message>
        <source>ReLU between the deep features and the classes</source>
        <translation>深度特征与类别之间的 ReLU</translation>
    </message>
    <message>
        <source>Stop after %1 epochs without a better validation AUC or loss</source>
        <translation>验证 AUC 或损失连续 %1 个 epoch 未改善时停止</translation>
    </message>
    <message>
        <source>Deep-CT&apos;s training augmentation, learning-rate schedule, head, what the network sees and when it stops, as drs train&apos;s --no-flip-lr, --flip-ap, --rotation-deg, --intensity-jitter, --lr-schedule, --head-activation, --input-channels, --patch-fit and --patience. Only what is plausible for an axial chest CT is on by default: the anterior-posterior flip turns the patient over and erases any front-to-back signal. A patch fitted to the tumour gives every tumour the same share of it.</source>
        <translation>Deep-CT 的训练数据增强、学习率调度、分类头、网络的输入及何时停止训练，对应 drs train 的 --no-flip-lr、--flip-ap、--rotation-deg、--intensity-jitter、--lr-schedule、--head-activation、--input-channels、--patch-fit 和 --patience。默认只启用对轴位胸部 CT 合理的增强：前后翻转会把患者翻转过来，抹去任何前后方向的信号。按肿瘤大小缩放的图像块使每个肿瘤在其中占相同的比例。</translation>
    </message>
</context>
<context>
    <name>drs::ui::StudyPanel</name>
    <message>
        <source>Run %1 (seed %2): %3, started %4 UTC</source>
        <translation>运行 %1 (种子 %2):%3,开始于 %4 UTC</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>项目:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Open project...</source>
        <translation>打开项目...</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行:</translation>
    </message>
    <message>
        <source>Run study</source>
        <translation>运行研究</translation>
    </message>
    <message>
        <source>Runs the Deep-RadScore pipeline; an unfinished run with the same settings resumes.</source>
        <translation>运行 Deep-RadScore 流程;相同设置的未完成运行将继续。</translation>
    </message>
    <message>
        <source>Predict current study</source>
        <translation>预测当前影像</translation>
    </message>
    <message>
        <source>Predicts every endpoint for the study and mask open in the Images tab with the newest finished run.</source>
        <translation>用最新完成的运行,对“影像”标签页中打开的影像和掩膜预测每个终点。</translation>
    </message>
    <message>
        <source>Save patient report...</source>
        <translation>保存患者报告...</translation>
    </message>
    <message>
        <source>Save patient report</source>
        <translation>保存患者报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>%1% done: %2</source>
        <translation>已完成 %1%:%2</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Project databases (*.sqlite *.db);;All files (*)</source>
        <translation>项目数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation>请稍候:另一个任务仍在运行。</translation>
    </message>
    <message>
        <source>%1: no such project database file.</source>
        <translation>%1:项目数据库文件不存在。</translation>
    </message>
    <message>
        <source>Reading project</source>
        <translation>正在读取项目</translation>
    </message>
    <message>
        <source>Open a project database before running the study.</source>
        <translation>运行研究前请先打开项目数据库。</translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; run the study with drs train.</source>
        <translation>此版本没有 Deep-CT 引擎;请用 drs train 运行研究。</translation>
    </message>
    <message>
        <source>Choose at least one endpoint to analyse.</source>
        <translation>请至少选择一个要分析的终点。</translation>
    </message>
    <message>
        <source>Running the study</source>
        <translation>正在运行研究</translation>
    </message>
    <message>
        <source>Open a project database with a finished run before predicting.</source>
        <translation>预测前请先打开含已完成运行的项目数据库。</translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; predict with drs predict.</source>
        <translation>此版本没有 Deep-CT 引擎;请用 drs predict 进行预测。</translation>
    </message>
    <message>
        <source>Open a study and its tumour mask in the Images tab before predicting.</source>
        <translation>预测前请先在“影像”标签页中打开影像及其肿瘤掩膜。</translation>
    </message>
    <message>
        <source>%1: cannot create a folder for the prediction images.</source>
        <translation>%1:无法为预测图像创建文件夹。</translation>
    </message>
    <message>
        <source>Predicting</source>
        <translation>正在预测</translation>
    </message>
    <message>
        <source>No pipeline run yet: choose the settings and press &quot;Run study&quot;.</source>
        <translation>尚无流程运行:请选择设置并点击“运行研究”。</translation>
    </message>
    <message>
        <source>The project has no pipeline run yet.</source>
        <translation>该项目尚无流程运行。</translation>
    </message>
    <message>
        <source>Run %1 finished: the evidence below is complete.</source>
        <translation>运行 %1 已完成:下方证据完整。</translation>
    </message>
    <message>
        <source>Run %1 is marked running (interrupted, or running elsewhere): &quot;Run study&quot; with the same settings resumes it.</source>
        <translation>运行 %1 标记为运行中 (已中断,或正在别处运行):以相同设置点击“运行研究”可继续。</translation>
    </message>
    <message>
        <source>Run %1 %2: %3 &quot;Run study&quot; with the same settings resumes it; below is what it finished.</source>
        <translation>运行 %1 %2:%3 以相同设置点击“运行研究”可继续;下方为其已完成的部分。</translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine.</source>
        <translation>此版本没有 Deep-CT 引擎。</translation>
    </message>
    <message>
        <source>Save study report...</source>
        <translation>保存研究报告...</translation>
    </message>
    <message>
        <source>Save study report</source>
        <translation>保存研究报告</translation>
    </message>
    <message>
        <source>%1 - stale: outlines edited since</source>
        <translation>%1 - 已过期：此后轮廓已被编辑</translation>
    </message>
    <message numerus="yes">
        <source>Run %1 is stale: the outlines of %n patient(s) were edited after it used them (new ROI versions), so its numbers do not reflect them. &quot;Run study&quot; starts a new run from the current outlines.</source>
        <translation>
            <numerusform>运行 %1 已过期：%n 位患者的轮廓在该运行使用之后被编辑（新的 ROI 版本），其结果未反映这些修改。“运行研究”将基于当前轮廓开始新的运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cohort (Table 1)</source>
        <translation>队列（表 1）</translation>
    </message>
    <message>
        <source>%1: no such ImageNet weights file. Choose a converted weights file (see docs/deep-models.md) or clear the field to train from scratch.</source>
        <translation>%1：ImageNet 权重文件不存在。请选择转换后的权重文件（见 docs/deep-models.md），或清空该字段以从头训练。</translation>
    </message>
    <message>
        <source>External cohort:</source>
        <translation>外部队列：</translation>
    </message>
    <message>
        <source>Validate on external cohort</source>
        <translation>在外部队列上验证</translation>
    </message>
    <message>
        <source>Evaluates the shown finished run once on the chosen locked external cohort, at the run&apos;s own thresholds (as drs validate); an earlier validation on that cohort is replaced.</source>
        <translation>在所选的锁定外部队列上，以该运行自身的阈值对当前显示的已完成运行评估一次（同 drs validate）；该队列上先前的验证将被替换。</translation>
    </message>
    <message>
        <source>Open a project database with a finished run before validating.</source>
        <translation>验证前请先打开含已完成运行的项目数据库。</translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; validate with drs validate.</source>
        <translation>此版本没有 Deep-CT 引擎；请用 drs validate 进行验证。</translation>
    </message>
    <message>
        <source>%1: the project has no external cohort. Import one with Import studies... and &quot;Import as a locked external validation cohort&quot;.</source>
        <translation>%1：项目没有外部队列。请用“导入检查...”并选择“作为锁定的外部验证队列导入”来导入一个。</translation>
    </message>
    <message>
        <source>%1: the project has no pipeline run to validate. Nothing was written.</source>
        <translation>%1：项目没有可验证的流程运行。未写入任何内容。</translation>
    </message>
    <message>
        <source>%1: run %2 is %3, not finished: only a finished run can be validated on an external cohort. Nothing was written.</source>
        <translation>%1：运行 %2 的状态为 %3，尚未完成：只有已完成的运行才能在外部队列上验证。未写入任何内容。</translation>
    </message>
    <message>
        <source>Validating on %1</source>
        <translation>正在 %1 上验证</translation>
    </message>
    <message>
        <source>Patient&apos;s centre:</source>
        <translation>患者所属中心：</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Backbones</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>For a run harmonised by centre (ComBat): the training estimates of this centre are applied to the patient&apos;s features; &quot;unknown&quot; takes a project patient&apos;s own centre and leaves any other patient&apos;s features as extracted. The prediction records which (as drs predict --centre).</source>
        <translation>对于按中心协调 (ComBat) 的运行：将该中心的训练估计值应用于患者的特征；“未知”对项目内的患者采用其自身所属中心，其他患者则保持提取时的特征。预测会记录所采用的方式（同 drs predict --centre）。</translation>
    </message>
    <message>
        <source>It was made with options the run settings do not offer (its parameters are on the report&apos;s provenance page), so the settings shown are not its own.</source>
        <translation>它使用了运行设置中没有的选项(其参数见报告的来源页),因此所示设置并非它自己的设置。</translation>
    </message>
    <message>
        <source>Run %1 is %2. %3 &quot;Run study&quot; starts a new run with the settings shown; drs train with the run&apos;s own options resumes it.</source>
        <translation>运行 %1 状态为 %2。%3 点击“运行研究”将以所示设置开始新的运行;以该运行自己的选项执行 drs train 可继续它。</translation>
    </message>
</context>
<context>
    <name>drs::viewers</name>
    <message>
        <source>no OpenGL on the &apos;%1&apos; display platform</source>
        <translation>显示平台“%1”上没有 OpenGL</translation>
    </message>
    <message>
        <source>OpenGL %1.%2 found, 3.2 needed</source>
        <translation>找到 OpenGL %1.%2，需要 3.2</translation>
    </message>
    <message>
        <source>the OpenGL context cannot be used</source>
        <translation>无法使用 OpenGL 上下文</translation>
    </message>
</context>
<context>
    <name>drs::viewers::MaskEditor</name>
    <message>
        <source>Paint</source>
        <translation>绘制</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>擦除</translation>
    </message>
    <message>
        <source>Fill outline</source>
        <translation>填充轮廓</translation>
    </message>
    <message>
        <source>Fill between slices</source>
        <translation>层间填充</translation>
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
    <message>
        <source>  %1x</source>
        <translation>  %1x</translation>
    </message>
</context>
</TS>

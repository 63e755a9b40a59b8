<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ChartTools</name>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as SVG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as PDF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudyData</name>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n image</numerusform>
            <numerusform>%n images</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outlines: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableTools</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save table as CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeLeft</name>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message>
        <source>less than a minute left</source>
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
    <name>drs::ui::BackboneComparisonModel</name>
    <message>
        <source>chosen: best validation AUC (the test rows never rank)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n (pos.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AUC [95% CI]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NPV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pretrained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::BackboneComparisonView</name>
    <message>
        <source>Open backbone comparison...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A table written by drs deep-compare --out TABLE.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open backbone comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drs deep-compare table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Nothing was changed. Open a table written by drs deep-compare --out TABLE.csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backbone comparison open. drs deep-compare trains Deep-CT once per backbone on the same patients and ranks the backbones by validation AUC; open the table it wrote (--out TABLE.csv).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n backbone(s). Chosen: %2 (validation AUC %3), ranked by the validation quarter that early stopping watches; the test rows are shown and never rank.</source>
        <translation>
            <numerusform>%1: %n backbone. Chosen: %2 (validation AUC %3), ranked by the validation quarter that early stopping watches; the test rows are shown and never rank.</numerusform>
            <numerusform>%1: %n backbones. Chosen: %2 (validation AUC %3), ranked by the validation quarter that early stopping watches; the test rows are shown and never rank.</numerusform>
        </translation>
    </message>
    <message>
        <source>The run on screen used %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortModel</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2x%3x%4, %5x%6x%7 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (+%1 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 edited (version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no label (unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label: 1, 0, or empty when unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 used labels that have been changed since: its results are based on superseded labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 (superseded labels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The patient&apos;s subset in run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>development</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>external: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 voxels of %2 mm%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tumour&apos;s volume as the ROI outlines it: its voxels times a voxel&apos;s volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tumour (mL)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortPanel</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2: %3 -&gt; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import studies...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder of studies and a clinical CSV; a preview shows what will be imported and what is refused before anything is written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pseudonym, centre, label, subset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for label changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. pathology review of 2024-03</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Open it with Open project..., or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such project database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project open. Create one with File &gt; New project..., or open one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; patients, &lt;b&gt;%2&lt;/b&gt; studies, &lt;b&gt;%3&lt;/b&gt; ROIs (%4 edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; &lt;b&gt;%1&lt;/b&gt; runs (%2 finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 on edited outlines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 on superseded labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>); %1 label changes recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 positive, %3 negative, %4 unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No endpoints yet: import studies and a clinical CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a reason for the label change first (it is recorded with the change).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::CohortTableView</name>
    <message>
        <source>&lt;b&gt;By centre&lt;/b&gt; (descriptive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table 1 appears here once a run has drawn its training/test split.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::EvidenceView</name>
    <message>
        <source>Open a project database (File &gt; Open project...) to see its evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training n (pos.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test n (pos.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 test AUC [95% CI]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance of the three models on the test set (Table 3 style)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paired comparisons (DeLong test, same test patients)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifier panel: nested cross-validated AUC on the training cohort (* chosen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RadScore composition (LASSO, z-scored features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not yet evaluated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the test cohort is evaluated once, when every endpoint is fitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no radiomic signature: the LASSO kept no feature in either region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classifier: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has no analysed endpoint yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backbone not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, pretrained weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, trained from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n epoch(s)</source>
        <translation>
            <numerusform>, %n epoch</numerusform>
            <numerusform>, %n epochs</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: training %2 patients (%3 positive), test %4 patients (%5 positive). Deep-CT: %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pearson r of each RadScore with each deep feature on the training set: max |r| = %1, mean |r| = %2. Low values mean the two sources carry different information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No correlation summary in the evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHAP of the Deep-RadScore model on the test patients (expected output %1): bars rank the inputs by mean |SHAP|, dots show each patient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No SHAP summary in the evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Grad-CAM images in the evidence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: image not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External %1: %2 AUC [95% CI]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not validated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not evaluated</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n labelled external patient(s)</source>
        <translation>
            <numerusform>%n labelled external patient</numerusform>
            <numerusform>%n labelled external patients</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;External cohort %1&lt;/b&gt;: %2 labelled patients (%3 positive). The cohort is locked: never used for fitting, feature selection, classifier choice or thresholds. Each model is the run&apos;s own, at the run&apos;s operating threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal test set and external cohort (AUC with DeLong 95% CI)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics on the external cohort at the run&apos;s operating thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paired comparisons on the external cohort (DeLong test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run has not been validated on an external cohort. Import one with Import studies... (&quot;Import as a locked external validation cohort&quot;), then press &quot;Validate on external cohort&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No external cohort validated %1 in this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Descriptive only: %n event(s), fewer than %1; these AUCs are too unstable to rank.</source>
        <translation>
            <numerusform>Descriptive only: %n event, fewer than %1; these AUCs are too unstable to rank.</numerusform>
            <numerusform>Descriptive only: %n events, fewer than %1; these AUCs are too unstable to rank.</numerusform>
        </translation>
    </message>
    <message>
        <source>Points per classifier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each repeat&apos;s mean AUC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each outer fold&apos;s AUC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CV AUCs</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 outer folds in %n repeat(s)</source>
        <translation>
            <numerusform>%1: %2 outer folds in %n repeat</numerusform>
            <numerusform>%1: %2 outer folds in %n repeats</numerusform>
        </translation>
    </message>
    <message>
        <source>No model was built for this endpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run&apos;s evidence has no per-fold AUCs (it was written before they were kept): run the study again to see their distribution. The Metrics tab has each classifier&apos;s mean and SD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every classifier of each model, cross-validated on the training cohort with the whole chain refitted in every outer fold. Boxes: quartiles, whiskers to the lowest and highest value; filled and marked *: the chosen classifier (best mean AUC), refitted on all training patients. %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A model with one repeat was cross-validated on the first repeat only (one Deep-CT network per outer fold): show each outer fold&apos;s AUC to see its spread.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::ImportReportModel</name>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>will be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient id (source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pseudonym</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI voxels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::ImportWizard</name>
    <message>
        <source>Import studies into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Studies and clinical data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of studies:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder of studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical CSV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tumour label in mask files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: nothing has been written yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every study is read and checked as the import will. Refused studies are not imported; fix them and run the wizard again, or import the others now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All or nothing: if you cancel, nothing is written to the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written to the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed, nothing was written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading every study...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; studies will be imported, &lt;b&gt;%2&lt;/b&gt; refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous job is still stopping: go back and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; studies imported, &lt;b&gt;%2&lt;/b&gt; refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous job is still stopping: close the wizard and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as a locked external validation cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The patients are never used for fitting, feature selection, classifier choice or thresholds; a finished run is validated on them afterwards (Study tab). The clinical CSV must have exactly the project&apos;s endpoint and clinical columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the hospital or data set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External cohort name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They form the locked external cohort &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They form the locked external cohort &lt;b&gt;%1&lt;/b&gt;: validate a finished run on it in the Study tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. age, sex, smoking: the only clinical columns stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covariates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Studies read, checked and written side by side, as drs import --threads; each holds its image in memory until it is recorded. The project written does not depend on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One sub-folder per patient: a DICOM CT series with its RTSTRUCT, SEG or 3D Slicer .seg.nrrd, or an image and mask pair (NIfTI, NRRD). The clinical CSV needs a patient_id column; endpoint columns hold 0, 1 or nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the only ROI of each RTSTRUCT / SEG / Slicer segmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any (a folder must hold one, or one defining the ROI name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RTSTRUCT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM SEG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D Slicer segmentation (.seg.nrrd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For study folders holding several ROI files, as TCIA&apos;s NSCLC-Radiomics holds an RTSTRUCT and a SEG of each tumour: the one to import (drs import --roi-file-type).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI file:</source>
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
    <message>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D view unavailable: %1.
The slice views and all other tools work as usual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task is still running. Cancel it and close the window?

What has finished is kept: a cancelled pipeline run resumes from there when run again with the same settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling, then closing...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label maps, RTSTRUCT, SEG and 3D Slicer segmentations (*.nii *.nii.gz *.nrrd *.nhdr *.mha *.mhd *.dcm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The label&apos;s volume (voxel count x voxel volume) and its longest diameters between surface points, within one axial slice (as RECIST measures) and in 3D: pyradiomics&apos; VoxelVolume, Maximum2DDiameterSlice and Maximum3DDiameter. Updated after each edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 mL, longest diameter %2 mm axial, %3 mm 3D</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide feature &amp;map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save feature map...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, kernel radius %2 voxels: %3 (dark) to %4 (bright)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save feature map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NRRD files (*.nrrd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the image series</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n DICOM image series. Which one is the CT to open?</source>
        <translation>
            <numerusform>%1 holds %n DICOM image series. Which one is the CT to open?</numerusform>
            <numerusform>%1 holds %n DICOM image series. Which one is the CT to open?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an ROI of this study</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The folder holds %n ROI(s) drawn on this series. Open one as the tumour mask?</source>
        <translation>
            <numerusform>The folder holds %n ROI drawn on this series. Open it as the tumour mask?</numerusform>
            <numerusform>The folder holds %n ROIs drawn on this series. Open one as the tumour mask?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The folder holds %n ROI(s) drawn on this image. Open one as the tumour mask?</source>
        <translation>
            <numerusform>The folder holds %n ROI drawn on this image. Open it as the tumour mask?</numerusform>
            <numerusform>The folder holds %n ROIs drawn on this image. Open one as the tumour mask?</numerusform>
        </translation>
    </message>
    <message>
        <source>Not offered as the tumour mask: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gantry tilt %1°: each slice placed where it was acquired (moved up to %2 mm within its plane)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::PredictionView</name>
    <message>
        <source>Grad-CAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test sensitivity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test specificity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study and its tumour mask in the Images tab, then press &quot;Predict current study&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient %1 (%2): Deep-RadScore probabilities against each model&apos;s operating point (the Youden threshold of its cross-validated training predictions). Research use only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>positive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep patch not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComBat by centre: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project patient: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test AUC [95% CI]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, not reliable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, in-sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reliable: the model&apos;s test AUC CI reaches 0.5 or its test set held fewer than %1 events; in-sample: this patient was one of the model&apos;s training patients. Do not act on such a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep patch (160 x 160, lung window), tumour outline in magenta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grad-CAM: Deep-CT for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep-CT &amp;device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one per core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pipeline &amp;threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep-CT t&amp;hreads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> HU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics grey-level bin width (pyradiomics binWidth); 25 HU is pyradiomics&apos; default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics &amp;bin width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thickness of the peritumoral ring; the paper uses 3 mm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peritumoral &amp;ring:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language applies at the next start. The other settings are the defaults of new runs; the run settings of the Study tab can still change them per run.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::ProjectMenu</name>
    <message>
        <source>&amp;New project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import studies...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project databases (*.sqlite)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create or open a project first: studies are imported into a project.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::RadiomicsDialog</name>
    <message>
        <source>Radiomics features: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: glcm, wavelet-LLH, Entropy...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save radiomics features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::RoiTools</name>
    <message>
        <source>ROI editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to place the crosshair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window/level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag: right widens the window, down raises the level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint the label with a round brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase the label with a round brush</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter fills, Backspace drops a corner, Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freehand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw an outline with the button held; releasing fills it</source>
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
        <source>HU range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paint and fill only voxels whose HU lies in this range (erasing is not limited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill between slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interpolate the outline across the slices skipped between drawn slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo zoom and pan in every slice view (R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open patient from project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save outline to project as new version...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as DICOM SEG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export as RTSTRUCT...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves version %1 of ROI &apos;%2&apos; of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the patient from a project (ROI &gt; Open patient from project) to save the outline there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to fill: draw the outline on two slices with empty slices between them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Filled %n voxel(s) between the drawn slices.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tumour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project first (File &gt; Open project...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no patient has a study with an ROI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1 of ROI &apos;%2&apos; of %3.
Why was the outline changed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrected in the viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved version %1 of ROI &apos;%2&apos;. %n run(s) derived from older versions are now marked stale.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export DICOM SEG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export RTSTRUCT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DICOM (*.dcm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting DICOM SEG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting RTSTRUCT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics features (107)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics features with wavelet (851)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>original image and its 8 coif1 wavelet decompositions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>original image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing radiomics features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, label %2 as edited; pyradiomics&apos; settings with bin width %3 HU (Preferences), no resampling; %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics features with a parameter file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pyradiomics parameter file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter files (*.yaml *.yml *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, label %2 as edited; the settings of %3; image types %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature map...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pyradiomics&apos; kernelRadius: a voxel&apos;s value is the feature of the ROI voxels in the cube of 2 r + 1 voxels around it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel radius (voxels):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing a feature map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature map with a parameter file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file asks for no feature that has a map (shape features and IBSI&apos;s classes have none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::RunSettingsPanel</name>
    <message>
        <source>Run settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast (107 features per region, 5x2 CV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standard (851 features per region, 5x10 CV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The split, the folds and the network&apos;s initialisation follow from the seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper bound: early stopping on the validation AUC may end training sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads for radiomics and the classifier panel; the numbers do not depend on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Deep-CT network&apos;s backbone; the paper uses DenseNet121.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Backbone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full (the paper&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1/%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel widths of the backbone. A quarter trains about 16 times faster on a CPU; ImageNet weights need the full width.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: trained from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet &amp;weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LibTorch CPU threads for Deep-CT. One thread gives the same numbers on every machine and is the fastest on a busy 2-core machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep-CT t&amp;hreads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ImageNet weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted torchvision weights (*.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(automatic: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CUDA device was detected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper&apos;s network (standard, full-width DenseNet121 per endpoint, trained once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fast and standard differ in the radiomic features (wavelet images) and the number of cross-validation repeats; both train one multi-task Deep-CT network per outer fold of the repeats the deep models are cross-validated in (the first five of standard&apos;s ten, the first of fast&apos;s two). The paper&apos;s network is one full-width single-task network per endpoint, trained once on 75 % of the training patients: its deep cross-validated AUCs are optimistic, and the evidence says so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first cross-validation repeats, in which Deep-CT and Deep-RadScore are cross-validated with one Deep-CT network per outer fold: each repeat costs five networks. One repeat makes the choice among the seven classifiers more a matter of luck, and their CV AUCs optimistic on rare endpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep CV re&amp;peats:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(as the shown run recorded them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: pyradiomics&apos; defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pyradiomics parameter file (JSON, as drs extract --params) for both regions&apos; features: its settings and image types (Original, Wavelet) replace the bin width preference and the mode&apos;s wavelet choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Radiomics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Radiomics parameter file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by centre, label as covariate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComBat removes each centre&apos;s location and scale from the radiomic features. The estimates come from the training patients only, in every cross-validation fold, and are applied to test and external patients; a centre without training patients is left as it is. With the label as covariate the centre effects are estimated net of the endpoint&apos;s label (sva&apos;s mod), so that a prevalence that differs by centre is not harmonised away; every patient is still moved by its centre&apos;s shift and scale alone, as a new patient&apos;s label is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;ComBat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lambda.min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lambda.1se (sparser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The penalty of each RadScore, chosen by the LASSO&apos;s own 5-fold cross-validation on the training patients (glmnet&apos;s cv.glmnet): lambda.min has the smallest mean binomial deviance; lambda.1se is the largest lambda within one standard error of it and keeps fewer features. On the demo cohort the fused model did better with lambda.min (BENCHMARKS.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RadScore &amp;lambda:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>glmnet&apos;s alpha for both RadScores: 1 is the LASSO (the paper&apos;s); below 1 the elastic net, which keeps groups of correlated features together and shrinks them instead of picking one of each group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RadScore &amp;alpha:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation up to %1 deg either way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No intensity jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intensity jitter up to %1 (%2 HU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cosine learning-rate schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Constant learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep-CT training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left-right flip (the other lung)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anterior-posterior flip (turns the patient over)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pyradiomics parameter files (*.yaml *.yml *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sees the lung window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sees the lung and mediastinal windows and the tumour outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sees %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patch of the scanner&apos;s own pixels (the paper)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patch fitted to the tumour (%1 tumour extents across)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear head on the deep features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU between the deep features and the classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after %1 epochs without a better validation AUC or loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deep-CT&apos;s training augmentation, learning-rate schedule, head, what the network sees and when it stops, as drs train&apos;s --no-flip-lr, --flip-ap, --rotation-deg, --intensity-jitter, --lr-schedule, --head-activation, --input-channels, --patch-fit and --patience. Only what is plausible for an axial chest CT is on by default: the anterior-posterior flip turns the patient over and erases any front-to-back signal. A patch fitted to the tumour gives every tumour the same share of it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::ui::StudyPanel</name>
    <message>
        <source>Run %1 (seed %2): %3, started %4 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the Deep-RadScore pipeline; an unfinished run with the same settings resumes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict current study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicts every endpoint for the study and mask open in the Images tab with the newest finished run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save patient report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save patient report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% done: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project databases (*.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please wait: another task is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such project database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project database before running the study.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; run the study with drs train.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one endpoint to analyse.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project database with a finished run before predicting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; predict with drs predict.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a study and its tumour mask in the Images tab before predicting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot create a folder for the prediction images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pipeline run yet: choose the settings and press &quot;Run study&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project has no pipeline run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 finished: the evidence below is complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is marked running (interrupted, or running elsewhere): &quot;Run study&quot; with the same settings resumes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 %2: %3 &quot;Run study&quot; with the same settings resumes it; below is what it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save study report...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save study report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - stale: outlines edited since</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Run %1 is stale: the outlines of %n patient(s) were edited after it used them (new ROI versions), so its numbers do not reflect them. &quot;Run study&quot; starts a new run from the current outlines.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cohort (Table 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such ImageNet weights file. Choose a converted weights file (see docs/deep-models.md) or clear the field to train from scratch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External cohort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate on external cohort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluates the shown finished run once on the chosen locked external cohort, at the run&apos;s own thresholds (as drs validate); an earlier validation on that cohort is replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a project database with a finished run before validating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no Deep-CT engine; validate with drs validate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the project has no external cohort. Import one with Import studies... and &quot;Import as a locked external validation cohort&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the project has no pipeline run to validate. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: run %2 is %3, not finished: only a finished run can be validated on an external cohort. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validating on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient&apos;s centre:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backbones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a run harmonised by centre (ComBat): the training estimates of this centre are applied to the patient&apos;s features; &quot;unknown&quot; takes a project patient&apos;s own centre and leaves any other patient&apos;s features as extracted. The prediction records which (as drs predict --centre).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was made with options the run settings do not offer (its parameters are on the report&apos;s provenance page), so the settings shown are not its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 is %2. %3 &quot;Run study&quot; starts a new run with the settings shown; drs train with the run&apos;s own options resumes it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::viewers</name>
    <message>
        <source>no OpenGL on the &apos;%1&apos; display platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenGL %1.%2 found, 3.2 needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the OpenGL context cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>drs::viewers::MaskEditor</name>
    <message>
        <source>Paint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill between slices</source>
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
    <message>
        <source>  %1x</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

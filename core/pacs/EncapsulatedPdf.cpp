#include "core/pacs/EncapsulatedPdf.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrobow.h>
#include <QDateTime>
#include <QFile>
#include <cstdio>

#include "core/image/DicomWrite.h"
#include "core/util/AtomicFile.h"
#include "core/util/Error.h"

namespace drs::pacs {

namespace {

std::string newUid() {
    char uid[100];
    dcmGenerateUniqueIdentifier(uid, SITE_INSTANCE_UID_ROOT);
    return uid;
}

}  // namespace

void writeEncapsulatedPdf(const std::string& pdfPath, const StudyMatch& study, const std::string& documentTitle,
                          const std::string& outPath) {
    QFile pdf(QString::fromStdString(pdfPath));
    if (!pdf.open(QIODevice::ReadOnly)) throw Error(pdfPath + ": cannot read the report");
    QByteArray bytes = pdf.readAll();
    if (!bytes.startsWith("%PDF-")) throw Error(pdfPath + ": not a PDF file");
    if (study.studyInstanceUid.empty()) throw Error(pdfPath + ": no study to file the report in");
    const std::uint32_t documentLength = static_cast<std::uint32_t>(bytes.size());
    if (bytes.size() % 2) bytes.append('\0');  // OB values have even length

    const QDateTime now = QDateTime::currentDateTime();
    const std::string date = now.toString("yyyyMMdd").toStdString();
    const std::string time = now.toString("HHmmss").toStdString();
    DcmFileFormat format;
    DcmDataset& d = *format.getDataset();
    const std::pair<DcmTagKey, std::string> attributes[] = {
        {DCM_SpecificCharacterSet, "ISO_IR 192"},  // QIDO-RS answers are UTF-8
        {DCM_SOPClassUID, UID_EncapsulatedPDFStorage},
        {DCM_SOPInstanceUID, newUid()},
        {DCM_InstanceCreationDate, date},
        {DCM_InstanceCreationTime, time},
        {DCM_PatientName, study.patientName},
        {DCM_PatientID, study.patientId},
        {DCM_PatientBirthDate, study.patientBirthDate},
        {DCM_PatientSex, study.patientSex},
        {DCM_StudyInstanceUID, study.studyInstanceUid},
        {DCM_StudyDate, study.studyDate},
        {DCM_StudyTime, study.studyTime},
        {DCM_ReferringPhysicianName, study.referringPhysicianName},
        {DCM_StudyID, study.studyId},
        {DCM_AccessionNumber, study.accessionNumber},
        {DCM_Modality, "DOC"},
        {DCM_SeriesInstanceUID, newUid()},
        {DCM_SeriesNumber, "9901"},
        {DCM_SeriesDescription, "DeepRadScore report"},
        {DCM_Manufacturer, "DeepRadScore Studio"},
        {DCM_SoftwareVersions, DRS_VERSION},
        {DCM_ConversionType, "WSD"},
        {DCM_InstanceNumber, "1"},
        {DCM_ContentDate, date},
        {DCM_ContentTime, time},
        {DCM_AcquisitionDateTime, date + time},
        // The report names the patient by pseudonym, but a PDF's pages cannot be checked here.
        {DCM_BurnedInAnnotation, "YES"},
        {DCM_DocumentTitle, documentTitle},
        {DCM_MIMETypeOfEncapsulatedDocument, "application/pdf"},
    };
    for (const auto& [tag, value] : attributes)
        if (d.putAndInsertString(tag, value.c_str()).bad())
            throw Error(outPath + ": cannot set DICOM attribute " + DcmTag(tag).getTagName());
    d.insertEmptyElement(DCM_ConceptNameCodeSequence);
    d.putAndInsertUint32(DCM_EncapsulatedDocumentLength, documentLength);
    if (d.putAndInsertUint8Array(DCM_EncapsulatedDocument, reinterpret_cast<const Uint8*>(bytes.constData()),
                                 static_cast<unsigned long>(bytes.size()))
            .bad())
        throw Error(outPath + ": cannot store the PDF in the DICOM object");

    writeAtomically(outPath, "the DICOM file",
                    [&format](const std::string& temporary) { return saveDicomFile(format, temporary); });
}

}  // namespace drs::pacs

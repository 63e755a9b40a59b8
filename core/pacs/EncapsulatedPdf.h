#pragma once
#include <string>

#include "core/pacs/DicomWebClient.h"

namespace drs::pacs {

// Wraps a PDF (the patient report) as an Encapsulated PDF Storage instance (DICOM PS3.3 A.45.1)
// in a new DOC series of `study`, with the study's patient and study attributes as the server
// gave them, so the PACS files the report beside the images it describes. Written atomically;
// throws Error naming the file when the PDF is not a PDF or the write fails.
void writeEncapsulatedPdf(const std::string& pdfPath, const StudyMatch& study, const std::string& documentTitle,
                          const std::string& outPath);

}  // namespace drs::pacs

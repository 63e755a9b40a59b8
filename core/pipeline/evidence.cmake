# Evidence <-> JSON, kept by the project database and re-rendered by `drs report`.
target_sources(drs_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/EvidenceJson.cpp)

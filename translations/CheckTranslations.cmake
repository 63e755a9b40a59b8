# ctest translations_zh_CN_complete: the zh_CN catalogue has a finished translation for every
# string the sources pass through tr(). lupdate merges the current sources into a scratch copy of
# the committed .ts (new strings arrive "unfinished", removed ones are dropped), then no entry may
# be unfinished or empty. Fails with the strings that need translating.
# Inputs: LUPDATE, SOURCES_LIST (one source file a line), INCLUDE (the source root, so that
# namespaces resolve as in update_translations), TS (the committed file), WORK (scratch folder).
file(MAKE_DIRECTORY ${WORK})
set(copy ${WORK}/check_zh_CN.ts)
configure_file(${TS} ${copy} COPYONLY)
execute_process(COMMAND ${LUPDATE} -silent -no-obsolete -locations none -I ${INCLUDE} @${SOURCES_LIST} -ts ${copy}
                RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "lupdate failed: ${errors}")
endif()
file(READ ${copy} text)
string(REGEX MATCHALL "<source>[^<]*</source>[^<]*(<comment>[^<]*</comment>[^<]*)?<translation type=\"unfinished\"" unfinished "${text}")
string(REGEX MATCHALL "<numerusform></numerusform>" emptyForms "${text}")
list(LENGTH unfinished unfinishedCount)
list(LENGTH emptyForms emptyCount)
if(unfinishedCount GREATER 0 OR emptyCount GREATER 0)
  string(REPLACE ";" "\n" listed "${unfinished}")
  message(FATAL_ERROR "${TS}: ${unfinishedCount} string(s) without a finished Chinese translation and "
                      "${emptyCount} empty plural form(s). Run `cmake --build build --target update_translations` "
                      "and translate them:\n${listed}")
endif()
string(REGEX MATCHALL "<message" messages "${text}")
list(LENGTH messages count)
message(STATUS "${count} strings, all translated")

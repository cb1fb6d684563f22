# cmake -DNM=nm -DLIB=libmailwire.a -DDEF=mailwire.def -DOUT=out.def -P DecorateDef.cmake
#
# x86 Windows: WINAPI functions are stdcall, whose symbols carry the size of
# their arguments (_ImapConnectA@20). Writes DEF with each export given that
# size (ImapConnectA@20), which the linker, with --kill-at, exports as the
# plain name while the import library keeps the decorated symbol that
# callers' WINAPI declarations refer to.
execute_process(COMMAND ${NM} --defined-only -g ${LIB} OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} ${LIB} failed")
endif()
file(STRINGS ${DEF} lines)
set(out "")
foreach(line IN LISTS lines)
  if(line MATCHES "^    ([A-Za-z0-9_]+)$")
    set(name ${CMAKE_MATCH_1})
    if(NOT symbols MATCHES " T _${name}@([0-9]+)\n")
      message(FATAL_ERROR "${name}: no stdcall symbol in ${LIB}")
    endif()
    set(line "    ${name}@${CMAKE_MATCH_1}")
  endif()
  string(APPEND out "${line}\n")
endforeach()
file(WRITE ${OUT} "${out}")

# mk/replay.mk - replay/: the JSON log reader (knows no screen): the reader
# (lines, seq, warnings), typed getters over json-c, and the table-driven
# parser of event/fields.h.
noinst_LIBRARIES += libreplay.a
libreplay_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libreplay_a_SOURCES = \
	replay/replay.h replay/reader.c \
	replay/fields.h replay/fields.c \
	replay/parse.c

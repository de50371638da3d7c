# mk/replay.mk - replay/: the JSON log reader (knows no screen).
noinst_LIBRARIES += libreplay.a
libreplay_a_CFLAGS = $(AM_CFLAGS) $(DEP_CFLAGS)
libreplay_a_SOURCES = \
	replay/replay.h replay/replay.c

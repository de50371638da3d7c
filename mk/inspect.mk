# mk/inspect.mk - sources and tests of the inspect feature (included by Makefile.am).

# mk/plt.mk - sources and tests of the plt feature (included by Makefile.am).

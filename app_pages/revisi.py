"""Revisi: the versions behind this link, the figures that changed between two, and publishing a new version."""

from pekalongan.ui import state, versions

versions.revisi_ui(state.context().lang, "revisi")

"""Revisi: the versions behind this link, the figures that changed between two, and publishing a new version."""

from pekalongan.ui import versions, widgets

versions.revisi_ui(widgets.context().lang, "revisi")

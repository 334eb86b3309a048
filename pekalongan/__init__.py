"""Dasbor Ekspor Kota Pekalongan: reading the trade office's spreadsheets into clean export records."""

__version__ = "0.1.0"

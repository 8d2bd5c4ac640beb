"""Bulk import of water-quality results as labs send them: read (CSV/XLSX), check, load."""

"""Bulk import of lab results as labs send them (water-quality tests, pollution-source samples): read
(CSV/XLSX), check against a target, load all or nothing."""

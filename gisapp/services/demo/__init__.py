"""Demo data generators: crops catalogue and synthetic growing-area plots (no database)."""

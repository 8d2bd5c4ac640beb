"""gisapp: the digital agricultural map for Vietnamese provinces and communes."""

__version__ = "0.1.0"

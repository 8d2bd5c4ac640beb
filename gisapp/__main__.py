"""`python -m gisapp` runs the command line, so a checkout can be driven without the installed script."""

from gisapp.cli import app

app(prog_name="gisapp")

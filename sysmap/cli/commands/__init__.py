"""One module per ``sysmap`` sub-command; each defines ``COMMAND``."""

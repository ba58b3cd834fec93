"""The ``sysmap`` command line: the core, headless. Images render through the canvas."""

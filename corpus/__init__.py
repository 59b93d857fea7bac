"""The sample corpus the window opens on first run, shipped in the package."""

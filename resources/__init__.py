"""Data the app reads at run time (gazetteer, lexicon, verdict scale, icon), shipped in the package."""

//! The sentences: catalogues per language, CLDR plurals, number formats.

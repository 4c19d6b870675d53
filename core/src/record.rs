//! A `Value` to `Figures`: every field's validation and every input error's wording.

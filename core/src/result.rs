//! The result object of CONTRACT.md, encoded once for `check` and `batch`; CSV rows.

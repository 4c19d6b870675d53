//! The extension module `diamond_cli._core`: the one place Python meets the core.

use pyo3::prelude::*;

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", diamond_core::VERSION)?;
    Ok(())
}

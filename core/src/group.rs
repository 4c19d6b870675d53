//! `--group-by nip`: account rows merged into one seller per NIP.

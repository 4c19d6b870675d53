//! NIP (Polish tax number) validation.

//! A batch: chunks of records evaluated on threads, written in input order.

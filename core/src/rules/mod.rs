//! The rules of RULES.md, one module per rule, and the registry that orders them.

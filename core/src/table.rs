//! The thresholds table version in force, as Python hands it over once per run.
//!
//! Python reads and validates the YAML (with file:line:column errors); the core receives the
//! values. Every number a rule uses comes from here, never from code.

use crate::figures::{CategoryId, Grade};
use crate::number::Dec;

#[derive(Clone, Debug, PartialEq)]
pub enum ParamValue {
    Number(Dec),
    Grade(Grade),
    Bool(bool),
}

/// One parameter of one rule (`rules.<rule>.<name>` in the YAML).
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub rule: String,
    pub name: String,
    pub value: ParamValue,
    /// Its source is "interpretation" (our reading), not the program page.
    pub interpretation: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// The canonical name, as results name it.
    pub name: String,
    pub company: Dec,
    pub conditional: Dec,
    pub brand: Dec,
    pub aliases: Vec<String>,
    /// Allegro's Polish name (the table's `pl`): Polish sentences name the category by it, and
    /// records may spell it so, as an alias.
    pub pl: Option<String>,
}

impl Category {
    /// Every name a record may give it: the table's, the Polish one, the aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name)
            .chain(&self.pl)
            .chain(&self.aliases)
    }
}

/// Which table and version decided (the result's `thresholds` object).
#[derive(Clone, Debug, PartialEq)]
pub struct TableRef {
    pub name: String,
    pub version: String,
    pub effective_from: Option<String>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub reference: TableRef,
    pub params: Vec<Param>,
    /// In the table's order (the last tie-break).
    pub categories: Vec<Category>,
}

impl Table {
    /// No categories and no parameters: what sentences are filled against when they name
    /// categories by text (the views' own sentences, a number shown alone).
    pub const EMPTY: Table = Table {
        reference: TableRef {
            name: String::new(),
            version: String::new(),
            effective_from: None,
            source: String::new(),
        },
        params: Vec::new(),
        categories: Vec::new(),
    };

    pub fn param(&self, rule: &str, name: &str) -> Option<&Param> {
        self.params
            .iter()
            .find(|p| p.rule == rule && p.name == name)
    }

    pub fn category(&self, id: CategoryId) -> &Category {
        &self.categories[id]
    }
}

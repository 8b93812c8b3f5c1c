pub mod analysis;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod index;
pub mod output;
pub mod search;

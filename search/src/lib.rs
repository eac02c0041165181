//! Community search (being written).

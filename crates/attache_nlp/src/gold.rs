//! Readers for the event benchmark files (gold actors only are needed here).

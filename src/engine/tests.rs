//! Tests of the engine: every status rule and edge case (SPEC §3).

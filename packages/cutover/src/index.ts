// Explicit re-exports only.

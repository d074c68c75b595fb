// Explicit re-exports only. Web part (issue 7) and source part (issue 8).

// --- web ---

// --- source ---

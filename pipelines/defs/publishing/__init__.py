"""The published, validated snapshot the dashboard reads, and the nightly schedule."""

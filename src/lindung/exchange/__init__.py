"""Partner data exchange: agreements, the access gate, imports, exports, the audit log."""

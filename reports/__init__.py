"""Reports: per-municipality packages and the coordinator's overview (xlsx and offline html, in Dutch)."""

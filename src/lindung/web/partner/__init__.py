"""The partner API (``/api/partner/v1``): bearer tokens, one agreement per client."""

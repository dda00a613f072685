"""Media scanning: a Scrapy project plus the libraries around it (sources, URLs, fingerprints, privacy)."""

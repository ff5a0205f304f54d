CREATE INDEX alpha_by_name ON hub.alpha (name);
